import Foundation
import Testing
@testable import Scaling
@testable import SyntheticTrainer

@Suite struct ScorecardTests {
    func prediction(_ c: Configuration, n: Double, loss: Double) -> Prediction {
        Prediction(target: 1e19, method: .vpnls, methodReason: "test", nOpt: Interval(estimate: n, lower: n, upper: n),
                   dOpt: Interval(estimate: 1e19 / (6 * n), lower: 1e19 / (6 * n), upper: 1e19 / (6 * n)),
                   configuration: c, loss: Interval(estimate: loss, lower: loss, upper: loss),
                   nOptLaw: PowerLaw(coefficient: 1, exponent: 0.5), dOptLaw: PowerLaw(coefficient: 1, exponent: 0.5),
                   justifications: [], warnings: [], runsUsed: 0, runsExcluded: [], bootstrapResamples: 0)
    }

    @Test func theTruthsOwnAnswerScoresZero() throws {
        let s = try Fixtures.scenario("chinchilla-2022")
        let truth = try s.truthReport()
        let best = truth.bestConfiguration
        let card = Scorecard(scenario: s, truth: truth,
                             prediction: prediction(best.configuration, n: truth.frontier.nonEmbeddingParameters, loss: best.expectedLoss),
                             runs: [])
        #expect(card.regret == 0)
        #expect(card.lnNError == 0)
        #expect(abs(card.lossError) < 1e-12)
        #expect(card.rulesKept)
    }

    @Test func aWorseConfigurationHasRegretAndAnOutOfSpaceOneBreaksARule() throws {
        let s = try Fixtures.scenario("chinchilla-2022")
        let truth = try s.truthReport()
        let small = Fixtures.configuration(512, 8, 8)
        let card = Scorecard(scenario: s, truth: truth, prediction: prediction(small, n: 2.5e7, loss: 3.0), runs: [])
        #expect(card.regret > 0.1)
        #expect(abs(card.lnNError - log(2.5e7 / truth.frontier.nonEmbeddingParameters)) < 1e-12)
        #expect(card.achievedLoss == s.expectedLoss(small, trainFlops: 1e19))

        var huge = small
        huge.dModel = 100_000
        let bad = Scorecard(scenario: s, truth: truth, prediction: prediction(huge, n: 2.5e7, loss: 3.0), runs: [])
        #expect(!bad.rulesKept)
        #expect(bad.violations.contains { if case .outsideFinalRunSpace = $0 { true } else { false } })
    }
}
