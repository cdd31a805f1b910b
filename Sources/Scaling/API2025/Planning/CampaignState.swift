/// What a strategy sees when it chooses: the API's rules, the budget, and every answer so far.
///
/// Strategies are pure functions of this state. That makes a campaign resumable from its journal
/// (replaying the journalled runs reproduces every decision) and deterministic by construction.
public struct CampaignState: Sendable {
    public var rules: APIRules
    /// The most the campaign may spend (normally `rules.budget`).
    public var budget: Int64
    /// Every answered query, in the order asked.
    public var runs: [Run]

    public init(rules: APIRules, budget: Int64? = nil, runs: [Run] = []) {
        self.rules = rules
        self.budget = budget ?? rules.budget
        self.runs = runs
    }

    /// FLOPs spent: the sum of `train_flops` over the distinct queries answered.
    public var spent: Int64 { runs.distinctFlops }
    public var remaining: Int64 { FLOPs(budget).floorSubtract(FLOPs(spent)).value }

    /// Whether this query has already been answered (asking it again is free).
    public func hasAsked(_ query: Query) -> Bool { runs.contains { $0.query == query } }
}

extension Sequence where Element == Run {
    /// The FLOPs these runs cost a key: `train_flops` summed over the distinct queries (a repeat
    /// is free), saturating at Int64.max instead of trapping on a damaged input.
    public var distinctFlops: Int64 {
        var seen = Set<Query>()
        var total = FLOPs.zero
        for run in self where seen.insert(run.query).inserted { total = total.saturatingAdd(FLOPs(run.trainFlops)) }
        return total.value
    }
}
