import Foundation

/// y = k x^a, fitted by ordinary least squares of ln y on ln x.
///
/// The fit is done in log space on purpose: in linear space the largest x dominate and the
/// exponent comes out wrong. Standard errors are the OLS ones of the intercept `ln k` and the
/// slope `a` (`s^2 (X^T X)^-1`, s^2 the residual variance with n - 2 degrees of freedom); with
/// two points they are undefined (NaN). A 1-sigma band in ln y at x is
/// `sqrt(var(ln k) + 2 ln x cov + (ln x)^2 var(a))`.
///
/// ```swift
/// let law = try PowerLaw.fit(x: [1e19, 1e20, 1e21], y: [1e9, 3e9, 9e9])
/// law(1e23)
/// ```
public struct PowerLaw: Codable, Sendable, Equatable {
    public var coefficient: Double
    public var exponent: Double
    /// Standard error of ln k (NaN when not fitted by least squares).
    public var logCoefficientError: Double
    /// Standard error of a (NaN when not fitted by least squares).
    public var exponentError: Double
    /// Covariance of (ln k, a).
    public var covariance: Double
    /// Points the law was fitted to (0 when derived from another model).
    public var pointCount: Int

    public init(coefficient: Double, exponent: Double, logCoefficientError: Double = .nan,
                exponentError: Double = .nan, covariance: Double = .nan, pointCount: Int = 0) {
        self.coefficient = coefficient
        self.exponent = exponent
        self.logCoefficientError = logCoefficientError
        self.exponentError = exponentError
        self.covariance = covariance
        self.pointCount = pointCount
    }

    public func callAsFunction(_ x: Double) -> Double { coefficient * Foundation.pow(x, exponent) }

    /// Fit ln y = ln k + a ln x. Needs at least two distinct positive x and positive y.
    public static func fit(x: [Double], y: [Double]) throws(NumericsError) -> PowerLaw {
        guard x.count == y.count else { throw .invalidInput("power law: \(x.count) x values but \(y.count) y values") }
        guard x.allSatisfy({ $0 > 0 && $0.isFinite }), y.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw .invalidInput("power law: every x and y must be positive and finite")
        }
        guard Set(x).count >= 2 else { throw .invalidInput("power law: needs at least two distinct x values, got \(Set(x).count)") }
        let design = Matrix(rows: x.map { [1, Foundation.log($0)] })
        let fit = try LinearLeastSquares.fit(design: design, observations: y.map { Foundation.log($0) })
        let undefined = fit.degreesOfFreedom == 0
        return PowerLaw(
            coefficient: Foundation.exp(fit.coefficients[0]), exponent: fit.coefficients[1],
            logCoefficientError: undefined ? .nan : fit.covariance[0, 0].squareRoot(),
            exponentError: undefined ? .nan : fit.covariance[1, 1].squareRoot(),
            covariance: undefined ? .nan : fit.covariance[0, 1], pointCount: x.count)
    }
}
