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
    private let context: ObjectiveContext
    private let function: UnsafeMutablePointer<gsl_multimin_function>
    private let state: UnsafeMutablePointer<gsl_multimin_fminimizer>
    private let start: UnsafeMutablePointer<gsl_vector>
    private let steps: UnsafeMutablePointer<gsl_vector>
    private let dimension: Int

    public init(objective: any Objective, options: Options = Options()) throws(NumericsError) {
        GSL.prepare()
        let n = objective.dimension
        guard n >= 1 else { throw .invalidInput("a minimiser needs at least one variable, got \(n)") }
        guard options.initialStep.count == 1 || options.initialStep.count == n,
              options.initialStep.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw .invalidInput("the simplex steps must be 1 or \(n) positive numbers, got \(options.initialStep)")
        }
        self.options = options
        dimension = n
        context = ObjectiveContext(objective)
        state = try GSL.allocated(
            gsl_multimin_fminimizer_alloc(cgsl_multimin_fminimizer_nmsimplex2(), n), "Nelder-Mead minimiser (\(n) variables)")
        start = try GSLStorage.vector(n, "Nelder-Mead start")
        steps = try GSLStorage.vector(n, "Nelder-Mead steps")
        GSLStorage.copy(options.initialStep.count == n ? options.initialStep : Array(repeating: options.initialStep[0], count: n), into: steps)
        function = .allocate(capacity: 1)
        function.initialize(to: gsl_multimin_function(
            f: { x, params in
                let ctx = Unmanaged<ObjectiveContext>.fromOpaque(params!).takeUnretainedValue()
                return ctx.objective.value(at: x!.pointee.data)
            },
            n: n,
            params: Unmanaged.passUnretained(context).toOpaque()))
    }

    deinit {
        gsl_vector_free(steps)
        gsl_vector_free(start)
        gsl_multimin_fminimizer_free(state)
        function.deinitialize(count: 1)
        function.deallocate()
    }

    /// Minimise from `x0` (`dimension` finite numbers).
    public func minimize(from x0: [Double]) throws(NumericsError) -> Minimum {
        try GSLStorage.checkStart(x0, count: dimension)
        var best = try run(from: x0, iterationsSoFar: 0)
        var round = 0
        while round < options.restarts, best.report.converged {
            round += 1
            let again = try run(from: best.point, iterationsSoFar: best.report.iterations)
            best = again.value <= best.value ? again : Minimum(point: best.point, value: best.value, report: again.report)
        }
        return best
    }

    private func run(from x0: [Double], iterationsSoFar: Int) throws(NumericsError) -> Minimum {
        GSLStorage.copy(x0, into: start)
        let status = withExtendedLifetime(context) { gsl_multimin_fminimizer_set(state, function, start, steps) }
        try GSL.check(status, "Nelder-Mead set-up at \(x0)")
        var iterations = iterationsSoFar
        var report = SolverReport(converged: false, iterations: iterations, reason: .iterationLimit)
        withExtendedLifetime(context) {
            while iterations < options.maxIterations + iterationsSoFar {
                iterations += 1
                let step = gsl_multimin_fminimizer_iterate(state)
                if step != Int32(GSL_SUCCESS) {
                    report = SolverReport(converged: false, iterations: iterations, reason: .noProgress, detail: GSL.describe(step))
                    return
                }
                if gsl_multimin_test_size(gsl_multimin_fminimizer_size(state), options.sizeTolerance) == Int32(GSL_SUCCESS) {
                    report = SolverReport(converged: true, iterations: iterations, reason: .simplexSize)
                    return
                }
            }
            report = SolverReport(converged: false, iterations: iterations, reason: .iterationLimit)
        }
        return Minimum(point: GSLStorage.array(state.pointee.x), value: state.pointee.fval, report: report)
    }
}
