import CGSL

/// Why an iterative solver stopped.
///
/// Every solver in `Numerics` returns one of these inside a `SolverReport`, in the spirit of
/// scipy's `OptimizeResult`: a caller can always tell a converged answer from one that merely
/// ran out of iterations or could make no further progress.
public enum StopReason: String, Codable, Sendable, Equatable {
    /// The gradient norm fell below the requested absolute tolerance (`gsl_multimin_test_gradient`).
    case gradientTolerance = "gradient-tolerance"
    /// The Nelder–Mead simplex shrank below the requested size (`gsl_multimin_test_size`).
    case simplexSize = "simplex-size"
    /// A one-dimensional minimiser's bracket became narrower than tolerance (`gsl_min_test_interval`).
    case bracketWidth = "bracket-width"
    /// The step became small relative to the parameters (`gsl_multifit_nlinear_test`, info 1).
    case stepTolerance = "step-tolerance"
    /// The scaled gradient of the least-squares cost fell below tolerance (`gsl_multifit_nlinear_test`, info 2).
    case leastSquaresGradientTolerance = "least-squares-gradient-tolerance"
    /// The solver could not find a better point along its search direction (`GSL_ENOPROG` and
    /// friends). For a smooth objective at machine precision this usually means the minimum was
    /// reached, but it is not a certified convergence: `converged` is false.
    case noProgress = "no-progress"
    /// The iteration limit was reached first.
    case iterationLimit = "iteration-limit"
    /// A direct (non-iterative) method solved the problem exactly, e.g. linear least squares.
    case direct = "direct"
}

/// What an iterative solver did: whether it converged, how many iterations it took and why it
/// stopped.
///
/// `converged` is true only when a convergence test was met (`gradientTolerance`,
/// `simplexSize`, `bracketWidth`, `stepTolerance`, `leastSquaresGradientTolerance`, `direct`).
public struct SolverReport: Codable, Sendable, Equatable, CustomStringConvertible {
    public var converged: Bool
    public var iterations: Int
    public var reason: StopReason
    /// The solver's own words (e.g. GSL's status text) when `reason` alone says too little.
    public var detail: String

    public init(converged: Bool, iterations: Int, reason: StopReason, detail: String = "") {
        self.converged = converged
        self.iterations = iterations
        self.reason = reason
        self.detail = detail
    }

    public var description: String {
        let state = converged ? "converged" : "did not converge"
        let extra = detail.isEmpty ? "" : " (\(detail))"
        return "\(state) after \(iterations) iterations: \(reason.rawValue)\(extra)"
    }
}

extension SolverReport {
    /// The iteration loop of GSL's iterative minimisers (`*_iterate` then a `*_test_*`), and the
    /// report it ends with.
    ///
    /// From `first` iterations, calls `step` (one GSL `*_iterate`) until `converged()` holds after
    /// a step (converged, `reason`), a step returns a status other than `GSL_SUCCESS` (`failed`
    /// says what that means, or throws), or the count reaches `limit` (`.iterationLimit`).
    /// `testFirst` applies the test once before the first step as well, for a start that may
    /// already pass it.
    static func iterating(
        from first: Int = 0, limit: Int, testFirst: Bool = false, until reason: StopReason,
        _ converged: () -> Bool, step: () -> Int32,
        failed: (_ status: Int32, _ iterations: Int) throws(NumericsError) -> SolverReport
    ) throws(NumericsError) -> SolverReport {
        var iterations = first
        if testFirst, converged() { return SolverReport(converged: true, iterations: iterations, reason: reason) }
        while iterations < limit {
            iterations += 1
            let status = step()
            if status != Int32(GSL_SUCCESS) { return try failed(status, iterations) }
            if converged() { return SolverReport(converged: true, iterations: iterations, reason: reason) }
        }
        return SolverReport(converged: false, iterations: iterations, reason: .iterationLimit)
    }
}
