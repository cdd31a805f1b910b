/// Anything that answers a query with a run: the HTTP client (mock or live service), or an
/// in-process transport for fast tournaments.
public protocol QueryAnswering: Sendable {
    func answer(_ query: Query) async throws -> Run
}

/// A 2025 campaign: a strategy driven against a service under a FLOPs budget by the
/// protocol-neutral `CampaignEngine`. Every answer is instant, so one experiment is in flight at
/// a time and the clock is never waited on.
///
/// Each round the strategy proposes its next batch; the engine refuses locally what breaks a rule
/// or would pass the budget (recording why) and sends the rest one by one, so a sequential
/// strategy sees every answer before it chooses again. It stops when the strategy has nothing new
/// to ask or when nothing it asks can be afforded. It never trusts a strategy to keep the budget.
public struct Campaign: Sendable {
    /// A query refused before sending, and why (`CampaignRefusal`: a rule, or the budget).
    public struct Refusal: Sendable, Encodable, Hashable {
        public var query: Query
        public var reason: CampaignRefusal<FLOPs>

        enum CodingKeys: String, CodingKey { case query, reason }
        /// `{"query": {...}, "reason": "budget: ..."}`.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(query, forKey: .query)
            try c.encode(reason.description, forKey: .reason)
        }
    }

    /// What happened: every run (including those replayed from a journal), every refusal.
    public struct Outcome: Sendable, Encodable {
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
        public var spent: Int64 { runs.distinctFlops }
        /// What the strategy asked for, answered or refused (distinct valid queries).
        /// A Double: what a design wants may pass Int64's 9.2e18 (the seed grid wants 1.27e19).
        public var wanted: Double {
            let overBudget = Set(refused.compactMap { r -> Query? in
                if case .budget = r.reason { return r.query }
                return nil
            })
            return Double(spent) + overBudget.reduce(0.0) { $0 + Double($1.trainFlops) }
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

    /// Runs the campaign against `service`. `known` are runs already paid for (the journal's);
    /// `spentElsewhere` is what the key spent beyond them (runs made outside this journal, as the
    /// service's total reports). A query the service refuses for the budget (`BudgetExceeded`,
    /// from the client's own check or the service's 403) is recorded as a refusal, not thrown.
    public func run(against service: any QueryAnswering, replaying known: [Run] = [], spentElsewhere: Int64 = 0,
                    progress: Progress? = nil) async throws -> Outcome {
        let engine = CampaignEngine(rules: CampaignRules2025(api: rules, budget: FLOPs(budget)),
                                    planner: StrategyPlanner(strategy: strategy, rules: rules, budget: budget),
                                    maxRounds: maxRounds)
        let budget = self.budget
        let outcome = try await engine.run(against: AnsweringService(service: service),
                                           replaying: known.map { ($0.query, $0) },
                                           spentElsewhere: FLOPs(max(0, spentElsewhere))) { state in
            progress?(state.finished.count, state.budget.settled.value, budget)
        }
        let state = outcome.progress
        return Outcome(strategy: strategy.name, budget: budget, runs: state.finished.map(\.result),
                       refused: state.refused.map { Refusal(query: $0.request, reason: $0.reason) },
                       replayed: known.count, rounds: outcome.rounds)
    }
}

extension Campaign {
    /// Runs (or resumes) the campaign on `client`'s key: the journal's runs are replayed (never
    /// asked again), and what the service reports spent beyond them (runs made from a notebook,
    /// or before the journal) is charged first, so the campaign spends only what is really left
    /// and ends with a prediction-ready outcome instead of a budget error.
    ///
    /// ```swift
    /// let outcome = try await Campaign(strategy: AdaptiveStrategy(), rules: .live).resume(with: client)
    /// ```
    public func resume(with client: TrainingAPIClient, progress: Progress? = nil) async throws -> Outcome {
        let known = await client.knownRuns
        let total = try await client.totalFlopsUsed()
        let elsewhere = FLOPs(max(total, await client.spent)).floorSubtract(FLOPs(known.distinctFlops)).value
        return try await run(against: client, replaying: known, spentElsewhere: elsewhere, progress: progress)
    }
}

/// The 2025 protocol's rules for the engine: the API's checks, and a query costs its
/// `train_flops`, reserved and charged alike.
struct CampaignRules2025: CampaignRules {
    typealias Request = Query
    typealias Result = Run
    typealias Amount = FLOPs
    typealias Violation = RuleViolation
    var api: APIRules
    var budget: FLOPs
    func violation(of query: Query) -> RuleViolation? { api.violations(of: query).first }
    func reservation(for query: Query) -> FLOPs { FLOPs(query.trainFlops) }
    func charge(for run: Run, of query: Query) -> FLOPs { FLOPs(query.trainFlops) }
    func charge(for failure: ExperimentFailure, of query: Query) -> FLOPs { FLOPs(query.trainFlops) }
}

/// A 2025 strategy as the engine's planner: it sees the runs answered so far as a `CampaignState`.
struct StrategyPlanner: CampaignPlanner {
    typealias Request = Query
    typealias Result = Run
    var strategy: any Strategy
    var rules: APIRules
    var budget: Int64
    func next<Amount: BudgetAmount>(_ state: CampaignProgress<Query, Run, Amount>) throws -> [Query] {
        try strategy.nextQueries(CampaignState(rules: rules, budget: budget, runs: state.finished.map(\.result)))
    }
}

/// A service that answers every query at once, as the engine's training service.
struct AnsweringService: TrainingService {
    typealias Request = Query
    typealias Result = Run
    var service: any QueryAnswering
    func submit(_ query: Query) async throws -> ExperimentState<Run> {
        do { return .finished(try await service.answer(query)) } catch let refusal as BudgetExceeded {
            throw BudgetShortfall(cap: FLOPs(refusal.budget), committed: FLOPs(refusal.used), requested: FLOPs(refusal.requested))
        }
    }
    func poll(_ ticket: ExperimentTicket) async throws -> ExperimentState<Run> {
        throw ExperimentFailure(kind: .unexpected, message: "the 2025 API answers at once; there is no experiment \(ticket) to poll")
    }
}
