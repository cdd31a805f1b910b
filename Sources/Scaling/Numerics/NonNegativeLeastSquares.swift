/// The solution of `min ||y - X c||^2 subject to c >= 0`.
public struct NonNegativeFit: Sendable, Equatable {
    public var coefficients: [Double]
    public var residualSumOfSquares: Double
    /// Columns whose coefficient the constraint holds at zero.
    public var activeConstraints: [Int]

    /// A direct solve by enumeration: always "converged" (for uniform reporting).
    public var report: SolverReport {
        SolverReport(converged: true, iterations: 0, reason: .direct,
                     detail: activeConstraints.isEmpty ? "no active constraint" : "coefficients \(activeConstraints) held at zero")
    }
}

/// Non-negative least squares for a few unknowns, solved exactly by enumerating active sets.
///
/// The solution of an NNLS problem is the unconstrained least-squares solution restricted to its
/// support (its non-zero coefficients). So: solve the unconstrained problem; if it is
/// non-negative it is the answer. Otherwise solve on every non-empty subset of columns, keep the
/// subsets whose solution is non-negative (each is a feasible point) and return the one with the
/// smallest residual, which is the constrained optimum. The cost is `2^p` small solves, so `p` is
/// limited to 10; variable projection uses p = 3 (E, A, B). Each solve is GSL's SVD least
/// squares, which balances badly scaled columns.
///
/// One instance per thread; it keeps one GSL workspace per subset size.
public final class NonNegativeLeastSquares {
    public let observationCount: Int
    public let coefficientCount: Int
    private var workspaces: [LinearLeastSquares]

    public init(observations n: Int, coefficients p: Int) throws(NumericsError) {
        guard (1...10).contains(p) else {
            throw .invalidInput("active-set enumeration handles 1 to 10 coefficients, got \(p)")
        }
        guard n >= p else {
            throw .invalidInput("non-negative least squares needs at least as many observations as coefficients (got \(n), \(p))")
        }
        observationCount = n
        coefficientCount = p
        workspaces = []
        for k in 1...p { workspaces.append(try LinearLeastSquares(observations: n, coefficients: k)) }
    }

    public func solve(design: Matrix, observations y: [Double]) throws(NumericsError) -> NonNegativeFit {
        let p = coefficientCount
        let full = try workspaces[p - 1].solve(design: design, observations: y)
        if full.coefficients.allSatisfy({ $0 >= 0 }) {
            return NonNegativeFit(coefficients: full.coefficients, residualSumOfSquares: full.chiSquared, activeConstraints: [])
        }
        // All coefficients at zero is feasible too.
        var best = NonNegativeFit(
            coefficients: Array(repeating: 0, count: p), residualSumOfSquares: y.reduce(0) { $0 + $1 * $1 },
            activeConstraints: Array(0..<p))
        for mask in 1..<((1 << p) - 1) {
            let support = (0..<p).filter { mask & (1 << $0) != 0 }
            var sub = Matrix(rows: design.rows, columns: support.count)
            for i in 0..<design.rows {
                for (k, j) in support.enumerated() { sub[i, k] = design[i, j] }
            }
            let fit = try workspaces[support.count - 1].solve(design: sub, observations: y)
            guard fit.coefficients.allSatisfy({ $0 >= 0 }), fit.chiSquared < best.residualSumOfSquares else { continue }
            var c = Array(repeating: 0.0, count: p)
            for (k, j) in support.enumerated() { c[j] = fit.coefficients[k] }
            best = NonNegativeFit(
                coefficients: c, residualSumOfSquares: fit.chiSquared,
                activeConstraints: (0..<p).filter { mask & (1 << $0) == 0 })
        }
        return best
    }
}
