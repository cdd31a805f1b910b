/// Anything that answers a query with a run: the HTTP client (mock or live service), or an
/// in-process transport for fast tournaments.
public protocol QueryAnswering: Sendable {
    func answer(_ query: Query) async throws -> Run
}

/// Drives a strategy against a service under a budget.
///
/// Each round it asks the strategy for its next batch, refuses locally what breaks a rule or would
/// pass the budget (recording why), and sends the rest one by one, so a sequential strategy sees
/// every answer before it chooses again. It stops when the strategy has nothing new to ask or
/// when nothing it asks can be afforded. It never trusts a strategy to keep the budget.
public struct Campaign: Sendable {
    public struct Refusal: Sendable, Codable, Hashable {
        public var query: Query
        public var reason: String
    }

    /// What happened: every run (including those replayed from a journal), every refusal.
    public struct Outcome: Sendable, Codable {
        public var strategy: String
        public var budget: Int64
        public var runs: [Run]
        public var refused: [Refusal]
        /// Runs that were already known before this campaign started (replayed from a journal).
        public var replayed: Int
        public var rounds: Int

        public init(strategy: String, budget: Int64, runs: [Run], refused: [Refusal] = [], replayed: Int = 0, rounds: Int = 0) {
            self.strategy = strategy
            self.budget = budget
            self.runs = runs
            self.refused = refused
            self.replayed = replayed
            self.rounds = rounds
        }
        public var spent: Int64 { CampaignState(rules: .live, budget: budget, runs: runs).spent }
        /// What the strategy asked for, answered or refused (distinct valid queries).
        /// A Double: what a design wants may pass Int64's 9.2e18 (the seed grid wants 1.27e19).
        public var wanted: Double {
            Double(spent) + Set(refused.filter { $0.reason.hasPrefix("budget") }.map(\.query)).reduce(0.0) { $0 + Double($1.trainFlops) }
        }
    }

    /// Progress after each answered query: (runs so far, FLOPs spent, budget).
    public typealias Progress = @Sendable (_ runs: Int, _ spent: Int64, _ budget: Int64) -> Void

    public var strategy: any Strategy
    public var rules: APIRules
    public var budget: Int64
    /// An upper bound on rounds, so a strategy that keeps proposing refused queries cannot loop.
    public var maxRounds: Int

    public init(strategy: any Strategy, rules: APIRules, budget: Int64? = nil, maxRounds: Int = 10_000) {
        self.strategy = strategy
        self.rules = rules
        self.budget = budget ?? rules.budget
        self.maxRounds = maxRounds
    }

    public func run(against service: any QueryAnswering, replaying known: [Run] = [],
                    progress: Progress? = nil) async throws -> Outcome {
        var state = CampaignState(rules: rules, budget: budget, runs: known)
        var refused: [Refusal] = []
        var refusedSet = Set<Query>()
        var rounds = 0
        while rounds < maxRounds {
            rounds += 1
            let batch = try strategy.nextQueries(state)
            var askedAny = false
            for query in batch where !state.hasAsked(query) {
                if let violation = rules.violations(of: query).first {
                    if refusedSet.insert(query).inserted { refused.append(Refusal(query: query, reason: "rule: " + violation.message)) }
                    continue
                }
                let spent = state.spent
                if spent + query.trainFlops > budget {
                    if refusedSet.insert(query).inserted {
                        refused.append(Refusal(query: query, reason: "budget: " + BudgetExceeded(budget: budget, used: spent, requested: query.trainFlops).description))
                    }
                    continue
                }
                let run = try await service.answer(query)
                state.runs.append(run)
                askedAny = true
                progress?(state.runs.count, state.spent, budget)
            }
            if !askedAny { break }
        }
        return Outcome(strategy: strategy.name, budget: budget, runs: state.runs, refused: refused,
                       replayed: known.count, rounds: rounds)
    }
}
