/// A scalar function of `dimension` real variables, for derivative-free minimisers.
///
/// Implementations are classes so that GSL can call back into them through an opaque pointer
/// without copying; the pointers are valid only for the duration of the call. Evaluation must
/// not allocate: it runs in the minimiser's inner loop.
public protocol Objective: AnyObject {
    var dimension: Int { get }
    /// `f(x)` for `x[0..<dimension]`. Return `.infinity` or `.nan` where `f` is undefined; the
    /// minimiser then reports that it could make no progress.
    func value(at x: UnsafePointer<Double>) -> Double
}

/// A scalar function with an analytic gradient, for gradient-based minimisers (BFGS2).
public protocol DifferentiableObjective: Objective {
    /// `f(x)`, writing `grad f(x)` into `gradient[0..<dimension]`.
    func value(at x: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double
}

/// The outcome of one minimisation.
public struct Minimum: Sendable, Equatable, Codable {
    /// The best point found.
    public var point: [Double]
    /// The objective there.
    public var value: Double
    /// The Euclidean norm of the gradient there (gradient-based minimisers only).
    public var gradientNorm: Double?
    public var report: SolverReport

    public init(point: [Double], value: Double, gradientNorm: Double? = nil, report: SolverReport) {
        self.point = point
        self.value = value
        self.gradientNorm = gradientNorm
        self.report = report
    }
}
