import Foundation
import Scaling
import SyntheticTrainer

/// One rehearsal of a tournament: which strategy on which scenario under which truth seed, and
/// how it ended — a scorecard, a failure, or both (a prediction that breaks a rule still has
/// errors worth counting, and a failure worth reporting).
public struct TournamentEntry: Sendable, Equatable {
    /// Why a rehearsal counts as failed.
    ///
    /// - `crash`: the campaign threw (transport, client, strategy, journal): nothing to score.
    /// - `noPrediction`: the campaign ran but the predictor found no usable fit, or its numbers
    ///   are not finite.
    /// - `invalidConfiguration`: the final configuration lies outside the final-run space.
    /// - `brokenRule`: a run broke an API rule or the campaign spent past its budget.
    public enum Failure: String, Codable, Sendable, CaseIterable, Comparable {
        case crash
        case noPrediction = "no_prediction"
        case invalidConfiguration = "invalid_configuration"
        case brokenRule = "broken_rule"

        public static func < (a: Self, b: Self) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public var scenario: String
    public var strategy: String
    public var seed: UInt64
    /// Nil when the rehearsal produced no prediction to score.
    public var scorecard: Scorecard?
    /// Every way this rehearsal failed, in `Failure` order, with one message each.
    public var failures: [Failure: String]

    public init(scenario: String, strategy: String, seed: UInt64, scorecard: Scorecard?, failures: [Failure: String]) {
        self.scenario = scenario
        self.strategy = strategy
        self.seed = seed
        self.scorecard = scorecard
        self.failures = failures
    }

    /// Classifies a finished rehearsal: the rules are checked against the run list and the
    /// final-run space directly, not read back from the scorecard's sentences.
    init(scenario: Scenario, strategy: String, seed: UInt64, result: Rehearsal.Result) {
        let card = result.scorecard
        var failures: [Failure: String] = [:]
        let numbers = [card.lnNError, card.lossError, card.regret]
        if !numbers.allSatisfy(\.isFinite) {
            failures[.noPrediction] = "the prediction is not finite: ln N error \(card.lnNError), loss error \(card.lossError), regret \(card.regret)"
        }
        let configuration = result.report.prediction.configuration
        if !scenario.target.space.contains(configuration) {
            failures[.invalidConfiguration] = "the final configuration \(configuration) is outside the final-run space"
        }
        let brokenRun = result.outcome.runs.first { !scenario.rules.violations(of: $0.query).isEmpty }
        if card.spent > card.budget || brokenRun != nil {
            let broken = card.violations.first { if case .outsideFinalRunSpace = $0 { false } else { true } }
            failures[.brokenRule] = (broken ?? card.violations.first)?.description ?? "a rule was broken"
        }
        self.init(scenario: scenario.name, strategy: strategy, seed: seed,
                  scorecard: numbers.allSatisfy(\.isFinite) ? card : nil, failures: failures)
    }

    /// A rehearsal that threw: a crash when the campaign failed, no prediction when the fit did.
    init(scenario: String, strategy: String, seed: UInt64, error: any Error) {
        let kind: Failure = error is FittingError ? .noPrediction : .crash
        self.init(scenario: scenario, strategy: strategy, seed: seed, scorecard: nil, failures: [kind: "\(error)"])
    }
}
