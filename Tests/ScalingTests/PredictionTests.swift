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
    /// Noise-free runs of a law with a steps and a learning-rate effect: IsoFLOP profiles at the
    /// largest rate allowed (below every model's optimum, as on the live service) and batch 128,
    /// plus probes of four rates and batch 256 at two sizes.
    static func effectRuns(curvatureExponent: Double = 0) -> (runs: [Run], law: ChinchillaLaw, effects: FittedEffects) {
        let law = ChinchillaLaw(E: 1.8, A: 480, B: 2000, alpha: 0.35, beta: 0.37)
        let effects = FittedEffects(
            steps: .init(scale: 0.02, exponent: 0.8),
            learningRate: .init(curvature: 0.05, curvatureExponent: curvatureExponent, optimumAtReference: 3e-3, optimumExponent: -0.2))
        let shape = ShapeRule()
        func run(_ n: Double, _ c: Double, batch: Int = 128, lr: Double = 1e-3) -> Run {
            let config = shape.configuration(parameters: n, dModel: 64...1024, numLayers: 2...24, numHeads: 2...16, batchSize: batch, learningRate: lr)
            let nc = config.nonEmbeddingParameters, d = c / (6 * nc)
            let loss = law.loss(parameters: nc, tokens: d) + effects.penalty(parameters: nc, tokens: d, batchSize: Double(batch), learningRate: lr)
            return Run(configuration: config, trainFlops: Int64(c), loss: loss)
        }
        var runs: [Run] = []
        for n in [9e6, 5.4e7] {
            for lr in [1e-4, 2.15e-4, 4.64e-4, 1e-3] { runs.append(run(n, 1e16, lr: lr)) }
            runs.append(run(n, 1e16, batch: 256))
        }
        for c in [3e16, 1e17, 3e17] {
            for k in 0..<5 { runs.append(run(sqrt(c / 120) * pow(4, Double(k) / 2 - 1), c)) }
        }
        return (runs, law, effects)
    }

    @Test func surfaceEffectsAreRecoveredFromNoiseFreeRuns() throws {
        let (runs, law, effects) = Self.effectRuns()
        var fitter = VariableProjectionFitter()
        fitter.effects = SurfaceEffects(steps: true, learningRate: true)
        let fit = try fitter.fit(points: runs.map { Observation(run: $0) })
        #expect(abs(fit.law.alpha / law.alpha - 1) < 1e-3)
        #expect(abs(fit.law.beta / law.beta - 1) < 1e-3)
        #expect(abs(fit.law.E / law.E - 1) < 1e-3)
        let steps = try #require(fit.effects?.steps), rate = try #require(fit.effects?.learningRate)
        #expect(abs(steps.scale / effects.steps!.scale - 1) < 1e-2)
        #expect(abs(steps.exponent - effects.steps!.exponent) < 1e-2)
        #expect(abs(rate.curvature / effects.learningRate!.curvature - 1) < 1e-2)
        #expect(abs(rate.optimum(parameters: 2e8) / effects.learningRate!.optimum(parameters: 2e8) - 1) < 1e-2)
        #expect(abs(fit.nOpt(compute: 1e19) / law.nOpt(compute: 1e19) - 1) < 1e-2)
        #expect(fit.model == SurfaceEffects(steps: true, learningRate: true))
        #expect(fit.parameters.map(\.name).contains("lr* exponent"))
    }

    @Test func aLearningRateCurvatureThatMovesWithSizeIsRecovered() throws {
        let (runs, law, effects) = Self.effectRuns(curvatureExponent: 0.3)
        var fitter = VariableProjectionFitter()
        fitter.effects = SurfaceEffects(steps: true, learningRate: true, learningRateCurvatureMoves: true)
        let fit = try fitter.fit(points: runs.map { Observation(run: $0) })
        let rate = try #require(fit.effects?.learningRate)
        #expect(abs(rate.curvatureExponent - 0.3) < 1e-2)
        #expect(abs(rate.curvature / effects.learningRate!.curvature - 1) < 1e-2)
        #expect(abs(fit.nOpt(compute: 1e19) / law.nOpt(compute: 1e19) - 1) < 1e-2)
    }

    @Test func predictorModelsTheEffectsTheRunsIdentifyAndPicksTheFittedRate() throws {
        let (runs, law, effects) = Self.effectRuns()
        let report = try Predictor(bootstrapResamples: 0).predict(runs: runs)
        #expect(report.prediction.method == .vpnls)
        #expect(report.surface?.model.steps == true && report.surface?.model.learningRate == true)
        #expect(abs(log(report.prediction.nOpt.estimate / law.nOpt(compute: 1e19))) < 0.02)
        // The rate is the fitted optimum at the chosen size, beyond the largest rate tried.
        let n = report.prediction.configuration.nonEmbeddingParameters
        #expect(abs(report.prediction.configuration.learningRate / effects.learningRate!.optimum(parameters: n) - 1) < 0.03)
        #expect(report.prediction.justifications.contains { $0.contains("beyond the largest rate tried") })
        // The plain law, fitted without the effects, is pulled far from the truth by them.
        var plain = Predictor(bootstrapResamples: 0)
        plain.effects = .none
        let biased = try plain.predict(runs: runs)
        #expect(biased.surface?.model == SurfaceEffects.none)
        #expect(abs(log(biased.prediction.nOpt.estimate / law.nOpt(compute: 1e19))) > 0.05)
    }

    @Test func effectsNeedRunsThatVaryThem() throws {
        // Profiles only (one rate, one batch): nothing to separate, so the plain law.
        let (runs, _, _) = Self.effectRuns()
        let profiles = runs.filter { $0.trainFlops > 10_000_000_000_000_000 }
        let report = try Predictor(bootstrapResamples: 0).predict(runs: profiles)
        #expect(report.surface?.model == SurfaceEffects.none)
        #expect(FrontierEstimator.candidateEffects(profiles.map { Observation(run: $0) }).isEmpty)
        #expect(FrontierEstimator.candidateEffects(runs.map { Observation(run: $0) }) == [SurfaceEffects(steps: true, learningRate: true)])
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
        #expect(outcome.refused.allSatisfy { if case .rule = $0.reason { false } else { true } })
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
