/// The dry run of a design: what it costs, per budget and in total, and every rule it breaks,
/// before a single FLOP is spent. For a sequential strategy it covers the opening moves only.
public struct PlanReport: Sendable, Codable {
    public struct Line: Sendable, Codable {
        public var query: Query
        /// The API's refusal messages for this query; empty when the API accepts it.
        public var violations: [String]
        /// Whether a campaign asking the design in order gets it before the cap.
        public var withinBudget: Bool
        /// A repeat of an earlier query: free.
        public var duplicate: Bool
    }

    public struct BudgetTotal: Sendable, Codable {
        public var trainFlops: Int64
        public var queries: Int
        /// Total FLOPs (a Double: a design's wants may pass Int64's 9.2e18, the seed grid's do).
        public var flops: Double
    }

    public var strategy: String
    public var sequential: Bool
    public var budget: Int64
    public var lines: [Line]
    public var perBudget: [BudgetTotal]
    /// What the whole design wants (distinct valid queries); exact for sums of the API's budgets.
    public var wanted: Double
    /// What a campaign asking in order gets before the cap.
    public var affordable: Int64
    /// Every problem, each in one sentence: rule violations and the budget overrun.
    public var problems: [String]

    /// Whether the design can run as written, within the rules and the budget.
    public var isRunnable: Bool { problems.isEmpty }

    public init(strategy: any Strategy, rules: APIRules, budget: Int64? = nil) throws {
        let budget = budget ?? rules.budget
        let queries = try strategy.nextQueries(CampaignState(rules: rules, budget: budget))
        var seen = Set<Query>()
        var spent: Int64 = 0
        var lines: [Line] = []
        var problems: [String] = []
        var totals: [Int64: BudgetTotal] = [:]
        for (i, q) in queries.enumerated() {
            let violations = rules.violations(of: q).map(\.message)
            let duplicate = !seen.insert(q).inserted
            var fits = violations.isEmpty
            if violations.isEmpty && !duplicate {
                fits = spent + q.trainFlops <= budget
                if fits { spent += q.trainFlops }
                totals[q.trainFlops, default: BudgetTotal(trainFlops: q.trainFlops, queries: 0, flops: 0)].queries += 1
                totals[q.trainFlops]!.flops += Double(q.trainFlops)
            }
            for v in violations { problems.append("query \(i + 1) (\(q.configuration), train_flops=\(q.trainFlops)): \(v)") }
            lines.append(Line(query: q, violations: violations, withinBudget: fits, duplicate: duplicate))
        }
        let wanted = totals.values.reduce(0) { $0 + $1.flops }
        if wanted > Double(budget) {
            problems.append("over budget: the design wants \(Self.sci(wanted)) FLOPs but the budget is \(Self.sci(Double(budget))); asked in order, a campaign gets \(Self.sci(Double(spent))) and \(lines.filter { !$0.withinBudget && $0.violations.isEmpty }.count) queries are cut")
        }
        if queries.isEmpty { problems.append("the design proposes no queries") }
        self.strategy = strategy.name
        self.sequential = strategy.isSequential
        self.budget = budget
        self.lines = lines
        self.perBudget = totals.values.sorted { $0.trainFlops < $1.trainFlops }
        self.wanted = wanted
        self.affordable = spent
        self.problems = problems
    }

    static func sci(_ v: Double) -> String { NumberFormat.general(v, digits: 3) }
}

import Foundation
