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

/// Non-negative least squares for a few unknowns, by Lawson and Hanson's active-set method
/// (Solving Least Squares Problems, 1974, ch. 23).
///
/// The solution of an NNLS problem is the unconstrained least-squares solution restricted to its
/// support (its non-zero coefficients). So: solve the unconstrained problem; if it is
/// non-negative it is the answer. Otherwise grow a passive set one column at a time (the one
/// whose gradient most wants to rise), solving least squares on it and stepping back to the
/// feasible region whenever a coefficient would go negative, until no held column's gradient
/// points into the feasible region (the Karush-Kuhn-Tucker conditions). It ends in finitely
/// many steps at the constrained optimum, with a handful of small solves where enumerating the
/// supports would take `2^p`. Each solve is GSL's SVD least squares, which balances badly scaled
/// columns.
///
/// One instance per thread; it keeps one GSL workspace and one design buffer per subset size.
public final class NonNegativeLeastSquares {
    public let observationCount: Int
    public let coefficientCount: Int
    private var workspaces: [LinearLeastSquares]
    private var subsets: [Matrix]

    public init(observations n: Int, coefficients p: Int) throws(NumericsError) {
        guard (1...10).contains(p) else {
            throw .invalidInput("the active-set solver handles 1 to 10 coefficients, got \(p)")
        }
        guard n >= p else {
            throw .invalidInput("non-negative least squares needs at least as many observations as coefficients (got \(n), \(p))")
        }
        observationCount = n
        coefficientCount = p
        workspaces = []
        for k in 1...p { workspaces.append(try LinearLeastSquares(observations: n, coefficients: k)) }
        subsets = (1...p).map { Matrix(rows: n, columns: $0) }
    }

    public func solve(design: Matrix, observations y: [Double]) throws(NumericsError) -> NonNegativeFit {
        let p = coefficientCount, n = observationCount
        let full = try workspaces[p - 1].solve(design: design, observations: y)
        if full.coefficients.allSatisfy({ $0 >= 0 }) {
            return NonNegativeFit(coefficients: full.coefficients, residualSumOfSquares: full.chiSquared, activeConstraints: [])
        }
        // Least squares on the columns `support`, the rest at zero.
        func restricted(_ support: [Int]) throws(NumericsError) -> [Double] {
            let k = support.count
            for i in 0..<n {
                for (m, j) in support.enumerated() { subsets[k - 1][i, m] = design[i, j] }
            }
            let fit = try workspaces[k - 1].solve(design: subsets[k - 1], observations: y)
            var c = Array(repeating: 0.0, count: p)
            for (m, j) in support.enumerated() { c[j] = fit.coefficients[m] }
            return c
        }
        // The negative gradient of the half residual sum of squares, X^T (y - X c).
        func gradient(_ c: [Double]) -> [Double] {
            var w = Array(repeating: 0.0, count: p)
            for i in 0..<n {
                var r = y[i]
                for j in 0..<p { r -= design[i, j] * c[j] }
                for j in 0..<p { w[j] += design[i, j] * r }
            }
            return w
        }
        // Gradients below this are zero (scaled to the problem's size).
        var scale = 0.0
        for i in 0..<n { for j in 0..<p { scale = max(scale, abs(design[i, j])) } }
        let tolerance = 1e-11 * scale * max(1, y.reduce(0) { max($0, abs($1)) }) * Double(n)

        var c = Array(repeating: 0.0, count: p)
        var passive = Array(repeating: false, count: p)
        for _ in 0..<(3 * p + 10) {
            let w = gradient(c)
            guard let j = (0..<p).filter({ !passive[$0] && w[$0] > tolerance }).max(by: { w[$0] < w[$1] }) else { break }
            passive[j] = true
            // Each pass either ends the step or drops a column, so p + 1 passes suffice.
            for _ in 0...p {
                let z = try restricted((0..<p).filter { passive[$0] })
                guard z.allSatisfy(\.isFinite) else {
                    throw .invalidInput("the least-squares solve on columns \((0..<p).filter { passive[$0] }) gave non-finite coefficients")
                }
                if (0..<p).allSatisfy({ !passive[$0] || z[$0] > 0 }) { c = z; break }
                // Step from c towards z only as far as the first coefficient reaching zero.
                // The column that reaches zero first leaves exactly (rounding must not keep it).
                var step = 1.0, first = -1
                for k in 0..<p where passive[k] && z[k] <= 0 {
                    let t = c[k] / (c[k] - z[k])
                    if first < 0 || t < step { step = t; first = k }
                }
                for k in 0..<p { c[k] += step * (z[k] - c[k]) }
                c[first] = 0
                for k in 0..<p where passive[k] && c[k] <= 0 { passive[k] = false; c[k] = 0 }
                if !passive.contains(true) { break }
            }
        }
        var rss = 0.0
        for i in 0..<n {
            var r = y[i]
            for j in 0..<p { r -= design[i, j] * c[j] }
            rss += r * r
        }
        return NonNegativeFit(coefficients: c, residualSumOfSquares: rss, activeConstraints: (0..<p).filter { c[$0] == 0 })
    }
}
