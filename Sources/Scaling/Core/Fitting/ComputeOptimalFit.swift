/// The methods the harness offers for the compute-optimal frontier (see fitting.md).
public enum FitMethod: String, CaseIterable, Codable, Sendable {
    /// The lowest-loss run of each budget (the assignment's recommendation; Approach 1-style).
    case bestRun = "best-run"
    /// The vertex of a parabola in ln N through each IsoFLOP profile (Chinchilla's Approach 2).
    case parabola
    /// Chinchilla's Approach 3: Huber fit of the whole loss surface from a 4,500-start grid.
    case parametric
    /// Variable projection: the same surface, outer search over (alpha, beta), inner NNLS.
    case vpnls

    /// The method's fitter with its default settings: the one place a method becomes a fitter.
    public var defaultFitter: any ComputeOptimalFitter {
        switch self {
        case .bestRun: BestRunFitter()
        case .parabola: ParabolaFitter()
        case .parametric: ParametricFitter()
        case .vpnls: VariableProjectionFitter()
        }
    }

    public var title: String {
        switch self {
        case .bestRun: "best run"
        case .parabola: "parabola"
        case .parametric: "parametric"
        case .vpnls: "VPNLS"
        }
    }
}

/// A named scalar of a fit, in the order tables and JSON show them.
public struct NamedValue: Codable, Sendable, Equatable {
    public var name: String
    public var value: Double
    public init(_ name: String, _ value: Double) {
        self.name = name
        self.value = value
    }
}

/// The optimum a fit assigns to one compute budget.
public struct BudgetOptimum: Codable, Sendable, Equatable {
    public var compute: Double
    public var parameters: Double
    public var tokens: Double
    /// The loss there: the run's loss, the parabola's minimum, or the surface's value.
    public var loss: Double

    public init(compute: Double, parameters: Double, loss: Double) {
        self.compute = compute
        self.parameters = parameters
        tokens = compute / (6 * parameters)
        self.loss = loss
    }
}

/// What every method's fit answers: the compute-optimal model size, data size and loss at any
/// compute C, with D_opt = C / (6 N_opt).
///
/// A predictor uses only this protocol:
/// ```swift
/// let fit = try BestRunFitter().fit(points: points)
/// fit.nOpt(compute: 1e23)          // parameters
/// fit.dOpt(compute: 1e23)          // tokens
/// fit.predictedLoss(compute: 1e23) // loss at the frontier
/// ```
public protocol ComputeOptimalFit: Sendable, Encodable {
    var method: FitMethod { get }
    /// N_opt = k C^a (fitted, or derived from the surface).
    var nOptLaw: PowerLaw { get }
    /// D_opt = k' C^b with k' = 1 / (6 k) and b = 1 - a.
    var dOptLaw: PowerLaw { get }
    /// The per-budget optima of the data's budgets.
    var budgetOptima: [BudgetOptimum] { get }
    /// The compute-optimal N for compute C (by default `nOptLaw`).
    func nOpt(compute: Double) -> Double
    /// The loss at the compute-optimal point for compute C.
    func predictedLoss(compute: Double) -> Double
    /// N_opt, D_opt and the loss at compute C together (by default from the two above; a fit
    /// whose N_opt is a numerical search finds it once here).
    func optimum(compute: Double) -> BudgetOptimum
    /// Every fitted scalar, named, in a fixed order (the bootstrap gives each an interval).
    var parameters: [NamedValue] { get }
    /// How the fit went, in one line (solver reports, rejected profiles...).
    var diagnostics: String { get }
}

extension ComputeOptimalFit {
    public func nOpt(compute: Double) -> Double { nOptLaw(compute) }
    public func dOpt(compute: Double) -> Double { compute / (6 * nOpt(compute: compute)) }
    public func optimum(compute: Double) -> BudgetOptimum {
        BudgetOptimum(compute: compute, parameters: nOpt(compute: compute), loss: predictedLoss(compute: compute))
    }
}

/// A method: runs in, fit out. Fitters are values, safe to use from several threads at once
/// (each call builds its own workspaces).
public protocol ComputeOptimalFitter: Sendable {
    associatedtype Fit: ComputeOptimalFit
    var method: FitMethod { get }
    func fit(points: [Observation]) throws -> Fit
    /// The fitter to use on bootstrap resamples of data whose full fit is `full`: the same
    /// method, possibly warm-started from `full` and single-threaded. Default: `self`.
    func resampleFitter(warmStartedFrom full: Fit) -> Self
}

extension ComputeOptimalFitter {
    public func resampleFitter(warmStartedFrom full: Fit) -> Self { self }
}

/// A fit that cannot be made, saying which method and why.
public struct FittingError: Error, Equatable, Sendable, CustomStringConvertible {
    public var method: FitMethod
    public var reason: String
    public init(_ method: FitMethod, _ reason: String) {
        self.method = method
        self.reason = reason
    }
    public var description: String { "\(method.rawValue) fit: \(reason)" }
}
