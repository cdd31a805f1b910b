import Foundation

/// The final choice a campaign makes: the config (its `max_runtime_seconds` the final
/// reservation) and the predicted loss with its 95% interval.
public struct FinalRunChoice2026: Codable, Sendable, Equatable {
    public var config: TrainingConfig
    public var predictedLoss: Double
    public var lower95: Double
    public var upper95: Double
    /// The predicted runtime of the final run, if the predictor gave one.
    public var predictedRuntimeSeconds: Double?

    public init(config: TrainingConfig, predictedLoss: Double, interval95: ClosedRange<Double>, predictedRuntimeSeconds: Double? = nil) {
        self.config = config
        self.predictedLoss = predictedLoss
        lower95 = interval95.lowerBound
        upper95 = interval95.upperBound
        self.predictedRuntimeSeconds = predictedRuntimeSeconds
    }

    enum CodingKeys: String, CodingKey {
        case config, predictedLoss = "predicted_loss", lower95 = "lower_95", upper95 = "upper_95"
        case predictedRuntimeSeconds = "predicted_runtime_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let text = try c.decode(String.self, forKey: .config)
        guard let json = try? JSONText.parse(Array(text.utf8)), let config = try? TrainingConfig(json: json) else {
            throw DecodingError.dataCorruptedError(forKey: .config, in: c, debugDescription: "not a training config: \(text.prefix(80))")
        }
        self.config = config
        predictedLoss = try c.decode(Double.self, forKey: .predictedLoss)
        lower95 = try c.decode(Double.self, forKey: .lower95)
        upper95 = try c.decode(Double.self, forKey: .upper95)
        predictedRuntimeSeconds = try c.decodeIfPresent(Double.self, forKey: .predictedRuntimeSeconds)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(JSONText.pydantic(config.wireJSON), forKey: .config)
        try c.encode(predictedLoss, forKey: .predictedLoss)
        try c.encode(lower95, forKey: .lower95)
        try c.encode(upper95, forKey: .upper95)
        try c.encodeIfPresent(predictedRuntimeSeconds, forKey: .predictedRuntimeSeconds)
    }
}

/// Turns a campaign's experiments into the final run: the predictor of the other half of the
/// 2026 work (`Predictor2026`) conforms, and so does the baseline below.
public protocol FinalRunPredictor2026: Sendable {
    /// The name shown in write-ups and leaderboards.
    var name: String { get }
    func predictFinal(_ experiments: [ExperimentResponse2026], budgetSeconds: Double) throws -> FinalRunChoice2026
}

/// The baseline a student falls back on: submit the best completed run as it was, with its
/// own last loss as the prediction (a rerun differs only by noise), and its reservation
/// doubled as the margin. It extrapolates nothing, so its regret shows what the scaling
/// campaign is for.
public struct BestRunBaseline2026: FinalRunPredictor2026 {
    public var name: String { "best-run" }
    /// The half-width of the stated 95% interval (a rerun's noise, nats).
    public var halfWidth: Double

    public init(halfWidth: Double = 0.05) { self.halfWidth = halfWidth }

    public func predictFinal(_ experiments: [ExperimentResponse2026], budgetSeconds: Double) throws -> FinalRunChoice2026 {
        var best: (loss: Double, experiment: ExperimentResponse2026)?
        for e in experiments {
            guard case .completed(_, _, _, _, let losses, _) = e.status, let last = losses.last, last.isFinite else { continue }
            if last < (best?.loss ?? .infinity) { best = (last, e) }
        }
        guard let best else {
            throw PlanError("best-run: no completed experiment with a finite final loss among \(experiments.count)")
        }
        var config = best.experiment.trainingConfig
        let used = CampaignRules2026.chargedSeconds(best.experiment)
        config.maxRuntimeSeconds = min(budgetSeconds, max(config.maxRuntimeSeconds, 2 * used + 60))
        return FinalRunChoice2026(config: config, predictedLoss: best.loss,
                                  interval95: (best.loss - halfWidth)...(best.loss + halfWidth), predictedRuntimeSeconds: used)
    }
}
