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
/// `simplexSize`, `stepTolerance`, `leastSquaresGradientTolerance`, `direct`).
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
