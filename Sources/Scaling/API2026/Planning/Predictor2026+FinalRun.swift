/// `Predictor2026` (branch predict2026) as the campaign's final-run chooser, with the final
/// run's safety margin enforced here too: the reservation is the whole target budget (a final
/// run's reservation costs nothing from the scaling budget, and any less only risks a timeout),
/// and a choice whose runtime upper bound passes the budget, or which the memory model does
/// not say fits, is refused rather than submitted.
extension Predictor2026: FinalRunPredictor2026 {
    public var name: String { "curve-law" }

    public func predictFinal(_ experiments: [ExperimentResponse2026], budgetSeconds: Double) throws -> FinalRunChoice2026 {
        let p = try predict(experiments, budgetSeconds: budgetSeconds)
        var config = p.config
        config.maxRuntimeSeconds = budgetSeconds
        guard p.runtime.upper95Seconds <= budgetSeconds else {
            throw PlanError("the predicted final run's runtime upper bound \(p.runtime.upper95Seconds) s passes the \(budgetSeconds) s budget: not submitted")
        }
        if case .exceeds(let bytes, let limit) = p.memory {
            throw PlanError("the predicted final run needs about \(bytes / 1e9) GB, over the memory model's \(limit / 1e9) GB: not submitted")
        }
        return FinalRunChoice2026(config: config, predictedLoss: p.predictedLoss, interval95: p.lossInterval95,
                                  predictedRuntimeSeconds: p.runtime.expectedSeconds)
    }
}
