import Foundation
import Testing
@testable import Scaling

/// Predictor2026 on the 177 real 2026 runs.
@Suite struct Predictor2026Tests {
    static func predictor(bootstrap: Int = 4) -> Predictor2026 {
        var o = Predictor2026.Options()
        o.bootstrapResamples = bootstrap
        return Predictor2026(options: o)
    }

    /// The recommended run is a valid config that the models say fits in 48 hours and in memory,
    /// its interval holds its point, and the chosen law predicts the held-out largest sizes'
    /// final losses to within 0.06 nats RMSE.
    @Test func recommendsAValidRunFromTheLiveRuns() throws {
        let p = try Self.predictor().predict(LiveRuns2026Data.all, budgetSeconds: 172_800)
        #expect(p.config.firstBrokenRule == nil)
        #expect(p.config.maxRuntimeSeconds == 172_800)
        #expect(p.runtime.upper95Seconds * 1.05 <= 172_800)
        #expect(p.memory.fits)
        #expect(p.lossInterval95.contains(p.predictedLoss))
        #expect(p.predictedLoss > 2 && p.predictedLoss < 3.5, "predicted \(p.predictedLoss)")
        let chosen = try #require(p.families.first { $0.family == p.law.family })
        let heldOut = try #require(chosen.heldOutRMSE)
        print("live: \(p.law.family.rawValue) held-out RMSE \(heldOut); N \(p.config.architecture.nonEmbeddingParameters), D \(p.config.totalTrainTokens), lr \(p.config.optimizer.peakLearningRate), loss \(p.predictedLoss) \(p.lossInterval95)")
        #expect(heldOut < 0.06)
        // the live sweeps stop at 25M parameters and 134M tokens: the predictor must say so
        #expect(p.warnings.contains { $0.hasPrefix("learning rate not varied near") })
        #expect(p.intervalWidening > 0)
    }

    /// Same inputs, same seed: the same answer.
    @Test func deterministic() throws {
        let a = try Self.predictor(bootstrap: 3).predict(LiveRuns2026Data.all, budgetSeconds: 86_400)
        let b = try Self.predictor(bootstrap: 3).predict(LiveRuns2026Data.all, budgetSeconds: 86_400)
        #expect(a.config == b.config)
        #expect(a.predictedLoss == b.predictedLoss)
        #expect(a.lossInterval95 == b.lossInterval95)
    }

    /// Too little evidence is a typed error, never a made-up answer.
    @Test func tooFewRunsThrow() {
        #expect(throws: PredictionError2026.self) { try Self.predictor().predict(Array(LiveRuns2026Data.completed.prefix(3)), budgetSeconds: 172_800) }
        #expect(throws: PredictionError2026.self) { try Self.predictor().predict(LiveRuns2026Data.all, budgetSeconds: .nan) }
    }

    /// The JSON has snake_case keys, no non-finite strings, and the config in wire form.
    @Test func jsonIsMachineReadable() throws {
        let p = try Self.predictor(bootstrap: 2).predict(LiveRuns2026Data.all, budgetSeconds: 172_800)
        let text = JSONText.pydantic(p.json)
        #expect(!text.contains("nan") && !text.contains("NaN") && !text.contains("Infinity"))
        let back = try JSONText.parse(Array(text.utf8))
        #expect(back["predicted_loss"] == .double(p.predictedLoss))
        #expect(try TrainingConfig(json: try #require(back["training_config"])) == p.config)
    }

    /// The schedule areas: a constant rate's forward area is its steps; a cosine's annealing
    /// area is positive and below (1 - final fraction)/(1 - lambda).
    @Test func scheduleAreas() {
        var c = TrainingConfig.handoutExample
        c.optimizer = .adamW(AdamWConfig(lrScheduler: WarmupCosineSchedule(peakValue: 1e-3, finalLRFraction: 1, warmupFraction: 0)))
        let flat = ScheduleAreas2026.at(chunks: [16], of: c)[0]
        #expect(abs(flat.forward - Double(c.totalSteps)) < 1e-9)
        #expect(abs(flat.annealing) < 1e-9)
        c.totalTrainTokens = 512 * 128 * 16 * 4096
        c.optimizer = .adamW(AdamWConfig())
        let long = ScheduleAreas2026.at(chunks: [8, 16], of: c)
        #expect(long[0].annealing > 0 && long[1].annealing > long[0].annealing)
        #expect(long[1].annealing < 0.9 / (1 - ScheduleAreas2026.momentum))
        #expect(long[1].tokens == Double(c.totalTrainTokens))
    }
}
