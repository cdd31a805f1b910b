import CGSL

/// The solution of a linear least-squares problem `min ||W^(1/2) (y - X c)||^2`.
public struct LinearFit: Codable, Sendable, Equatable {
    /// The coefficients `c`, one per column of the design matrix.
    public var coefficients: [Double]
    /// The covariance of `c`.
    ///
    /// Unweighted: `s^2 (X^T X)^-1` with `s^2 = chiSquared / (n - p)`, the residual variance, so
    /// the standard errors are the usual OLS ones. Weighted (weights `w_i = 1 / sigma_i^2`):
    /// `(X^T W X)^-1`, trusting the given sigmas. This is what `gsl_multifit_linear` and
    /// `gsl_multifit_wlinear` return.
    public var covariance: Matrix
    /// The (weighted) residual sum of squares.
    public var chiSquared: Double
    /// `n - p`, observations minus coefficients.
    public var degreesOfFreedom: Int

    /// Square roots of the covariance diagonal.
    public var standardErrors: [Double] { covariance.diagonal.map { $0.squareRoot() } }

    /// A direct solve: always "converged", in zero iterations (for uniform reporting).
    public var report: SolverReport { SolverReport(converged: true, iterations: 0, reason: .direct, detail: "SVD least squares") }
}

/// Linear least squares through GSL (`gsl_multifit_linear` / `gsl_multifit_wlinear`, an SVD
/// with column balancing, so badly scaled columns such as `1` and `N^-alpha` are handled).
///
/// A workspace for one shape `n x p`; reuse it for many solves of the same shape (no allocation
/// per solve besides the returned arrays). Not thread-safe: one workspace per thread.
///
/// ```swift
/// let fit = try LinearLeastSquares.fit(design: Matrix(rows: [[1, 0], [1, 1], [1, 2]]), observations: [1, 3, 5])
/// fit.coefficients   // [1, 2]
/// ```
public final class LinearLeastSquares {
    public let observationCount: Int
    public let coefficientCount: Int
    private let x: UnsafeMutablePointer<gsl_matrix>
    private let y: UnsafeMutablePointer<gsl_vector>
    private let w: UnsafeMutablePointer<gsl_vector>
    private let c: UnsafeMutablePointer<gsl_vector>
    private let cov: UnsafeMutablePointer<gsl_matrix>
    private let work: UnsafeMutablePointer<gsl_multifit_linear_workspace>

    /// A workspace for `observations` rows and `coefficients` columns (`observations >= coefficients >= 1`).
    public init(observations n: Int, coefficients p: Int) throws(NumericsError) {
        GSL.prepare()
        guard p >= 1, n >= p else {
            throw .invalidInput("linear least squares needs at least as many observations as coefficients (got \(n) observations, \(p) coefficients)")
        }
        observationCount = n
        coefficientCount = p
        x = try GSLStorage.matrix(n, p, "least-squares design")
        y = try GSLStorage.vector(n, "least-squares observations")
        w = try GSLStorage.vector(n, "least-squares weights")
        c = try GSLStorage.vector(p, "least-squares coefficients")
        cov = try GSLStorage.matrix(p, p, "least-squares covariance")
        work = try GSL.allocated(gsl_multifit_linear_alloc(n, p), "gsl_multifit_linear workspace (\(n)x\(p))")
    }

    deinit {
        gsl_multifit_linear_free(work)
        gsl_matrix_free(cov)
        gsl_vector_free(c)
        gsl_vector_free(w)
        gsl_vector_free(y)
        gsl_matrix_free(x)
    }

    /// Solve for this workspace's shape. `weights`, when given, are `1 / sigma_i^2` and must be
    /// positive and finite.
    public func solve(design: Matrix, observations: [Double], weights: [Double]? = nil) throws(NumericsError) -> LinearFit {
        guard design.rows == observationCount, design.columns == coefficientCount, observations.count == observationCount else {
            throw .invalidInput("least-squares shapes disagree: design \(design.rows)x\(design.columns), \(observations.count) observations, workspace \(observationCount)x\(coefficientCount)")
        }
        guard design.values.allSatisfy(\.isFinite), observations.allSatisfy(\.isFinite) else {
            throw .invalidInput("least-squares design and observations must be finite")
        }
        GSLStorage.copy(design, into: x)
        GSLStorage.copy(observations, into: y)
        var chisq = 0.0
        if let weights {
            guard weights.count == observationCount, weights.allSatisfy({ $0 > 0 && $0.isFinite }) else {
                throw .invalidInput("least-squares weights must be \(observationCount) positive finite numbers")
            }
            GSLStorage.copy(weights, into: w)
            try GSL.check(gsl_multifit_wlinear(x, w, y, c, cov, &chisq, work), "gsl_multifit_wlinear")
        } else {
            try GSL.check(gsl_multifit_linear(x, y, c, cov, &chisq, work), "gsl_multifit_linear")
        }
        return LinearFit(
            coefficients: GSLStorage.array(c), covariance: GSLStorage.matrix(cov),
            chiSquared: chisq, degreesOfFreedom: observationCount - coefficientCount)
    }

    /// One-off solve with a fresh workspace.
    public static func fit(design: Matrix, observations: [Double], weights: [Double]? = nil) throws(NumericsError) -> LinearFit {
        try LinearLeastSquares(observations: design.rows, coefficients: design.columns)
            .solve(design: design, observations: observations, weights: weights)
    }
}
