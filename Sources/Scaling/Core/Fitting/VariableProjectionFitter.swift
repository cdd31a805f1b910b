import Foundation

/// The variable-projection objective: for fixed exponents (alpha, beta) the law
/// L = E + A N^-alpha + B D^-beta is linear in (E, A, B), so the best non-negative (E, A, B)
/// comes from one small NNLS solve, and what is left is the residual sum of squares as a
/// function of (alpha, beta) alone:
///
///     phi(alpha, beta) = min_{E, A, B >= 0} sum_i (L_i - E - A N_i^-alpha - B D_i^-beta)^2
///
/// With hyperparameter effects (`SurfaceEffects`) the outer variables grow by the effects'
/// exponents and the inner solve by their coefficients; the columns are then written in scaled
/// units (N / 1e7, D / 1e9) so that the coefficients are of order one.
///
/// Residuals are in loss units (not log). Exponents outside (0, 10] (or an effect's box) give
/// `outside` (1e300): the model needs positive exponents for a frontier. One instance per thread.
public final class ProjectedObjective: Objective {
    public let dimension: Int
    public let effects: SurfaceEffects
    private let losses: [Double]
    /// ln N and ln D in the columns' units, ln(D / batch / 1e6) and ln lr per run.
    private let logN: [Double], logD: [Double], logSteps: [Double], logRate: [Double]
    private let solver: NonNegativeLeastSquares
    private var design: Matrix
    /// ln of the scales N and D are divided by (0 for the plain law: raw N and D).
    let logParameterScale: Double, logTokenScale: Double

    public init(points: [Observation], effects: SurfaceEffects = .none) throws {
        self.effects = effects
        dimension = effects.nonlinearCount
        losses = points.map(\.loss)
        let logParameterScale = effects.isNone ? 0 : Foundation.log(SurfaceEffects.parameterScale)
        let logTokenScale = effects.isNone ? 0 : Foundation.log(SurfaceEffects.tokenScale)
        self.logParameterScale = logParameterScale
        self.logTokenScale = logTokenScale
        logN = points.map { Foundation.log($0.parameters) - logParameterScale }
        logD = points.map { Foundation.log($0.tokens) - logTokenScale }
        if effects.steps {
            guard points.allSatisfy({ $0.batchSize != nil }) else {
                throw FittingError(.vpnls, "the optimiser-steps term needs every run's batch size")
            }
            logSteps = points.map { Foundation.log($0.tokens / $0.batchSize! / SurfaceEffects.stepsScale) }
        } else { logSteps = [] }
        if effects.learningRate {
            guard points.allSatisfy({ ($0.learningRate ?? 0) > 0 }) else {
                throw FittingError(.vpnls, "the learning-rate term needs every run's learning rate")
            }
            logRate = points.map { Foundation.log($0.learningRate!) }
        } else { logRate = [] }
        solver = try NonNegativeLeastSquares(observations: points.count, coefficients: effects.linearCount)
        design = Matrix(rows: points.count, columns: effects.linearCount)
    }

    /// The inner NNLS solution (E, A, B, [S], [k]) at the exponents `x`, or nil where undefined.
    /// A and B are in the scaled units of the columns; `surface(_:_:)` converts them.
    public func project(_ x: [Double]) -> NonNegativeFit? {
        x.withUnsafeBufferPointer(project)
    }

    private func project(_ x: UnsafeBufferPointer<Double>) -> NonNegativeFit? {
        guard let e = effects.exponents(x) else { return nil }
        for i in losses.indices {
            design[i, 0] = 1
            design[i, 1] = Foundation.exp(-e.alpha * logN[i])
            design[i, 2] = Foundation.exp(-e.beta * logD[i])
            var col = 3
            if effects.steps { design[i, col] = Foundation.exp(-e.gamma * logSteps[i]); col += 1 }
            if effects.learningRate {
                // With effects, logN is ln(N / 1e7), the learning-rate term's reference.
                let u = logRate[i] - e.a - e.b * logN[i]
                design[i, col] = (e.c == 0 ? 1 : Foundation.exp(e.c * logN[i])) * u * u
            }
        }
        return try? solver.solve(design: design, observations: losses)
    }

    /// The inner NNLS solution at (alpha, beta), for the plain law.
    public func project(alpha: Double, beta: Double) -> NonNegativeFit? { project([alpha, beta]) }

    /// The law and effects of an answer `x` with inner coefficients `c`, in unscaled units.
    func surface(_ x: [Double], _ c: [Double]) -> (law: ChinchillaLaw, effects: FittedEffects?) {
        let law = ChinchillaLaw(E: c[0], A: c[1] * Foundation.exp(x[0] * logParameterScale),
                                B: c[2] * Foundation.exp(x[1] * logTokenScale), alpha: x[0], beta: x[1])
        guard !effects.isNone, let e = x.withUnsafeBufferPointer(effects.exponents) else { return (law, nil) }
        var fitted = FittedEffects()
        if effects.steps { fitted.steps = .init(scale: c[3], exponent: e.gamma) }
        if effects.learningRate {
            fitted.learningRate = .init(curvature: c[effects.steps ? 4 : 3], curvatureExponent: e.c,
                                        optimumAtReference: Foundation.exp(e.a), optimumExponent: e.b)
        }
        return (law, fitted)
    }

    /// The residual sum of squares; outside the searched box a huge finite value (GSL refuses a
    /// simplex with a non-finite vertex, and a restart near the box's edge builds one).
    public func value(at x: UnsafePointer<Double>) -> Double {
        project(UnsafeBufferPointer(start: x, count: dimension))?.residualSumOfSquares ?? Self.outside
    }

    /// The objective's value outside the box: finite, and above any residual sum of squares.
    public static let outside = 1e300
}

/// Variable projection (VPNLS) for the Chinchilla surface: Nelder–Mead over (alpha, beta) on
/// `ProjectedObjective`, from a small grid of starts, keeping the lowest residual; (E, A, B)
/// come from the inner NNLS at the answer. The two-dimensional outer problem is well conditioned
/// and needs no 4,500-point grid.
///
/// The report is the outer simplex's; an NNLS constraint that holds a coefficient at zero is
/// noted in `SurfaceFit.notes` (the law is then degenerate: no frontier if A or B is zero).
public struct VariableProjectionFitter: ComputeOptimalFitter {
    public var method: FitMethod { .vpnls }
    /// Starts as (alpha, beta).
    public var starts: [[Double]]
    public var parallel: Bool = true
    public var simplex: SimplexMinimizer.Options = {
        var o = SimplexMinimizer.Options()
        o.initialStep = [0.05]
        o.sizeTolerance = 1e-10
        o.restarts = 2
        return o
    }()
    public var warmStartCount = 2
    /// Hyperparameter effects fitted beside the law (see `SurfaceEffects`); none by default.
    public var effects = SurfaceEffects.none
    /// The batch size the fitted frontier assumes for the steps effect (`SurfaceFit.frontierBatchSize`);
    /// the protocol's predictor sets it, nil leaves starvation out of the frontier.
    public var frontierBatchSize: Double? = nil

    /// alpha, beta in {0.2, 0.5, 1.0}.
    public static let defaultStarts: [[Double]] = [0.2, 0.5, 1.0].flatMap { a in [0.2, 0.5, 1.0].map { [a, $0] } }

    public init(starts: [[Double]] = VariableProjectionFitter.defaultStarts) {
        self.starts = starts
    }

    /// The starts in all the exponents: each (alpha, beta) start with each start of the effects'
    /// exponents (warm starts already have them all).
    public var fullStarts: [[Double]] {
        let d = effects.nonlinearCount
        return starts.flatMap { s in s.count == d ? [s] : effects.extraStarts.map { s + $0 } }
    }

    public func fit(points: [Observation]) throws -> SurfaceFit {
        let unknowns = effects.parameterCount
        guard points.count >= unknowns else { throw FittingError(.vpnls, "needs at least \(unknowns) runs for \(unknowns) parameters (\(effects)), got \(points.count)") }
        let starts = fullStarts
        guard !starts.isEmpty, starts.allSatisfy({ $0.count == effects.nonlinearCount }) else {
            throw FittingError(.vpnls, "the starts must each give \(effects.nonlinearCount) exponents, got \(self.starts)")
        }
        var options = simplex
        if !effects.isNone, options.initialStep.count == 1 { options.initialStep = [options.initialStep[0], options.initialStep[0]] + effects.extraSteps }
        let objective = try ProjectedObjective(points: points, effects: effects)
        let minima = try Parallel.map(count: starts.count, parallel: parallel, makeWorker: {
            try SimplexMinimizer(objective: ProjectedObjective(points: points, effects: effects), options: options)
        }, work: { minimizer, i in
            try minimizer.minimize(from: starts[i])
        })
        let ranked = MultiStartRanking(minima)
        guard let best = ranked.best, let inner = objective.project(best.point) else {
            throw FittingError(.vpnls, "no start reached a finite residual")
        }
        let (law, fitted) = objective.surface(best.point, inner.coefficients)
        let names = ["E", "A", "B"] + (effects.steps ? ["S"] : []) + (effects.learningRate ? ["k"] : [])
        let notes = inner.activeConstraints.isEmpty ? [] :
            ["NNLS holds \(inner.activeConstraints.map { names[$0] }.joined(separator: ", ")) at zero"]
        var fit = try SurfaceFit(method: .vpnls, law: law, best: best, minima: minima, notes: notes,
                                 warmStarts: ranked.distinct(limit: warmStartCount, separation: 1e-3), points: points)
        fit.effects = fitted
        fit.model = effects
        fit.frontierBatchSize = frontierBatchSize
        return fit
    }

    /// Bootstrap refits start at the full fit's best optima with a smaller first simplex (0.01)
    /// and one restart, on one thread.
    public func resampleFitter(warmStartedFrom full: SurfaceFit) -> VariableProjectionFitter {
        var f = self
        f.starts = full.warmStarts
        f.parallel = false
        f.simplex.initialStep = [0.01]
        f.simplex.restarts = 1
        return f
    }
}
