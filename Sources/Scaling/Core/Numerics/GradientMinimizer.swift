import CGSL

/// Minimisation with an analytic gradient by GSL's BFGS2 (`gsl_multimin_fdfminimizer_vector_bfgs2`,
/// Fletcher's quasi-Newton method with a Moré–Thuente-style line search).
///
/// Stops when `|grad f|_2 < gradientTolerance` (converged), when the line search can find no
/// lower point (`noProgress`; near a minimum at machine precision this is the usual end, and the
/// gradient test is applied once more to decide `converged`), or after `maxIterations`.
///
/// One minimiser owns one GSL workspace for its objective's dimension: reuse it for many starts
/// (multi-start fits), one minimiser per thread. Nothing is allocated per iteration.
///
/// ```swift
/// let m = try GradientMinimizer(objective: rosenbrock)
/// let best = try m.minimize(from: [-1.2, 1])   // best.point ~ [1, 1], best.report.converged
/// ```
public final class GradientMinimizer {
    public struct Options: Sendable {
        /// Size of the first trial step.
        public var initialStep: Double = 1e-2
        /// Accuracy of the line search (GSL recommends 0.1 for BFGS2).
        public var lineSearchTolerance: Double = 0.1
        /// Absolute tolerance on the Euclidean norm of the gradient.
        public var gradientTolerance: Double = 1e-7
        public var maxIterations: Int = 2_000
        public init() {}
    }

    public let options: Options
    private let context: ObjectiveContext
    private let function: UnsafeMutablePointer<gsl_multimin_function_fdf>
    private let state: UnsafeMutablePointer<gsl_multimin_fdfminimizer>
    private let start: UnsafeMutablePointer<gsl_vector>
    private let dimension: Int

    public init(objective: any DifferentiableObjective, options: Options = Options()) throws(NumericsError) {
        GSL.prepare()
        let n = objective.dimension
        guard n >= 1 else { throw .invalidInput("a minimiser needs at least one variable, got \(n)") }
        self.options = options
        dimension = n
        context = ObjectiveContext(objective)
        state = try GSL.allocated(
            gsl_multimin_fdfminimizer_alloc(cgsl_multimin_fdfminimizer_vector_bfgs2(), n), "BFGS2 minimiser (\(n) variables)")
        start = try GSLStorage.vector(n, "BFGS2 start")
        // GSL keeps this pointer for the workspace's lifetime: it lives on the heap until deinit.
        function = .allocate(capacity: 1)
        function.initialize(to: gsl_multimin_function_fdf(
            f: { x, params in
                let ctx = Unmanaged<ObjectiveContext>.fromOpaque(params!).takeUnretainedValue()
                return ctx.objective.value(at: x!.pointee.data)
            },
            df: { x, params, g in
                let ctx = Unmanaged<ObjectiveContext>.fromOpaque(params!).takeUnretainedValue()
                _ = ctx.differentiable!.value(at: x!.pointee.data, gradient: g!.pointee.data)
            },
            fdf: { x, params, f, g in
                let ctx = Unmanaged<ObjectiveContext>.fromOpaque(params!).takeUnretainedValue()
                f!.pointee = ctx.differentiable!.value(at: x!.pointee.data, gradient: g!.pointee.data)
            },
            n: n,
            params: Unmanaged.passUnretained(context).toOpaque()))
    }

    deinit {
        gsl_vector_free(start)
        gsl_multimin_fdfminimizer_free(state)
        function.deinitialize(count: 1)
        function.deallocate()
    }

    /// Minimise from `x0` (`dimension` finite numbers).
    public func minimize(from x0: [Double]) throws(NumericsError) -> Minimum {
        try GSLStorage.checkStart(x0, count: dimension)
        GSLStorage.copy(x0, into: start)
        let status = withExtendedLifetime(context) {
            gsl_multimin_fdfminimizer_set(state, function, start, options.initialStep, options.lineSearchTolerance)
        }
        try GSL.check(status, "BFGS2 set-up at \(x0)")
        var iterations = 0
        var report = SolverReport(converged: false, iterations: 0, reason: .iterationLimit)
        withExtendedLifetime(context) {
            while true {
                if gsl_multimin_test_gradient(state.pointee.gradient, options.gradientTolerance) == Int32(GSL_SUCCESS) {
                    report = SolverReport(converged: true, iterations: iterations, reason: .gradientTolerance)
                    return
                }
                if iterations >= options.maxIterations {
                    report = SolverReport(converged: false, iterations: iterations, reason: .iterationLimit)
                    return
                }
                iterations += 1
                let step = gsl_multimin_fdfminimizer_iterate(state)
                if step != Int32(GSL_SUCCESS) {
                    let converged = gsl_multimin_test_gradient(state.pointee.gradient, options.gradientTolerance) == Int32(GSL_SUCCESS)
                    report = SolverReport(
                        converged: converged, iterations: iterations,
                        reason: converged ? .gradientTolerance : .noProgress, detail: GSL.describe(step))
                    return
                }
            }
        }
        let norm = gsl_blas_dnrm2(state.pointee.gradient)
        if !report.converged { report.detail += (report.detail.isEmpty ? "" : "; ") + "|grad| = \(NumberFormat.sci(norm, digits: 2))" }
        return Minimum(
            point: GSLStorage.array(state.pointee.x), value: state.pointee.f, gradientNorm: norm, report: report)
    }
}
