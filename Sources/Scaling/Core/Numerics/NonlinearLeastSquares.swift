import CGSL

/// A model for nonlinear least squares: `residualCount` residuals `f_i(x)` of `parameterCount`
/// parameters, with the analytic Jacobian `J_ij = d f_i / d x_j`. Evaluation must not allocate.
public protocol LeastSquaresModel: AnyObject {
    var parameterCount: Int { get }
    var residualCount: Int { get }
    /// Write `f(x)` into `residuals[0..<residualCount]`; return false where `f` is undefined.
    func residuals(at x: UnsafePointer<Double>, into residuals: UnsafeMutablePointer<Double>) -> Bool
    /// Write the Jacobian row-major (`jacobian[i * parameterCount + j]`); return false where undefined.
    func jacobian(at x: UnsafePointer<Double>, into jacobian: UnsafeMutablePointer<Double>) -> Bool
}

/// The solution of a nonlinear least-squares problem `min 1/2 sum_i f_i(x)^2`.
public struct NonlinearFit: Sendable, Equatable, Codable {
    public var parameters: [Double]
    /// `sum_i f_i^2` at the solution.
    public var residualSumOfSquares: Double
    /// `s^2 (J^T J)^-1` with `s^2 = residualSumOfSquares / (n - p)`: the usual asymptotic
    /// covariance when the residuals are unweighted; from the Jacobian at the solution.
    public var covariance: Matrix
    public var report: SolverReport
    public var standardErrors: [Double] { covariance.diagonal.map { $0.squareRoot() } }
}

/// Nonlinear least squares by GSL's trust-region driver (`gsl_multifit_nlinear`) with the
/// Levenberg–Marquardt subproblem, Moré scaling and a QR solver, using the model's analytic
/// Jacobian.
///
/// Converged when the step is small relative to `x` (`xtol`) or the scaled gradient is small
/// (`gtol`); `GSL_EMAXITER` and `GSL_ENOPROG` come back as unconverged reports, not errors.
public final class NonlinearLeastSquares {
    public struct Options: Sendable {
        public var stepTolerance: Double = 1e-12
        public var gradientTolerance: Double = 1e-12
        public var costTolerance: Double = 1e-14
        public var maxIterations: Int = 500
        public init() {}
    }

    public let options: Options
    private let n: Int
    private let p: Int
    private let workspace: GSLOwned<gsl_multifit_nlinear_workspace>
    private let start: GSLOwned<gsl_vector>
    private let covariance: GSLOwned<gsl_matrix>
    private let function: CallbackTable<gsl_multifit_nlinear_fdf>

    public init(model: any LeastSquaresModel, options: Options = Options()) throws(NumericsError) {
        GSL.prepare()
        let n = model.residualCount, p = model.parameterCount
        guard p >= 1, n >= p else {
            throw .invalidInput("nonlinear least squares needs at least as many residuals as parameters (got \(n) residuals, \(p) parameters)")
        }
        self.n = n
        self.p = p
        self.options = options
        var parameters = gsl_multifit_nlinear_default_parameters()
        parameters.trs = cgsl_multifit_nlinear_trs_lm()
        parameters.scale = cgsl_multifit_nlinear_scale_more()
        parameters.solver = cgsl_multifit_nlinear_solver_qr()
        workspace = try GSLOwned(
            gsl_multifit_nlinear_alloc(cgsl_multifit_nlinear_trust(), &parameters, n, p),
            "gsl_multifit_nlinear workspace (\(n) residuals, \(p) parameters)", free: { gsl_multifit_nlinear_free($0) })
        start = try GSLOwned(vector: p, "nonlinear least-squares start")
        covariance = try GSLOwned(matrix: p, p, "nonlinear least-squares covariance")
        function = CallbackTable(CallbackContext(model)) { params in
            gsl_multifit_nlinear_fdf(
                f: Trampolines.residuals, df: Trampolines.jacobian, fvv: nil, n: n, p: p, params: params,
                nevalf: 0, nevaldf: 0, nevalfvv: 0)
        }
    }

    /// Solve from `x0` (`parameterCount` finite numbers).
    public func solve(from x0: [Double]) throws(NumericsError) -> NonlinearFit {
        try start.load(start: x0)
        let workspace = workspace.pointer
        return try function.with { (function) throws(NumericsError) -> NonlinearFit in
            try GSL.check(gsl_multifit_nlinear_init(start.pointer, function, workspace), "nonlinear least squares set-up at \(x0)")
            var info: Int32 = 0
            let status = gsl_multifit_nlinear_driver(
                options.maxIterations, options.stepTolerance, options.gradientTolerance, options.costTolerance,
                nil, nil, &info, workspace)
            let iterations = gsl_multifit_nlinear_niter(workspace)
            let report: SolverReport
            switch status {
            case Int32(GSL_SUCCESS):
                report = SolverReport(converged: true, iterations: iterations,
                                      reason: info == 1 ? .stepTolerance : .leastSquaresGradientTolerance)
            case Int32(GSL_EMAXITER):
                report = SolverReport(converged: false, iterations: iterations, reason: .iterationLimit, detail: GSL.describe(status))
            case Int32(GSL_ENOPROG):
                report = SolverReport(converged: false, iterations: iterations, reason: .noProgress, detail: GSL.describe(status))
            default:
                throw .gsl(operation: "nonlinear least squares from \(x0)", status: status, reason: GSL.describe(status))
            }
            let residuals = GSLStorage.array(gsl_multifit_nlinear_residual(workspace))
            let rss = residuals.reduce(0) { $0 + $1 * $1 }
            try GSL.check(gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(workspace), 0, covariance.pointer), "nonlinear least-squares covariance")
            var cov = GSLStorage.matrix(covariance.pointer)
            let s2 = n > p ? rss / Double(n - p) : .nan
            cov.values = cov.values.map { $0 * s2 }
            return NonlinearFit(
                parameters: GSLStorage.array(gsl_multifit_nlinear_position(workspace)),
                residualSumOfSquares: rss, covariance: cov, report: report)
        }
    }
}
