/// The assignment's method: for each budget take the run with the lowest loss; its N and
/// D = C / (6 N) are the budget's optimum. Power laws in log space through those points.
///
/// The answer is quantised by the sizes tried: it moves in steps as the grid does. Ties in loss
/// go to the smaller model.
public struct BestRunFitter: ComputeOptimalFitter {
    public var method: FitMethod { .bestRun }
    public init() {}

    public func fit(points: [Observation]) throws -> PerBudgetFit {
        let optima = IsoFLOPProfile.group(points).compactMap { profile -> BudgetOptimum? in
            guard let best = profile.points.min(by: { $0.loss < $1.loss }) else { return nil }
            return BudgetOptimum(compute: profile.compute, parameters: best.parameters, loss: best.loss)
        }
        return try PerBudgetFit(method: .bestRun, optima: optima)
    }
}
