import CGSL
import Foundation

/// The Cholesky factor `A = L Lᵀ` of a symmetric positive-definite matrix, through GSL
/// (`gsl_linalg_cholesky_decomp1`), with solves, the inverse and the log-determinant: what a
/// Gaussian-process regression needs (weights, leave-one-out residuals, marginal likelihood).
///
/// ```swift
/// let k = try CholeskyFactor(Matrix(rows: [[4, 2], [2, 3]]))
/// try k.solve([2, 1])          // x with A x = b: [0.5, 0]
/// k.logDeterminant             // ln det A = ln 8
/// ```
public struct CholeskyFactor: Sendable {
    /// The order of the matrix.
    public let size: Int
    /// GSL's packed factor: L in the lower triangle (and Lᵀ mirrored above).
    let packed: Matrix

    /// Factors `a`, which must be square, finite and positive definite (else `.invalidInput`
    /// or `.gsl` naming GSL's reason).
    public init(_ a: Matrix) throws(NumericsError) {
        GSL.prepare()
        guard a.rows == a.columns, a.rows >= 1 else {
            throw .invalidInput("a Cholesky factor needs a non-empty square matrix, got \(a.rows)x\(a.columns)")
        }
        guard a.values.allSatisfy(\.isFinite) else { throw .invalidInput("the matrix to factor has a non-finite entry") }
        let m = try GSLOwned(matrix: a.rows, a.columns, "Cholesky matrix")
        GSLStorage.copy(a, into: m.pointer)
        try GSL.check(gsl_linalg_cholesky_decomp1(m.pointer), "gsl_linalg_cholesky_decomp1 (is the matrix positive definite?)")
        size = a.rows
        packed = GSLStorage.matrix(m.pointer)
    }

    /// x with A x = b (`gsl_linalg_cholesky_solve`); `b` must hold `size` finite numbers.
    public func solve(_ b: [Double]) throws(NumericsError) -> [Double] {
        guard b.count == size, b.allSatisfy(\.isFinite) else {
            throw .invalidInput("the right-hand side must be \(size) finite numbers, got \(b.count)")
        }
        let m = try GSLOwned(matrix: size, size, "Cholesky factor")
        GSLStorage.copy(packed, into: m.pointer)
        let rhs = try GSLOwned(vector: size, "Cholesky right-hand side")
        GSLStorage.copy(b, into: rhs.pointer)
        let x = try GSLOwned(vector: size, "Cholesky solution")
        try GSL.check(gsl_linalg_cholesky_solve(m.pointer, rhs.pointer, x.pointer), "gsl_linalg_cholesky_solve")
        return GSLStorage.array(x.pointer)
    }

    /// A⁻¹ (`gsl_linalg_cholesky_invert`).
    public func inverse() throws(NumericsError) -> Matrix {
        let m = try GSLOwned(matrix: size, size, "Cholesky inverse")
        GSLStorage.copy(packed, into: m.pointer)
        try GSL.check(gsl_linalg_cholesky_invert(m.pointer), "gsl_linalg_cholesky_invert")
        return GSLStorage.matrix(m.pointer)
    }

    /// ln det A = 2 Σ ln Lᵢᵢ.
    public var logDeterminant: Double {
        var s = 0.0
        for i in 0..<size { s += Foundation.log(packed[i, i]) }
        return 2 * s
    }
}
