import Foundation
import MockAPIServer
import Scaling
import SyntheticTrainer

/// One rehearsal of a campaign against a known truth, end to end:
/// the scenario's truth behind the mock API, the real client (journalled, budget-checked) sending
/// the strategy's queries, the predictor fitting the answers, the scorecard judging the prediction.
///
/// ```swift
/// let r = try await Rehearsal(scenario: s, strategy: AdaptiveStrategy()).run()
/// r.scorecard.lnNError   // ln(N_pred / N*)
/// ```
public struct Rehearsal: Sendable {
    /// How queries reach the mock: real HTTP on loopback, or straight into its request handling
    /// (the same code path without sockets; `EndToEndTests` shows both give identical results).
    public enum Connection: String, Sendable, CaseIterable {
        case http
        case inProcess = "in-process"
    }

    public var scenario: Scenario
    public var strategy: any Strategy
    public var predictor: Predictor
    public var connection: Connection
    /// Where the client journals every answer before use; nil keeps answers in memory.
    public var journalPath: String?
    /// The scenario's truth, when the caller has it already (it does not depend on the noise
    /// seed, so a tournament computes it once per scenario); nil computes it after the campaign.
    public var truth: TruthReport?

    /// - Parameters:
    ///   - noiseSeed: replaces the scenario's noise seed (a tournament's truth seeds); nil keeps the file's.
    ///   - bootstrapResamples, predictionSeed: the predictor's bootstrap.
    ///   - truth: `scenario.truthReport()` computed beforehand (any noise seed gives the same).
    public init(scenario: Scenario, strategy: any Strategy, noiseSeed: UInt64? = nil,
                connection: Connection = .http, journalPath: String? = nil,
                bootstrapResamples: Int = 200, predictionSeed: UInt64 = 0, truth: TruthReport? = nil) {
        self.scenario = noiseSeed.map { scenario.withNoiseSeed($0) } ?? scenario
        self.strategy = strategy
        self.predictor = Predictor(target: scenario.target.budget, space: scenario.target.space,
                                   bootstrapResamples: bootstrapResamples, seed: predictionSeed)
        self.connection = connection
        self.journalPath = journalPath
        self.truth = truth
    }

    public struct Result: Sendable {
        public var outcome: Campaign.Outcome
        public var report: Predictor.Report
        public var truth: TruthReport
        public var scorecard: Scorecard
    }

    /// The key the rehearsal's client uses against its private mock.
    static let rehearsalKey = "rehearsal"

    public func run(progress: Campaign.Progress? = nil) async throws -> Result {
        let api = TrainingAPI(oracle: scenario, ledger: try Ledger(budget: scenario.rules.budget))
        let key = try APIKey(Self.rehearsalKey, source: "rehearsal")
        let journal = journalPath.map { RunJournal(path: $0) }
        let outcome: Campaign.Outcome
        let campaign = Campaign(strategy: strategy, rules: scenario.rules)
        switch connection {
        case .http:
            let server = try await MockServer.start(service: api)
            do {
                let client = try TrainingAPIClient(baseURL: server.url, apiKey: key, rules: scenario.rules, journal: journal)
                outcome = try await campaign.run(against: client, progress: progress)
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        case .inProcess:
            let client = try TrainingAPIClient(transport: InProcessTransport(service: api), endpoint: "in-process",
                                               apiKey: key, rules: scenario.rules, journal: journal)
            outcome = try await campaign.run(against: client, progress: progress)
        }
        let report = try predictor.predict(runs: outcome.runs)
        let truth = try self.truth ?? scenario.truthReport()
        let scorecard = Scorecard(scenario: scenario, truth: truth, prediction: report.prediction, runs: outcome.runs)
        return Result(outcome: outcome, report: report, truth: truth, scorecard: scorecard)
    }
}
