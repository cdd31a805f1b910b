import Foundation
import Scaling

/// The truth at the 2026 target: the best configuration one GPU can train in `budgetSeconds`
/// of charged time (expected runtime, no jitter) that fits in memory, and its expected loss.
public struct TargetTruth2026: Hashable, Sendable {
    public var budgetSeconds: Double
    public var config: TrainingConfig
    /// Expected (noise-free) final loss.
    public var loss: Double
    public var runtimeSeconds: Double
    public var nonEmbeddingParameters: Int
    public var tokens: Int
    public var peakMemoryBytes: Double
    /// Configurations whose loss was evaluated in the search.
    public var evaluated: Int
}

extension Truth2026 {
    /// The 48 B200-hours of the final run.
    public static let targetBudgetSeconds = CampaignRules2026.finalBudgetSeconds

    /// The widths, depths, FFN ratios, head dims and batches the target search walks.
    public struct TargetSpace: Hashable, Sendable {
        public var widths: [Int] = Array(stride(from: 512, through: 4096, by: 128))
        public var depths: [Int] = Array(stride(from: 8, through: 64, by: 2))
        public var ffnRatios: [Double] = [2.5, 8.0 / 3.0, 3, 3.5]
        public var headDims: [Int] = [64, 128]
        public var batches: [Int] = [16, 32, 64, 128]
        public var learningRates: ClosedRange<Double> = 1e-5...1e-1
        public var nEvals = 16
        public init() {}
    }

    /// Searches the target space: every (d, L, ff, head dim, batch) with the largest token count
    /// that runs within the budget and fits in memory, the learning rate on a 13-point log grid;
    /// then around the best, widths by 64 and depths by 1 with the learning rate by Brent (GSL).
    ///
    /// ```swift
    /// let t = try Truth2026().target()
    /// t.loss              // about 3.1 for cs336-2026-live
    /// t.runtimeSeconds    // <= 172,800
    /// ```
    public func target(budgetSeconds: Double = targetBudgetSeconds, space: TargetSpace = TargetSpace()) throws(NumericsError) -> TargetTruth2026 {
        guard budgetSeconds.isFinite, budgetSeconds > 0 else {
            throw .invalidInput("the target budget must be a positive number of seconds, got \(budgetSeconds)")
        }
        var evaluated = 0
        var best: (loss: Double, config: TrainingConfig)?
        let logLow = Foundation.log(space.learningRates.lowerBound), logHigh = Foundation.log(space.learningRates.upperBound)

        func consider(d: Int, layers: Int, ratio: Double, headDim: Int, batch: Int, refine: Bool) throws(NumericsError) {
            guard d % headDim == 0, layers > 0 else { return }
            let ff = max(64, Int((Double(d) * ratio / 64).rounded()) * 64)
            guard var config = candidate(d: d, layers: layers, ff: ff, headDim: headDim, batch: batch,
                                         nEvals: space.nEvals, budgetSeconds: budgetSeconds) else { return }
            func loss(_ logRate: Double) -> Double {
                config.optimizer = Self.adamW(peak: Foundation.exp(logRate))
                evaluated += 1
                return expectedFinalLoss(config)
            }
            let logRate: Double
            let value: Double
            if refine {
                let r = try Minimizer1D.minimize(loss, over: logLow...logHigh, gridPoints: 13, relativeTolerance: 1e-4)
                logRate = r.x; value = r.value
            } else {
                var bx = logLow, bv = Double.infinity
                for i in 0..<13 {
                    let x = logLow + (logHigh - logLow) * Double(i) / 12
                    let v = loss(x)
                    if v < bv { bv = v; bx = x }
                }
                logRate = bx; value = bv
            }
            config.optimizer = Self.adamW(peak: Foundation.exp(logRate))
            if value < (best?.loss ?? .infinity) { best = (value, config) }
        }

        for headDim in space.headDims {
            for d in space.widths {
                for layers in space.depths {
                    for ratio in space.ffnRatios {
                        for batch in space.batches {
                            try consider(d: d, layers: layers, ratio: ratio, headDim: headDim, batch: batch, refine: false)
                        }
                    }
                }
            }
        }
        guard let coarse = best else {
            throw .invalidInput("no configuration of the target space fits \(budgetSeconds) s and the memory")
        }
        let a = coarse.config.architecture
        for headDim in space.headDims {
            for d in stride(from: max(64, a.hiddenSize - 128), through: a.hiddenSize + 128, by: 64) {
                for layers in max(1, a.numHiddenLayers - 3)...(a.numHiddenLayers + 3) {
                    for ratio in space.ffnRatios {
                        for batch in space.batches {
                            try consider(d: d, layers: layers, ratio: ratio, headDim: headDim, batch: batch, refine: true)
                        }
                    }
                }
            }
        }
        guard let found = best else { throw .invalidInput("the target search found nothing") }
        return TargetTruth2026(
            budgetSeconds: budgetSeconds, config: found.config, loss: found.loss,
            runtimeSeconds: expectedRuntimeSeconds(found.config),
            nonEmbeddingParameters: found.config.architecture.nonEmbeddingParameters,
            tokens: found.config.totalTrainTokens, peakMemoryBytes: peakMemoryBytes(found.config),
            evaluated: evaluated)
    }

    /// The config of one shape with the most tokens (a whole number of steps per chunk) that
    /// runs within `budgetSeconds` and fits in memory; nil when none does.
    func candidate(d: Int, layers: Int, ff: Int, headDim: Int, batch: Int, nEvals: Int, budgetSeconds: Double) -> TrainingConfig? {
        let arch = ArchitectureConfig.standard(hiddenSize: d, layers: layers, headDim: headDim, intermediateSize: ff)
        let unit = TrainingConfig.sequenceLength * batch * nEvals
        var config = TrainingConfig(architecture: arch, optimizer: Self.adamW(peak: 3e-3), trainBatchSize: batch,
                                    valBatchSize: 32, nEvals: nEvals, totalTrainTokens: unit,
                                    maxRuntimeSeconds: budgetSeconds)
        let (train, eval) = chunkSeconds(config)
        let perToken = train / Double(config.tokensPerChunk)
        let trainSeconds = budgetSeconds - Double(nEvals) * eval
        guard perToken > 0, trainSeconds > 0 else { return nil }
        let tokens = min(trainSeconds / perToken, Double(TrainingConfig.maximumTrainTokens))
        let units = Int((tokens / Double(unit)).rounded(.down))
        guard units >= 1 else { return nil }
        config.totalTrainTokens = units * unit
        guard fitsInMemory(config), expectedRuntimeSeconds(config) <= budgetSeconds else { return nil }
        return config
    }

    static func adamW(peak: Double) -> OptimizerConfig {
        .adamW(AdamWConfig(lrScheduler: WarmupCosineSchedule(peakValue: peak)))
    }
}
