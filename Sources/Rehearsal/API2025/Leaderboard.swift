import Foundation
import Scaling

/// A tournament summarised per scenario and overall: for each strategy the median and 90th
/// percentile of |ln(N_pred / N*)| (and the median of the signed error, its bias), |predicted − achieved loss|, the regret and the fraction of
/// the budget used, plus its failures by kind with the first message of each.
///
/// Quantiles are GSL's linear interpolation between order statistics (`Quantiles`) over the
/// rehearsals that produced a finite scorecard; failed rehearsals without one are counted, not
/// scored, so a strategy's medians must be read beside its failure counts. The budget fraction
/// is spent / budget (at most 1 unless a rule was broken). Everything is a pure function of the
/// entries: the same tournament gives the same bytes (no timings here).
public struct Leaderboard: Codable, Sendable, Equatable {
    /// A median and a 90th percentile (nil when nothing was scored).
    public struct Spread: Codable, Sendable, Equatable {
        public var median: Double
        public var p90: Double
    }

    public struct FailureCount: Codable, Sendable, Equatable {
        public var kind: TournamentEntry.Failure
        public var count: Int
        /// The first message, in scenario, strategy, seed order.
        public var first: String
    }

    /// One strategy over a set of rehearsals.
    public struct Row: Codable, Sendable, Equatable {
        public var strategy: String
        public var rehearsals: Int
        /// Rehearsals with a finite scorecard (the quantiles are over these).
        public var scored: Int
        public var absLnNError: Spread?
        /// The median of the signed ln(N_pred / N*): a systematic over- or underestimate of
        /// the size shows here when the absolute errors cannot tell which.
        public var lnNBias: Double?
        public var absLossError: Spread?
        public var regret: Spread?
        public var budgetUsed: Spread?
        /// The largest fraction of the budget any rehearsal spent.
        public var maxBudgetUsed: Double?
        public var failures: [FailureCount]

        enum CodingKeys: String, CodingKey {
            case strategy, rehearsals, scored, failures
            case absLnNError = "abs_ln_n_error", lnNBias = "ln_n_bias", absLossError = "abs_loss_error", regret
            case budgetUsed = "budget_used", maxBudgetUsed = "max_budget_used"
        }
    }

    public typealias ScenarioRows = LeaderboardScenarioRows<Row>

    public var scenarios: [String]
    public var strategies: [String]
    public var seeds: [UInt64]
    /// Per strategy over every scenario.
    public var overall: [Row]
    public var perScenario: [ScenarioRows]

    enum CodingKeys: String, CodingKey {
        case scenarios, strategies, seeds, overall, perScenario = "per_scenario"
    }

    /// Summarises `entries` (any order; rows follow first appearance of each scenario and strategy).
    public init(_ entries: [TournamentEntry]) {
        let g = LeaderboardGroups(entries, scenario: \.scenario, strategy: \.strategy, seed: \.seed) { name, subset in
            Row(strategy: name, entries: subset)
        }
        scenarios = g.scenarios
        strategies = g.strategies
        seeds = g.seeds
        overall = g.overall
        perScenario = g.perScenario
    }

    /// Whether any rehearsal spent past its budget.
    public var anyOverBudget: Bool { overall.contains { ($0.maxBudgetUsed ?? 0) > 1 } }
}

extension Leaderboard.Row {
    init(strategy: String, entries: [TournamentEntry]) {
        let cards = entries.compactMap(\.scorecard)
        func spread(_ values: [Double]) -> Leaderboard.Spread? {
            let finite = values.filter(\.isFinite)
            guard let q = try? Quantiles.of(finite, at: [0.5, 0.9]) else { return nil }
            return Leaderboard.Spread(median: q[0], p90: q[1])
        }
        let used = cards.map { Double($0.spent) / Double($0.budget) }
        var failures: [Leaderboard.FailureCount] = []
        for kind in TournamentEntry.Failure.allCases {
            let messages = entries.compactMap { $0.failures[kind] }
            if let first = messages.first { failures.append(.init(kind: kind, count: messages.count, first: first)) }
        }
        self.init(strategy: strategy, rehearsals: entries.count, scored: cards.count,
                  absLnNError: spread(cards.map { abs($0.lnNError) }),
                  lnNBias: spread(cards.map(\.lnNError))?.median,
                  absLossError: spread(cards.map { abs($0.lossError) }),
                  regret: spread(cards.map(\.regret)),
                  budgetUsed: spread(used), maxBudgetUsed: used.max(), failures: failures)
    }
}
