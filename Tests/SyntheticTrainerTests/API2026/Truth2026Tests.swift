import Foundation
import Scaling
import Testing
@testable import SyntheticTrainer

@Suite("The 2026 truth's pieces")
struct Truth2026Tests {
    static let truth = Truth2026()

    static func config(d: Int = 448, layers: Int = 10, ff: Int = 1280, batch: Int = 32, tokens: Int = 16_777_216,
                       optimizer: OptimizerConfig = .adamW(AdamWConfig(lrScheduler: WarmupCosineSchedule(peakValue: 3e-3))),
                       dtype: ModelDType = .bfloat16, nEvals: Int = 16, valBatch: Int = 32) -> TrainingConfig {
        TrainingConfig(architecture: .standard(hiddenSize: d, layers: layers, intermediateSize: ff, dtype: dtype), optimizer: optimizer,
                       trainBatchSize: batch, valBatchSize: valBatch, nEvals: nEvals, totalTrainTokens: tokens, maxRuntimeSeconds: 3600)
    }

    @Test(arguments: [(1, 0.0), (7, 0.05), (128, 0.05), (1000, 0.3), (70_272, 0.05)])
    func scheduleSumsEqualTheLoop(steps: Int, warmup: Double) {
        let schedule = WarmupCosineSchedule(peakValue: 1e-2, finalLRFraction: 0.1, warmupFraction: warmup, initValue: 1e-4)
        let sums = ScheduleSums(schedule, totalSteps: steps)
        for s in [0, 1, steps / 3, steps / 2, steps] {
            let loop = (0..<s).map { schedule.rate(atStep: $0, totalSteps: steps) }.reduce(0, +)
            #expect(abs(sums.summedRate(steps: s) - loop) <= 1e-9 * max(1, loop), "S1 at \(s) of \(steps)")
            let w = Int((Double(steps) * warmup).rounded(.down))
            let area = (0..<s).filter { $0 >= w }.map { schedule.peakValue - schedule.rate(atStep: $0, totalSteps: steps) }.reduce(0, +)
            #expect(abs(sums.annealingArea(steps: s) - area) <= 1e-9 * max(1, area), "S2 at \(s) of \(steps)")
        }
    }

    @Test func theCurveEndsAtTheSurfaceAndChunksAreEvenlyTimed() {
        let c = Self.config()
        let plan = Self.truth.plan(for: c, runKey: 3)
        #expect(plan.expectedLosses.last == Self.truth.expectedFinalLoss(c))
        #expect(plan.chunkEndSeconds.count == 16 && plan.valLosses.count == 16)
        let steps = zip(plan.chunkEndSeconds.dropFirst(), plan.chunkEndSeconds).map { $0 - $1 }
        #expect(steps.allSatisfy { abs($0 - plan.chunkEndSeconds[0]) < 1e-9 })
        let ratio = (plan.chunkEndSeconds.last ?? 0) / Self.truth.expectedRuntimeSeconds(c)
        #expect(ratio > 0.85 && ratio < 1.15, "jitter \(ratio)")
    }

    /// bf16: each of the 16 batch means is rounded to bf16 (8 bits), so a loss in [4, 8) is a
    /// multiple of 2^-5/16 = 1/512; float32 is not quantised.
    @Test func reportedLossesAreBFloat16BatchMeans() {
        let plan = Self.truth.plan(for: Self.config(), runKey: 1)
        for v in plan.valLosses where v >= 4 && v < 8 {
            #expect((v * 512).rounded() == v * 512, "\(v)")
        }
        let f32 = Self.truth.plan(for: Self.config(dtype: .float32), runKey: 1)
        #expect(f32.valLosses.contains { ($0 * 512).rounded() != $0 * 512 })
        #expect(zip(plan.valLosses, plan.expectedLosses).allSatisfy { abs($0 - $1) < 0.1 })
    }

    @Test func float32DoublesTimeAndMemory() {
        let bf = Self.config(), f32 = Self.config(dtype: .float32)
        #expect(abs(Self.truth.expectedRuntimeSeconds(f32) / Self.truth.expectedRuntimeSeconds(bf) - 2) < 1e-12)
        #expect(abs(Self.truth.peakMemoryBytes(f32) / Self.truth.peakMemoryBytes(bf) - 2) < 1e-12)
    }

    @Test func optimizerAndScheduleEffects() {
        let base = Self.truth.expectedFinalLoss(Self.config())
        let sgd = Self.truth.expectedFinalLoss(Self.config(optimizer: .sgd(SGDConfig(lrScheduler: WarmupCosineSchedule(peakValue: 3e-3)))))
        #expect(sgd - base > 0.8)
        let longWarmup = Self.truth.expectedFinalLoss(Self.config(optimizer: .adamW(AdamWConfig(lrScheduler: WarmupCosineSchedule(peakValue: 3e-3, warmupFraction: 0.5)))))
        #expect(longWarmup > base)
        let beta99 = Self.truth.expectedFinalLoss(Self.config(optimizer: .adamW(AdamWConfig(lrScheduler: WarmupCosineSchedule(peakValue: 3e-3), beta2: 0.99))))
        #expect(beta99 < base)
        let noAnneal = Self.truth.expectedFinalLoss(Self.config(optimizer: .adamW(AdamWConfig(lrScheduler: WarmupCosineSchedule(peakValue: 3e-3, finalLRFraction: 0)))))
        #expect(noAnneal < base && base - noAnneal <= 0.02)
    }

    @Test func shapePenaltiesPunishExtremes() {
        let good = Self.truth.expectedFinalLoss(Self.config(d: 512, layers: 8, ff: 1408))
        let flat = Self.truth.expectedFinalLoss(Self.config(d: 512, layers: 2, ff: 1408))
        let thin = Self.truth.expectedFinalLoss(Self.config(d: 512, layers: 8, ff: 512))
        #expect(flat > good)
        #expect(thin > Self.truth.expectedFinalLoss(Self.config(d: 512, layers: 8, ff: 1344)))
    }

    /// vocab_size below the data's 32,000 ids: the gather reads out of range, nothing is learnt.
    @Test func aSmallVocabularyLearnsNothing() {
        var c = Self.config()
        c.architecture.vocabSize = 16000
        #expect(Self.truth.expectedFinalLoss(c) >= 10.4)
        #expect(Self.truth.plan(for: c, runKey: 0).outOfMemory == nil)
    }

    @Test func outOfMemoryRunsFailAfterTenSeconds() throws {
        let plan = Self.truth.plan(for: Self.config(batch: 4096, tokens: 512 * 4096 * 16), runKey: 9)
        let oom = try #require(plan.outOfMemory)
        #expect(plan.chunkEndSeconds.isEmpty && plan.valLosses.isEmpty)
        #expect(plan.outcome(maxRuntimeSeconds: 60) == .outOfMemory(usedRuntimeSeconds: oom.failureSeconds, failureText: oom.failureText))
    }

    /// The truth at 48 B200-hours for cs336-2026-live (docs/rehearsing-2026.md §3: N ≈ 0.9–1.2 B,
    /// D ≈ 1.4–1.8e10, L ≈ 3.10 with its runtime model).
    @Test func theTargetIsSensible() throws {
        let t = try Self.truth.target()
        print("target: d \(t.config.architecture.hiddenSize) L \(t.config.architecture.numHiddenLayers) ff \(t.config.architecture.intermediateSize) hd \(t.config.architecture.headDim) batch \(t.config.trainBatchSize) lr \(t.config.optimizer.peakLearningRate) N \(t.nonEmbeddingParameters) D \(t.tokens) loss \(t.loss) runtime \(t.runtimeSeconds) evaluated \(t.evaluated)")
        #expect(t.runtimeSeconds <= 172_800)
        #expect(Self.truth.fitsInMemory(t.config))
        #expect((4e8...2.5e9).contains(Double(t.nonEmbeddingParameters)))
        #expect((5e9...4e10).contains(Double(t.tokens)))
        #expect(t.loss > 2.9 && t.loss < 3.3)
        // A real search: nothing nearby is better.
        for d in [t.config.architecture.hiddenSize - 64, t.config.architecture.hiddenSize + 64] {
            if let c = Self.truth.candidate(d: d, layers: t.config.architecture.numHiddenLayers, ff: t.config.architecture.intermediateSize,
                                            headDim: t.config.architecture.headDim, batch: t.config.trainBatchSize, nEvals: 16, budgetSeconds: 172_800) {
                var c = c
                c.optimizer = t.config.optimizer
                #expect(Self.truth.expectedFinalLoss(c) >= t.loss - 1e-6)
            }
        }
    }
}
