import Foundation

/// Why a fitting method gave no usable fit.
public struct FitFailure: Sendable, Equatable, CustomStringConvertible {
    public var method: FitMethod
    /// The effects the surface modelled, for a surface fit with effects; nil otherwise.
    public var effects: SurfaceEffects?
    public var cause: Cause

    public enum Cause: Sendable, Equatable, CustomStringConvertible {
        /// The fitter threw (too few runs, a singular design, no acceptable profile, ...).
        case error(String)
        /// The solver stopped without converging.
        case notConverged(SolverReport)
        /// The solver converged to a law with no compute-optimal frontier.
        case improperLaw

        public var description: String {
            switch self {
            case .error(let text): text
            case .notConverged(let report): "did not converge: \(report)"
            case .improperLaw: "improper law"
            }
        }
    }

    public init(method: FitMethod, effects: SurfaceEffects? = nil, cause: Cause) {
        self.method = method
        self.effects = effects
        self.cause = cause
    }

    /// `vpnls`, or `vpnls (law + steps)` for a surface with effects: the key reports list it under.
    public var label: String { effects.map { "\(method.rawValue) (\($0))" } ?? method.rawValue }
    public var description: String { "\(label): \(cause)" }
}

/// The failures of one estimate, in the order they happened; reports write them as an object
/// from each failure's `label` to its cause's text.
public struct FitFailures: Encodable, Sendable, Equatable, RandomAccessCollection {
    public var all: [FitFailure]
    public init(_ all: [FitFailure]) { self.all = all }
    public var startIndex: Int { all.startIndex }
    public var endIndex: Int { all.endIndex }
    public subscript(i: Int) -> FitFailure { all[i] }

    public func encode(to encoder: any Encoder) throws {
        try Dictionary(all.map { ($0.label, $0.cause.description) }, uniquingKeysWith: { a, _ in a }).encode(to: encoder)
    }
}

/// Why the surface fit was not the method used.
public enum SurfaceProblem: Sendable, Equatable, CustomStringConvertible {
    /// The plain surface fit failed (its failure), or was not attempted.
    case failed(FitFailure?)
    /// Fewer than three budgets with three or more sizes.
    case fewBudgets(Int)
    case improperLaw(alpha: Double, beta: Double)
    case notConverged(SolverReport)

    public var description: String {
        switch self {
        case .failed(let f): f?.cause.description ?? "no fit"
        case .fewBudgets(let n): "only \(n) budgets with three or more sizes"
        case .improperLaw(let a, let b): "the law is improper (alpha \(NumberFormat.general(a, digits: 3)), beta \(NumberFormat.general(b, digits: 3)))"
        case .notConverged(let report): "the solver did not converge: \(report)"
        }
    }
}

/// Which method the frontier estimate comes from, and why.
public enum MethodChoice: Sendable, Equatable, CustomStringConvertible {
    /// The surface converged to a proper law over this many budgets with three or more sizes.
    case surface(alpha: Double, beta: Double, budgets: Int)
    /// The surface was not usable; the parabola vertices were.
    case parabola(SurfaceProblem)
    /// Neither the surface nor the parabolas were usable.
    case bestRun(SurfaceProblem, parabola: FitFailure?)

    public var method: FitMethod {
        switch self {
        case .surface: .vpnls
        case .parabola: .parabola
        case .bestRun: .bestRun
        }
    }

    public var description: String {
        switch self {
        case .surface(let a, let b, let n):
            "the variable-projection surface fit converged to a proper law (alpha \(NumberFormat.general(a, digits: 3)), beta \(NumberFormat.general(b, digits: 3))) over \(n) budgets with three or more sizes; it uses every run and gives the loss as well as the size"
        case .parabola(let problem):
            "the surface fit was not usable (\(problem)); the parabola vertices of the IsoFLOP profiles were"
        case .bestRun(let problem, let parabola):
            "neither the surface fit (\(problem)) nor the parabolas (\(parabola?.cause.description ?? "?")) were usable; the best run per budget is all that is left"
        }
    }
}

/// A reason not to trust a prediction. Reports write each as its description.
public enum PredictionWarning: Sendable, Equatable, Encodable, CustomStringConvertible {
    /// The final-run space has no shape close to N_opt.
    case shapeCannotReach(nOpt: Double, chosen: Double)
    /// The bootstrap failed (why): the intervals are points.
    case bootstrapFailed(String)
    /// Fewer than three budgets were fitted.
    case fewBudgets(Int)
    /// A profile's parabola was rejected.
    case rejectedProfile(compute: Double, verdict: ParabolaProfile.Verdict)
    /// The N_opt interval spans more than a factor of two.
    case wideInterval(lower: Double, upper: Double)
    /// The target lies this many times beyond the largest budget fitted.
    case longExtrapolation(ratio: Double)

    public var description: String {
        switch self {
        case .shapeCannotReach(let n, let chosen):
            "the final-run space cannot reach N_opt = \(NumberFormat.sci(n, digits: 3)) closely: the chosen shape has \(NumberFormat.sci(chosen, digits: 3))"
        case .bootstrapFailed(let why): "the bootstrap failed (\(why)): the intervals below are points"
        case .fewBudgets(let n): "only \(n) budget(s) were fitted; a law needs three or more"
        case .rejectedProfile(let c, let verdict): "profile at \(NumberFormat.sci(c, digits: 3)) FLOPs: \(verdict)"
        case .wideInterval(let lo, let hi):
            "the N_opt interval spans more than a factor of two (\(NumberFormat.sci(lo, digits: 3)) to \(NumberFormat.sci(hi, digits: 3)))"
        case .longExtrapolation(let ratio): "the target is \(NumberFormat.general(ratio, digits: 3)) times the largest budget fitted: a long extrapolation"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
