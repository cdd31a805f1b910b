/// What a protocol tells the campaign engine about its requests: which ones break a rule, what
/// one reserves when it is submitted, and what a result or a failure was charged.
public protocol CampaignRules<Request, Result, Amount>: Sendable {
    associatedtype Request: Hashable & Sendable
    associatedtype Result: Sendable
    associatedtype Amount: BudgetAmount
    associatedtype Violation: Sendable & Hashable & CustomStringConvertible

    /// The most the campaign may spend.
    var budget: Amount { get }
    /// The first rule `request` breaks, or nil when the service would accept it.
    func violation(of request: Request) -> Violation?
    /// What `request` holds while it is in flight.
    func reservation(for request: Request) -> Amount
    /// What a finished experiment was charged.
    func charge(for result: Result, of request: Request) -> Amount
    /// What a failed experiment was charged.
    func charge(for failure: ExperimentFailure, of request: Request) -> Amount
}

/// Chooses what a campaign asks next from everything known so far; a pure function of the
/// state, so a campaign replayed from its journal makes the same choices.
public protocol CampaignPlanner<Request, Result>: Sendable {
    associatedtype Request: Hashable & Sendable
    associatedtype Result: Sendable
    /// The next requests to submit; empty when it has nothing new to ask now (the engine then
    /// waits for experiments in flight, or ends the campaign when there are none).
    func next<Amount: BudgetAmount>(_ state: CampaignProgress<Request, Result, Amount>) throws -> [Request]
}

/// What the engine knows at a moment of a campaign.
public struct CampaignProgress<Request: Hashable & Sendable, Result: Sendable, Amount: BudgetAmount>: Sendable {
    /// Every experiment that ended with a result, in the order they ended (replayed ones first).
    public var finished: [(request: Request, result: Result)] = []
    /// Every experiment that ended without one.
    public var failed: [(request: Request, failure: ExperimentFailure)] = []
    /// Experiments submitted and not yet ended, in the order submitted.
    public var inFlight: [(request: Request, ticket: ExperimentTicket, reservation: Int)] = []
    public var budget: Budget<Amount>
    /// Requests refused before sending, with why (each once).
    public var refused: [(request: Request, reason: CampaignRefusal<Amount>)] = []

    init(budget: Budget<Amount>) { self.budget = budget }

    /// Whether `request` was already submitted (ended or in flight): the engine never sends it again.
    public func hasAsked(_ request: Request) -> Bool { asked.contains(request) }
    var asked = Set<Request>()
}

/// Why the engine refused a request before sending it.
public enum CampaignRefusal<Amount: BudgetAmount>: Sendable, Hashable, CustomStringConvertible {
    /// It breaks a rule of the service (the rule's own words).
    case rule(String)
    /// It would pass the budget.
    case budget(BudgetShortfall<Amount>)

    public var description: String {
        switch self {
        case .rule(let text): "rule: " + text
        case .budget(let shortfall): "budget: " + shortfall.description
        }
    }
}

/// Drives a planner against a training service under a budget, for any protocol.
///
/// Each round it asks the planner for its next batch, refuses locally what breaks a rule or would
/// pass the budget (recording why, once per request), reserves and submits the rest one by one
/// (so a planner sees every instant answer before it chooses again), and keeps at most
/// `maxInFlight` experiments running. When the planner has nothing new and experiments are in
/// flight, it polls them, waiting `pollInterval` on the injected clock between sweeps (a virtual
/// clock makes a 12-hour campaign take no real time), and asks the planner again only once an
/// experiment has ended (its state has not changed before that). It ends when the planner has nothing new
/// and nothing is in flight, or after `maxRounds` rounds.
public struct CampaignEngine<Rules: CampaignRules, Planner: CampaignPlanner>: Sendable
where Planner.Request == Rules.Request, Planner.Result == Rules.Result {
    public typealias Request = Rules.Request
    public typealias Result = Rules.Result
    public typealias Progress = CampaignProgress<Request, Result, Rules.Amount>

    public var rules: Rules
    public var planner: Planner
    public var maxInFlight: Int
    public var pollInterval: Duration
    public var clock: any Clock<Duration>
    /// An upper bound on rounds, so a planner that keeps proposing refused requests cannot loop.
    public var maxRounds: Int

    public init(rules: Rules, planner: Planner, maxInFlight: Int = 1, pollInterval: Duration = .seconds(30),
                clock: any Clock<Duration> = ContinuousClock(), maxRounds: Int = 10_000) {
        self.rules = rules
        self.planner = planner
        self.maxInFlight = max(1, maxInFlight)
        self.pollInterval = pollInterval
        self.clock = clock
        self.maxRounds = maxRounds
    }

    /// What a campaign did: the final state and the rounds it took.
    public struct Outcome: Sendable {
        public var progress: Progress
        public var rounds: Int
    }

    /// Runs the campaign. `known` are results already paid for (a journal): they are charged to
    /// the budget once per distinct request and shown to the planner first. `spentElsewhere` is
    /// what the service reports spent beyond them (runs made from a notebook, another machine):
    /// it is charged before anything is asked, so the campaign plans with what is really left.
    ///
    /// A service may refuse a submission for the budget itself by throwing a
    /// `BudgetShortfall<Amount>` (the client's own check, or the service's refusal): that is
    /// recorded as a `.budget` refusal, the budget learns the committed amount the refusal
    /// reports, and the campaign goes on with what it can still afford.
    ///
    /// ```swift
    /// let outcome = try await engine.run(against: service, replaying: journal, spentElsewhere: FLOPs(1_950_000_000_000_000_000))
    /// ```
    public func run<Service: TrainingService>(against service: Service, replaying known: [(Request, Result)] = [],
                                               spentElsewhere: Rules.Amount = .zero,
                                               onFinished: (@Sendable (Progress) -> Void)? = nil) async throws -> Outcome
    where Service.Request == Request, Service.Result == Result {
        var state = Progress(budget: Budget(cap: rules.budget))
        for (request, result) in known {
            state.finished.append((request, result))
            if state.asked.insert(request).inserted { state.budget.charge(rules.charge(for: result, of: request)) }
        }
        state.budget.charge(spentElsewhere)
        var refusedSet = Set<Request>()
        var refusedByService = Set<Request>()
        var rounds = 0
        while rounds < maxRounds {
            rounds += 1
            let batch = try planner.next(state)
            var submittedAny = false
            for request in batch where !state.hasAsked(request) && !refusedByService.contains(request) {
                if let violation = rules.violation(of: request) {
                    if refusedSet.insert(request).inserted { state.refused.append((request, .rule(violation.description))) }
                    continue
                }
                let cost = rules.reservation(for: request)
                guard let reservation = state.budget.reserve(cost) else {
                    if refusedSet.insert(request).inserted { state.refused.append((request, .budget(state.budget.shortfall(cost)))) }
                    continue
                }
                state.asked.insert(request)
                submittedAny = true
                let answer: ExperimentState<Result>
                do { answer = try await service.submit(request) } catch let shortfall as BudgetShortfall<Rules.Amount> {
                    // Refused for the budget (nothing charged): the service knows of spending
                    // this campaign did not; take its figure and go on with what is left.
                    state.budget.settle(reservation, charged: .zero)
                    state.asked.remove(request)
                    state.budget.charge(shortfall.committed.floorSubtract(state.budget.committed))
                    refusedByService.insert(request)
                    if refusedSet.insert(request).inserted { state.refused.append((request, .budget(shortfall))) }
                    continue
                } catch {
                    state.budget.settle(reservation, charged: .zero)
                    state.asked.remove(request)
                    throw error
                }
                record(answer, request: request, reservation: reservation, in: &state, onFinished: onFinished)
                while state.inFlight.count >= maxInFlight {
                    try await sweep(service, &state, onFinished: onFinished)
                }
            }
            if !submittedAny {
                if state.inFlight.isEmpty { break }
                // The planner is a pure function of the state: until an experiment ends, it
                // would answer the same, so keep sweeping without asking it again.
                let waiting = state.inFlight.count
                repeat { try await sweep(service, &state, onFinished: onFinished) } while state.inFlight.count == waiting
            }
        }
        return Outcome(progress: state, rounds: rounds)
    }

    /// Polls every experiment in flight once; if none ended, waits one interval on the clock.
    func sweep<Service: TrainingService>(_ service: Service, _ state: inout Progress,
                                        onFinished: (@Sendable (Progress) -> Void)?) async throws
    where Service.Request == Request, Service.Result == Result {
        let before = state.inFlight.count
        for entry in state.inFlight {
            let answer = try await service.poll(entry.ticket)
            if case .running = answer { continue }
            state.inFlight.removeAll { $0.ticket == entry.ticket }
            record(answer, request: entry.request, reservation: entry.reservation, in: &state, onFinished: onFinished)
        }
        if state.inFlight.count == before { try await clock.sleep(for: pollInterval) }
    }

    func record(_ answer: ExperimentState<Result>, request: Request, reservation: Int, in state: inout Progress,
                onFinished: (@Sendable (Progress) -> Void)?) {
        switch answer {
        case .running(let ticket):
            state.inFlight.append((request, ticket, reservation))
        case .finished(let result):
            state.budget.settle(reservation, charged: rules.charge(for: result, of: request))
            state.finished.append((request, result))
            onFinished?(state)
        case .failed(let failure):
            state.budget.settle(reservation, charged: rules.charge(for: failure, of: request))
            state.failed.append((request, failure))
            onFinished?(state)
        }
    }
}
