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
