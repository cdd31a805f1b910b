import Foundation

/// Chinchilla's Approach 3: minimise `HuberLogObjective` (delta = 1e-3, summed over runs) by
/// BFGS2 with the analytic gradient from every point of a start grid, and keep the lowest
/// objective (ties to the earlier start).
///
/// Every start runs until |grad f| < 1e-5 (`screening`); the best `warmStartCount` distinct
/// optima are then polished to |grad f| < 1e-7 (`polishing`) and the best polished one is the
/// fit, with its solver report. Polishing only the leaders saves the grid from spending most of
/// its time refining optima that lose anyway. 1e-7 is near what double precision allows here:
/// on the zero-residual course data BFGS2's line search stalls at |grad f| ~ 4e-8.
///
/// The default grid is Chinchilla's 4,500 starts: alpha, beta in {0, 0.5, ..., 2},
/// e in {-1, -0.5, ..., 1}, a, b in {0, 5, ..., 25}. The starts are spread over the cores, one
/// minimiser workspace per worker, and the result does not depend on the number of cores.
/// The frontier needs alpha, beta > 0; a best optimum without them is an error.
///
/// Bootstrap resamples (`resampleFitter`) start only from the full fit's best distinct local
/// optima (`SurfaceFit.warmStarts`) on one thread: the replicate fits are then cheap, at the risk
/// of missing a basin the full grid would have found for that resample.
public struct ParametricFitter: ComputeOptimalFitter {
    public var method: FitMethod { .parametric }
    /// Starts as (e, a, b, alpha, beta).
    public var starts: [[Double]]
    public var delta: Double = 1e-3
    public var parallel: Bool = true
    /// BFGS2 settings for every start of the grid: run until |grad f| < 1e-5.
    public var screening: GradientMinimizer.Options = {
        var o = GradientMinimizer.Options()
        o.gradientTolerance = 1e-5
        o.maxIterations = 1_000
        return o
    }()
    /// BFGS2 settings for polishing the best distinct optima of the grid: |grad f| < 1e-7.
    public var polishing: GradientMinimizer.Options = {
        var o = GradientMinimizer.Options()
        o.gradientTolerance = 1e-7
        o.maxIterations = 2_000
        return o
    }()
    /// How many distinct local optima to keep as bootstrap warm starts.
    public var warmStartCount = 8

    public init(starts: [[Double]] = ParametricFitter.chinchillaGrid) {
        self.starts = starts
    }

    /// alpha, beta in {0, 0.5, ..., 2}; e in {-1, -0.5, ..., 1}; a, b in {0, 5, ..., 25}: 5 x 5 x 5 x 6 x 6 = 4,500.
    public static let chinchillaGrid: [[Double]] = grid(
        e: stride(from: -1.0, through: 1.0, by: 0.5).map { $0 },
        a: stride(from: 0.0, through: 25.0, by: 5.0).map { $0 },
        b: stride(from: 0.0, through: 25.0, by: 5.0).map { $0 },
        alpha: stride(from: 0.0, through: 2.0, by: 0.5).map { $0 },
        beta: stride(from: 0.0, through: 2.0, by: 0.5).map { $0 })

    /// Every combination, as (e, a, b, alpha, beta).
    public static func grid(e: [Double], a: [Double], b: [Double], alpha: [Double], beta: [Double]) -> [[Double]] {
        var starts: [[Double]] = []
        for x in e { for y in a { for z in b { for p in alpha { for q in beta { starts.append([x, y, z, p, q]) } } } } }
        return starts
    }

    public func fit(points: [Observation]) throws -> SurfaceFit {
        guard points.count >= 5 else { throw FittingError(.parametric, "needs at least 5 runs for 5 parameters, got \(points.count)") }
        guard !starts.isEmpty else { throw FittingError(.parametric, "no starting points") }
        let options = screening
        let minima = try Parallel.map(count: starts.count, parallel: parallel, makeWorker: {
            let objective = HuberLogObjective(points: points, delta: delta)
            return (objective, try GradientMinimizer(objective: objective, options: options))
        }, work: { worker, i in
            var m = try worker.1.minimize(from: worker.0.centred(starts[i]))
            m.point = worker.0.uncentred(m.point)
            return m
        })
        let screened = MultiStartRanking(minima).distinct(limit: warmStartCount)
        guard !screened.isEmpty else {
            throw FittingError(.parametric, "no start reached a finite objective")
        }
        let objective = HuberLogObjective(points: points, delta: delta)
        let polisher = try GradientMinimizer(objective: objective, options: polishing)
        let polished = try screened.map { start in
            var m = try polisher.minimize(from: objective.centred(start))
            m.point = objective.uncentred(m.point)
            return m
        }
        let ranked = MultiStartRanking(polished)
        guard var best = ranked.best else {
            throw FittingError(.parametric, "no polished optimum is finite")
        }
        var notes = ["the \(screened.count) best distinct grid optima (|grad| < \(screening.gradientTolerance)) polished by BFGS2 to |grad| < \(polishing.gradientTolerance)"]
        if let refined = try leastSquaresPolish(best, objective) {
            best = refined
            notes.append("every log residual inside the Huber zone (|r| <= \(delta)): refined by Levenberg-Marquardt on the log residuals")
        }
        let x = best.point
        let law = ChinchillaLaw(E: Foundation.exp(x[0]), A: Foundation.exp(x[1]), B: Foundation.exp(x[2]), alpha: x[3], beta: x[4])
        return try SurfaceFit(method: .parametric, law: law, best: best, minima: minima, notes: notes,
                              warmStarts: ranked.distinct(limit: warmStartCount), points: points)
    }

    /// Where every log residual at `best` lies inside the Huber's quadratic zone, the objective is
    /// exactly half the sum of squared log residuals nearby, and Levenberg-Marquardt (which
    /// converges to machine precision where BFGS2's line search stalls) finishes the job. Its
    /// answer is kept only if it stays inside the zone and does not raise the objective.
    private func leastSquaresPolish(_ best: Minimum, _ objective: HuberLogObjective) throws -> Minimum? {
        let start = objective.centred(best.point)
        guard objective.largestResidual(at: start) <= delta else { return nil }
        let fit = try NonlinearLeastSquares(model: objective).solve(from: start)
        guard fit.parameters.allSatisfy(\.isFinite), objective.largestResidual(at: fit.parameters) <= delta else { return nil }
        let value = fit.parameters.withUnsafeBufferPointer { objective.value(at: $0.baseAddress!) }
        guard value <= best.value else { return nil }
        return Minimum(point: objective.uncentred(fit.parameters), value: value, report: fit.report)
    }

    public func resampleFitter(warmStartedFrom full: SurfaceFit) -> ParametricFitter {
        var f = self
        f.starts = full.warmStarts
        f.parallel = false
        return f
    }
}
