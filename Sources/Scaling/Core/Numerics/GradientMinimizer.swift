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
    private let state: GSLOwned<gsl_multimin_fdfminimizer>
    private let start: GSLOwned<gsl_vector>
    private let function: CallbackTable<gsl_multimin_function_fdf>

    public init(objective: any DifferentiableObjective, options: Options = Options()) throws(NumericsError) {
        let n = try GSL.prepare(variables: objective.dimension)
        self.options = options
        state = try GSLOwned(
            gsl_multimin_fdfminimizer_alloc(cgsl_multimin_fdfminimizer_vector_bfgs2(), n), "BFGS2 minimiser (\(n) variables)",
            free: { gsl_multimin_fdfminimizer_free($0) })
        start = try GSLOwned(vector: n, "BFGS2 start")
        function = CallbackTable(CallbackContext(ObjectiveCallbacks(objective))) { params in
            gsl_multimin_function_fdf(
                f: Trampolines.value, df: Trampolines.gradient, fdf: Trampolines.valueAndGradient, n: n, params: params)
        }
    }

    /// Minimise from `x0` (`dimension` finite numbers).
    public func minimize(from x0: [Double]) throws(NumericsError) -> Minimum {
        try start.load(start: x0)
        let s = state.pointer
        var report = try function.with { (function) throws(NumericsError) -> SolverReport in
            try GSL.check(
                gsl_multimin_fdfminimizer_set(s, function, start.pointer, options.initialStep, options.lineSearchTolerance),
                "BFGS2 set-up at \(x0)")
            func small() -> Bool { gsl_multimin_test_gradient(s.pointee.gradient, options.gradientTolerance) == Int32(GSL_SUCCESS) }
            return try SolverReport.iterating(limit: options.maxIterations, testFirst: true, until: .gradientTolerance, small,
                                              step: { gsl_multimin_fdfminimizer_iterate(s) }) { status, iterations in
                let converged = small()
                return SolverReport(converged: converged, iterations: iterations,
                                    reason: converged ? .gradientTolerance : .noProgress, detail: GSL.describe(status))
            }
        }
        let norm = gsl_blas_dnrm2(s.pointee.gradient)
        if !report.converged { report.detail += (report.detail.isEmpty ? "" : "; ") + "|grad| = \(NumberFormat.sci(norm, digits: 2))" }
        return Minimum(point: GSLStorage.array(s.pointee.x), value: s.pointee.f, gradientNorm: norm, report: report)
    }
}
