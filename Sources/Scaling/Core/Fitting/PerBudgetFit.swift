/// A frontier built from one optimum per budget (best run, parabola vertex): power laws fitted
/// by OLS in log space to the per-budget points.
///
/// - N_opt = k C^a and D_opt = k' C^b are fitted separately; since D = C / (6 N) at every
///   point, the two fits agree exactly (k' = 1 / (6 k), b = 1 - a).
/// - The loss model is a pure power law of the per-budget minimum losses, L_min = k_L C^c. It has
///   no irreducible term, so it keeps falling forever and extrapolations far beyond the data
///   underestimate the loss floor; it is reported because it is what these methods support
///   honestly, not as a substitute for the surface fits' loss.
public struct PerBudgetFit: ComputeOptimalFit {
    public var method: FitMethod
    public var budgetOptima: [BudgetOptimum]
    public var nOptLaw: PowerLaw
    public var dOptLaw: PowerLaw
    public var lossLaw: PowerLaw
    /// The parabola of each profile (parabola method only), including rejected ones.
    public var profiles: [ParabolaProfile]

    /// Fit the three power laws to `optima` (at least two distinct budgets).
    public init(method: FitMethod, optima: [BudgetOptimum], profiles: [ParabolaProfile] = []) throws {
        guard Set(optima.map(\.compute)).count >= 2 else {
            throw FittingError(method, "needs optima at two or more distinct budgets, got \(optima.count)")
        }
        self.method = method
        budgetOptima = optima
        self.profiles = profiles
        let c = optima.map(\.compute)
        nOptLaw = try PowerLaw.fit(x: c, y: optima.map(\.parameters))
        dOptLaw = try PowerLaw.fit(x: c, y: optima.map(\.tokens))
        lossLaw = try PowerLaw.fit(x: c, y: optima.map(\.loss))
    }

    public func predictedLoss(compute: Double) -> Double { lossLaw(compute) }

    public var parameters: [NamedValue] {
        [NamedValue("N_opt k", nOptLaw.coefficient), NamedValue("N_opt a", nOptLaw.exponent),
         NamedValue("D_opt k", dOptLaw.coefficient), NamedValue("D_opt b", dOptLaw.exponent),
         NamedValue("L_opt k", lossLaw.coefficient), NamedValue("L_opt c", lossLaw.exponent)]
    }

    public var diagnostics: String {
        let rejected = profiles.filter { !$0.accepted }
        let base = "\(budgetOptima.count) budgets, OLS in log space"
        guard !rejected.isEmpty else { return base }
        return base + "; rejected: " + rejected.map { "C=\($0.compute.formatted3): \($0.verdict)" }.joined(separator: "; ")
    }
}

extension Double {
    /// Three significant digits in scientific notation, e.g. `6.00e+18`.
    var formatted3: String { String(format: "%.2e", self) }
}
