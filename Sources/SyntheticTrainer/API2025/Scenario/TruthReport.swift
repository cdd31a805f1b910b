import Foundation
import Scaling

/// Everything the truth knows about a scenario's target, in one value (JSON via `Codable`):
/// the continuous frontier at the target and at every budget the API allows, and the best
/// concrete final-run configuration with its expected loss.
public struct TruthReport: Hashable, Codable, Sendable {
    public struct Budget: Hashable, Codable, Sendable {
        /// The surface's frontier (numeric).
        public var frontier: FrontierPoint
        /// The best configuration the API accepts at this budget.
        public var bestAPIConfiguration: BestConfiguration
        enum CodingKeys: String, CodingKey {
            case frontier, bestAPIConfiguration = "best_api_configuration"
        }
    }

    public var scenario: String
    public var summary: String
    public var target: Double
    /// The surface's frontier at the target, numeric (GSL Brent), with the final-run settings.
    public var frontier: FrontierPoint
    /// The law's closed-form frontier at the target (nil when the law counts embeddings).
    public var closedFormFrontier: FrontierPoint?
    /// The best configuration of the final-run space at the target.
    public var bestConfiguration: BestConfiguration
    public var statedTruth: StatedTruth?
    /// One entry per allowed `train_flops`, ascending.
    public var budgets: [Budget]

    enum CodingKeys: String, CodingKey {
        case scenario, summary, target, frontier, closedFormFrontier = "closed_form_frontier"
        case bestConfiguration = "best_configuration", statedTruth = "stated_truth", budgets
    }
}

extension Scenario {
    /// The truth at `target` (the scenario's own target budget when nil).
    public func truthReport(target budget: Double? = nil) throws(NumericsError) -> TruthReport {
        let c = budget ?? target.budget
        let api = SearchSpace(rules)
        var budgets: [TruthReport.Budget] = []
        for flops in rules.trainFlops {
            budgets.append(.init(frontier: try surface.frontier(trainFlops: Double(flops), in: api),
                                 bestAPIConfiguration: bestConfiguration(trainFlops: Double(flops), in: api)))
        }
        return TruthReport(
            scenario: name, summary: summary, target: c,
            frontier: try surface.frontier(trainFlops: c, in: target.space),
            closedFormFrontier: surface.closedFormFrontier(trainFlops: c),
            bestConfiguration: bestConfiguration(trainFlops: c, in: target.space),
            statedTruth: statedTruth, budgets: budgets)
    }
}
