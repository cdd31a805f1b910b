import Foundation
import MockAPIServer
import Scaling
import SyntheticTrainer

/// One rehearsal of a 2026 campaign against a known truth, end to end and in process: the
/// scenario's truth behind the mock's real request handling (`TrainingAPI2026` bound to a
/// `VirtualClock`, reached through `InProcessTransport`), the real client (journalled,
/// reconciled with `/budget`) driven by `CampaignEngine` with the strategy as planner, the
/// predictor choosing the final run, the scorecard training that run by the truth.
///
/// Waiting costs no real time: the engine sleeps between polls on the virtual clock and the
/// service catches up with it on each request, so twelve simulated hours take well under a second.
///
/// ```swift
/// let r = try await Rehearsal2026(scenario: s, strategy: NaiveStrategy2026(), predictor: BestRunBaseline2026(),
///                                 bestLoss: try s.target().loss, seed: 1).run()
/// r.scorecard.regret
/// ```
public struct Rehearsal2026: Sendable {
    public var scenario: Scenario2026
    public var strategy: any Strategy2026
    public var predictor: any FinalRunPredictor2026
    /// The truth's best expected loss at the scenario's target (`Scenario2026.target().loss`;
    /// a tournament computes it once per scenario).
    public var bestLoss: Double
    public var seed: UInt64
    /// Where the client journals every answer; nil keeps answers in memory.
    public var journalPath: String?
    /// Seconds the engine waits between sweeps of the experiments in flight.
    public var pollSeconds: Double
    public var clientOptions: TrainingAPIClient2026.Options

    /// - Parameter seed: the truth's noise seed and the service's seed (the same seed gives the
    ///   same campaign, byte for byte).
    public init(scenario: Scenario2026, strategy: any Strategy2026, predictor: any FinalRunPredictor2026,
                bestLoss: Double, seed: UInt64, journalPath: String? = nil, pollSeconds: Double = 30,
                clientOptions: TrainingAPIClient2026.Options = .init()) {
        var s = scenario
        s.truth.noise.seed = SplitMix64.mix(scenario.seed ^ seed)
        s.seed = seed
        self.scenario = s
        self.strategy = strategy
        self.predictor = predictor
        self.bestLoss = bestLoss
        self.seed = seed
        self.journalPath = journalPath
        self.pollSeconds = pollSeconds
        self.clientOptions = clientOptions
    }

    /// The key of the rehearsal's client (8 digits, as the course's client insists).
    public static let rehearsalKey = "06123456"

    public struct Result: Sendable {
        /// Every experiment of the campaign in its last known state, in submission order.
        public var experiments: [ExperimentResponse2026]
        /// Configs refused before sending, with why.
        public var refused: [(config: TrainingConfig, reason: String)]
        /// Runs abandoned as stuck.
        public var abandoned: [TrainingConfig]
        public var reconciliation: TrainingAPIClient2026.Reconciliation
        public var warnings: [String]
        /// Nil when the predictor found nothing to predict from (`predictionError` says why).
        public var final: FinalRunChoice2026?
        public var predictionError: String?
        public var scorecard: Scorecard2026?
        public var wallSeconds: Double
        public var rounds: Int
    }

    public func run() async throws -> Result {
        let clock = VirtualClock()
        let api = try TrainingAPI2026(truth: scenario.truth, behaviour: scenario.service,
                                      options: .init(seed: seed, time: .virtualClock(clock)))
        let key = try APIKey(Self.rehearsalKey, source: "rehearsal")
        let client = try TrainingAPIClient2026(transport: InProcessTransport(service: api), endpoint: "in-process", apiKey: key,
                                               journal: journalPath.map { RunJournal2026(path: $0) }, options: clientOptions,
                                               timing: .virtual(clock))
        let rules = CampaignRules2026(schema: clientOptions.schema)
        let engine = CampaignEngine(rules: rules, planner: StrategyPlanner2026(strategy, budgetSeconds: rules.budgetSeconds),
                                    maxInFlight: strategy.maxInFlight, pollInterval: .milliseconds(Int64(pollSeconds * 1000)),
                                    clock: clock)
        let outcome = try await engine.run(against: client)
        let reconciliation = try await client.reconcile()
        let experiments = await client.experimentsKnown
        let abandonedIDs = await client.abandonedExperiments
        let abandoned = experiments.filter { abandonedIDs[$0.experimentID] != nil }.map(\.trainingConfig)
        let wall = clock.now.seconds
        var final: FinalRunChoice2026?
        var predictionError: String?
        do { final = try predictor.predictFinal(experiments, budgetSeconds: scenario.targetBudgetSeconds) } catch {
            predictionError = "\(error)"
        }
        let card = final.map {
            Scorecard2026(scenario: scenario, bestLoss: bestLoss, final: $0, experiments: experiments, abandoned: abandoned,
                          budgetSeconds: rules.budgetSeconds, wallSeconds: wall, seed: seed)
        }
        return Result(experiments: experiments, refused: outcome.progress.refused.map { ($0.request, $0.reason.description) },
                      abandoned: abandoned, reconciliation: reconciliation,
                      warnings: await client.warnings + strategy.notes(StrategyPlanner2026.view(outcome.progress, budgetSeconds: rules.budgetSeconds)),
                      final: final, predictionError: predictionError, scorecard: card, wallSeconds: wall, rounds: outcome.rounds)
    }
}
