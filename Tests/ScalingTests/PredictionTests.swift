import Foundation
import Testing
@testable import Scaling

/// A pure Chinchilla law behind a service, with a learning-rate bowl whose optimum shrinks with
/// size and a batch effect, so the strategies' probes have something to find.
struct LawService: QueryAnswering {
    var law = ChinchillaLaw(E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28)
    /// lr*(N) = 6e-4 (N / 1e6)^-0.35, penalty 0.2 (ln lr - ln lr*)^2.
    var lrEffect = true
    func loss(_ query: Query) -> Double {
        let c = query.configuration
        let n = c.nonEmbeddingParameters
        var l = law.loss(parameters: n, tokens: c.tokens(trainFlops: Double(query.trainFlops)))
        if lrEffect {
            let best = 6e-4 * pow(n / 1e6, -0.35)
            l += 0.2 * pow(log(c.learningRate / best), 2)
        }
        return l + (c.batchSize == 256 ? 0.05 : 0)
    }
    func answer(_ query: Query) async throws -> Run {
        Run(configuration: query.configuration, trainFlops: query.trainFlops, loss: loss(query))
    }
}

@Suite struct PredictionTests {
    @Test func stepsTermIsRecoveredFromNoiseFreeData() throws {
        let law = ChinchillaLaw(E: 1.8, A: 480, B: 2000, alpha: 0.35, beta: 0.37)
        let s = 2.0e5
        var points: [IsoFLOPPoint] = []
        for c in [1e16, 3e16, 1e17, 3e17] {
            for k in 0..<5 {
                let n = sqrt(c / 120) * pow(4, Double(k) / 2 - 1)
                let d = c / (6 * n)
                points.append(IsoFLOPPoint(parameters: n, compute: c, loss: law.loss(parameters: n, tokens: d) + s * 128 / d, batchSize: 128))
            }
        }
        var fitter = VariableProjectionFitter()
        fitter.modelsSteps = true
        let fit = try fitter.fit(points: points)
        #expect(abs(fit.law.alpha / law.alpha - 1) < 1e-4)
        #expect(abs(fit.law.beta / law.beta - 1) < 1e-4)
        #expect(abs(fit.law.E / law.E - 1) < 1e-4)
        #expect(abs(fit.stepsCoefficient! / s - 1) < 1e-3)
        #expect(fit.parameters.last?.name == "S")
    }

    @Test func adaptiveFindsTheLawsOptimumAndTheLearningRateTrend() async throws {
        let service = LawService()
        let outcome = try await Campaign(strategy: AdaptiveStrategy(), rules: .live).run(against: service)
        #expect(outcome.spent <= APIRules.live.budget)
        #expect(Double(outcome.spent) > 0.9 * Double(APIRules.live.budget), "the budget should be used well")
        let report = try Predictor(bootstrapResamples: 20, seed: 1).predict(runs: outcome.runs)
        let p = report.prediction
        #expect(p.method == .vpnls)
        let truth = service.law.nOpt(compute: 1e19)
        #expect(abs(log(p.nOpt.estimate / truth)) < 0.1, "N_opt \(p.nOpt.estimate) vs \(truth)")
        #expect(p.nOpt.lower <= p.nOpt.estimate && p.nOpt.estimate <= p.nOpt.upper)
        // The lr optimum shrinks with size: the evidence must extrapolate it, not keep the probes' best.
        #expect(report.evidence.learningRateLaw != nil)
        let expectedLR = 6e-4 * pow(p.configuration.nonEmbeddingParameters / 1e6, -0.35)
        #expect(abs(log(p.configuration.learningRate / expectedLR)) < 0.3)
        #expect(p.configuration.batchSize == 128)
    }

    @Test func adaptiveIsReplayedFromItsRunsWithoutAskingAgain() async throws {
        let first = try await Campaign(strategy: AdaptiveStrategy(), rules: .live).run(against: LawService())
        let again = try await Campaign(strategy: AdaptiveStrategy(), rules: .live).run(against: RefusingService(), replaying: first.runs)
        #expect(again.runs == first.runs)
    }

    @Test(arguments: [Int64(300_000_000_000_000_000), 700_000_000_000_000_000, 2_000_000_000_000_000_000])
    func adaptiveNeverPassesTheBudget(budget: Int64) async throws {
        let outcome = try await Campaign(strategy: AdaptiveStrategy(), rules: .live, budget: budget).run(against: LawService())
        #expect(outcome.spent <= budget)
        #expect(outcome.refused.allSatisfy { !$0.reason.hasPrefix("rule") })
    }

    @Test func evidenceSaysWhenTheBestRateIsTheLargestAllowed() {
        let base = Configuration(dModel: 256, numLayers: 4, numHeads: 4, batchSize: 128, learningRate: 1e-3)
        let runs = [1e-4, 3e-4, 1e-3].map { lr -> Run in
            var c = base
            c.learningRate = lr
            return Run(configuration: c, trainFlops: 10_000_000_000_000_000, loss: 5 - 100 * lr)
        }
        let evidence = HyperparameterEvidence(runs: runs)
        let choice = evidence.learningRate(parameters: 1e8, in: 1e-4...1e-3, fallback: 1e-3)
        #expect(choice.value == 1e-3)
        #expect(choice.justification.contains("the best learning rate was the largest tried"))
        #expect(evidence.batchSize.value == 128)
        #expect(evidence.batchSize.justification.contains("No run compared batch sizes"))
    }

    @Test func predictorRefusesWhatCannotBeFittedWithAClearMessage() {
        let run = Run(configuration: Configuration(dModel: 256, numLayers: 4, numHeads: 4, batchSize: 128, learningRate: 1e-3),
                      trainFlops: 10_000_000_000_000_000, loss: 5)
        #expect { try Predictor(bootstrapResamples: 0).predict(runs: [run]) } throws: { "\($0)".contains("no method could fit these 1 runs") }
    }
}
