import Foundation

/// The variable-projection objective: for fixed exponents (alpha, beta) the law
/// L = E + A N^-alpha + B D^-beta is linear in (E, A, B), so the best non-negative (E, A, B)
/// comes from one small NNLS solve, and what is left is the residual sum of squares as a
/// function of (alpha, beta) alone:
///
///     phi(alpha, beta) = min_{E, A, B >= 0} sum_i (L_i - E - A N_i^-alpha - B D_i^-beta)^2
///
/// Residuals are in loss units (not log). Exponents outside (0, 10] give +infinity: the model
/// needs positive exponents for a frontier. One instance per thread.
public final class ProjectedObjective: Objective {
    public let dimension = 2
    private let points: [IsoFLOPPoint]
    private let losses: [Double]
    private let solver: NonNegativeLeastSquares
    private var design: Matrix
    private let stepsTerm: Bool

    /// - Parameter stepsTerm: add a fourth linear term S / steps (steps = D / batch), the cost of
    ///   too few optimiser steps, which fades as 1/D.
    public init(points: [IsoFLOPPoint], stepsTerm: Bool = false) throws {
        self.points = points
        self.stepsTerm = stepsTerm
        losses = points.map(\.loss)
        solver = try NonNegativeLeastSquares(observations: points.count, coefficients: stepsTerm ? 4 : 3)
        design = Matrix(rows: points.count, columns: stepsTerm ? 4 : 3)
    }

    /// The inner NNLS solution (E, A, B) at (alpha, beta), or nil where undefined.
    public func project(alpha: Double, beta: Double) -> NonNegativeFit? {
        guard alpha > 0, beta > 0, alpha <= 10, beta <= 10 else { return nil }
        for (i, p) in points.enumerated() {
            design[i, 0] = 1
            design[i, 1] = Foundation.pow(p.parameters, -alpha)
            design[i, 2] = Foundation.pow(p.tokens, -beta)
            if stepsTerm { design[i, 3] = 1 / p.relativeSteps }
        }
        return try? solver.solve(design: design, observations: losses)
    }

    public func value(at x: UnsafePointer<Double>) -> Double {
        project(alpha: x[0], beta: x[1])?.residualSumOfSquares ?? .infinity
    }
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
    /// Fit the optimiser-steps term S / steps as well (see `ProjectedObjective`).
    public var modelsSteps = false

    /// alpha, beta in {0.2, 0.5, 1.0}.
    public static let defaultStarts: [[Double]] = [0.2, 0.5, 1.0].flatMap { a in [0.2, 0.5, 1.0].map { [a, $0] } }

    public init(starts: [[Double]] = VariableProjectionFitter.defaultStarts) {
        self.starts = starts
    }

    public func fit(points: [IsoFLOPPoint]) throws -> SurfaceFit {
        let unknowns = modelsSteps ? 6 : 5
        guard points.count >= unknowns else { throw FittingError(.vpnls, "needs at least \(unknowns) runs for \(unknowns) parameters, got \(points.count)") }
        guard !starts.isEmpty else { throw FittingError(.vpnls, "no starting points") }
        let options = simplex
        let minima = try Parallel.map(count: starts.count, parallel: parallel, makeWorker: {
            try SimplexMinimizer(objective: ProjectedObjective(points: points, stepsTerm: modelsSteps), options: options)
        }, work: { minimizer, i in
            try minimizer.minimize(from: starts[i])
        })
        let ranked = MultiStartRanking(minima)
        guard let best = ranked.best,
              let inner = try ProjectedObjective(points: points, stepsTerm: modelsSteps).project(alpha: best.point[0], beta: best.point[1]) else {
            throw FittingError(.vpnls, "no start reached a finite residual")
        }
        let c = inner.coefficients
        let law = ChinchillaLaw(E: c[0], A: c[1], B: c[2], alpha: best.point[0], beta: best.point[1])
        let names = ["E", "A", "B", "S"]
        let notes = inner.activeConstraints.isEmpty ? [] :
            ["NNLS holds \(inner.activeConstraints.map { names[$0] }.joined(separator: ", ")) at zero"]
        var fit = try SurfaceFit(method: .vpnls, law: law, best: best, minima: minima, notes: notes,
                                 warmStarts: ranked.distinct(limit: warmStartCount, separation: 1e-3), points: points)
        if modelsSteps { fit.stepsCoefficient = c[3] }
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
