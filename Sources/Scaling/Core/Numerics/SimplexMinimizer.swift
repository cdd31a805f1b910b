import CGSL

/// Derivative-free minimisation by GSL's Nelder–Mead simplex (`gsl_multimin_fminimizer_nmsimplex2`).
///
/// Converged when the simplex's characteristic size (mean distance of its vertices from the
/// centre) falls below `sizeTolerance`. Nelder–Mead makes no promise of reaching a stationary
/// point for non-smooth or badly scaled problems: restart from the answer (`restarts`) to guard
/// against a collapsed simplex; each restart builds a fresh simplex of `initialStep` around the
/// best point so far. One minimiser per thread; nothing is allocated per iteration.
public final class SimplexMinimizer {
    public struct Options: Sendable {
        /// Initial simplex edge, one per variable (a single value is used for all).
        public var initialStep: [Double] = [0.1]
        public var sizeTolerance: Double = 1e-10
        public var maxIterations: Int = 5_000
        /// Fresh simplices built around the answer after the first convergence.
        public var restarts: Int = 1
        public init() {}
    }

    public let options: Options
    private let state: GSLOwned<gsl_multimin_fminimizer>
    private let start: GSLOwned<gsl_vector>
    private let steps: GSLOwned<gsl_vector>
    private let function: CallbackTable<gsl_multimin_function>

    public init(objective: any Objective, options: Options = Options()) throws(NumericsError) {
        let n = try GSL.prepare(variables: objective.dimension)
        guard options.initialStep.count == 1 || options.initialStep.count == n,
              options.initialStep.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw .invalidInput("the simplex steps must be 1 or \(n) positive numbers, got \(options.initialStep)")
        }
        self.options = options
        state = try GSLOwned(
            gsl_multimin_fminimizer_alloc(cgsl_multimin_fminimizer_nmsimplex2(), n), "Nelder-Mead minimiser (\(n) variables)",
            free: { gsl_multimin_fminimizer_free($0) })
        start = try GSLOwned(vector: n, "Nelder-Mead start")
        steps = try GSLOwned(vector: n, "Nelder-Mead steps")
        GSLStorage.copy(options.initialStep.count == n ? options.initialStep : Array(repeating: options.initialStep[0], count: n), into: steps.pointer)
        function = CallbackTable(CallbackContext(ObjectiveCallbacks(objective))) { params in
            gsl_multimin_function(f: Trampolines.value, n: n, params: params)
        }
    }

    /// Minimise from `x0` (`dimension` finite numbers).
    public func minimize(from x0: [Double]) throws(NumericsError) -> Minimum {
        try start.load(start: x0)
        var best = try run(from: x0, iterationsSoFar: 0)
        var round = 0
        while round < options.restarts, best.report.converged {
            round += 1
            GSLStorage.copy(best.point, into: start.pointer)
            let again = try run(from: best.point, iterationsSoFar: best.report.iterations)
            best = again.value <= best.value ? again : Minimum(point: best.point, value: best.value, report: again.report)
        }
        return best
    }

    /// One simplex around `x0`, already in `start`.
    private func run(from x0: [Double], iterationsSoFar: Int) throws(NumericsError) -> Minimum {
        let s = state.pointer
        let report = try function.with { (function) throws(NumericsError) -> SolverReport in
            try GSL.check(gsl_multimin_fminimizer_set(s, function, start.pointer, steps.pointer), "Nelder-Mead set-up at \(x0)")
            return try SolverReport.iterating(
                from: iterationsSoFar, limit: options.maxIterations + iterationsSoFar, until: .simplexSize,
                { gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), options.sizeTolerance) == Int32(GSL_SUCCESS) },
                step: { gsl_multimin_fminimizer_iterate(s) }) { status, iterations in
                SolverReport(converged: false, iterations: iterations, reason: .noProgress, detail: GSL.describe(status))
            }
        }
        return Minimum(point: GSLStorage.array(s.pointee.x), value: s.pointee.fval, report: report)
    }
}
