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
    public var spent: Int64 { Set(runs.map(\.query)).reduce(0) { $0 + $1.trainFlops } }
    public var remaining: Int64 { budget - spent }

    /// Whether this query has already been answered (asking it again is free).
    public func hasAsked(_ query: Query) -> Bool { runs.contains { $0.query == query } }
}

/// A way of choosing queries under a budget.
///
/// `nextQueries` is asked repeatedly; it returns the next batch to send given everything answered
/// so far, and an empty batch when the campaign is over. A static design returns its whole list
/// once; a sequential strategy returns a few queries at a time and sees each answer before its
/// next choice. A strategy must never propose a batch that takes the campaign past its budget:
/// the campaign refuses such queries (and reports them), it does not trust the strategy.
public protocol Strategy: Sendable {
    /// The name `--strategy` accepts (`seed-grid`, `isoflop`, `adaptive`, ...).
    var name: String { get }
    /// One line on what it does.
    var summary: String { get }
    /// Whether the strategy looks at answers before choosing (then `plan` shows only its opening).
    var isSequential: Bool { get }
    /// The next batch of queries; empty when done.
    func nextQueries(_ state: CampaignState) throws -> [Query]
}

/// A fixed list of queries decided before anything is asked: a grid, or a user's plan file.
public protocol StaticDesign: Strategy {
    /// Every query the design wants, in the order it wants them.
    func design(rules: APIRules) throws -> [Query]
}

extension StaticDesign {
    public var isSequential: Bool { false }

    /// The design's queries not yet asked, in order. The campaign cuts what does not fit.
    public func nextQueries(_ state: CampaignState) throws -> [Query] {
        try design(rules: state.rules).filter { !state.hasAsked($0) }
    }
}
