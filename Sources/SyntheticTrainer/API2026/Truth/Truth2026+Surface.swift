import Foundation
import Scaling

extension Truth2026 {
    /// What of a config the surface reads, in logarithms where it takes them: computed once per
    /// run, then evaluated at each curve point.
    public struct SurfaceInputs: Hashable, Sendable {
        public var logParameters: Double
        public var logTokens: Double
        public var logSteps: Double
        /// ln of the summed effective rate over the whole run (floor and batch included).
        public var logProgress: Double
        /// ln lr − ln lr*: the position in the learning-rate bowl.
        public var learningRateOffset: Double
        /// ln of the train batch size.
        public var logBatch: Double
        /// Everything that does not change along the curve: optimizer, schedule, shape, tied,
        /// less the bowl at the law's reference rate (if the scenario sets one).
        public var constantPenalty: Double
        /// Annealing still to come at the start, in nats.
        public var annealing: Double
        /// True when `vocab_size` is below the data's 32,000 ids: the run learns nothing.
        public var brokenVocabulary: Bool
        /// The discrepancy term's correction (`Discrepancy`), nats, added to every point of the
        /// curve (the real runs' curves sit at a level offset from the surface's: their drops
        /// between evaluations match without it).
        public var correction: Double
    }

    /// The surface's inputs for `config` (noise-free, no hardware).
    public func surfaceInputs(_ config: TrainingConfig) -> SurfaceInputs {
        let arch = config.architecture
        let n = Double(max(arch.nonEmbeddingParameters, 1))
        let d = Double(max(config.totalTrainTokens, 1))
        let totalSteps = max(config.totalSteps, 1)
        let batch = Double(max(config.trainBatchSize, 1))
        let schedule = config.optimizer.schedule
        let peak = max(schedule.peakValue, .leastNormalMagnitude)
        let sums = ScheduleSums(schedule, totalSteps: totalSteps)
        let s1 = max(sums.summedRate(steps: totalSteps), .leastNormalMagnitude)
        let phi = progress.floorFactor(peak: peak, dtype: arch.dtype)
        let logBatch = Foundation.log(batch)
        let logProgress = Foundation.log(s1 * phi)
            + progress.batchExponent * (logBatch - Foundation.log(Self.referenceBatch))
        let logN = Foundation.log(n), logD = Foundation.log(d)
        let offset = Foundation.log(peak)
            - learningRate.logOptimum(logTokens: logD, logParameters: logN, logBatch: logBatch)

        var constant = -learningRate.referencePenalty(logParameters: logN)
        switch config.optimizer {
        case .sgd:
            constant += optimizer.sgdPenalty
        case .adamW(let adam):
            let lowBeta2 = Swift.max(0, Foundation.log(Swift.max(1 - adam.beta2, 1e-12) / 0.01))
            let smallBatch = Swift.max(0, Foundation.log2(128 / batch))
            constant += optimizer.beta2Penalty * lowBeta2 * smallBatch
            constant += optimizer.weightDecay.penalty(logValue: Foundation.log(Swift.max(adam.weightDecay, 0) + 1e-4))
        }
        let warmupExcess = Swift.max(0, schedule.warmupFraction - 0.2)
        constant += optimizer.warmupPenalty * warmupExcess * warmupExcess
        constant += optimizer.finalFractionSlope * (schedule.finalLRFraction - 0.1)
        constant += shape.aspectRatio.penalty(logValue: Foundation.log(Swift.max(arch.aspectRatio, 1e-9)))
        constant += shape.ffnRatio.penalty(logValue: Foundation.log(Swift.max(arch.ffnRatio, 1e-9)))
        constant += shape.headDim.penalty(logValue: Foundation.log(Double(Swift.max(arch.headDim, 1))))
        if arch.tieWordEmbeddings { constant += shape.tiedEmbeddings }

        let drop = Swift.max(peak * (1 - schedule.finalLRFraction), 0)
        let annealing = curve.annealingScale == 0 || drop == 0 ? 0
            : curve.annealingScale * Foundation.pow(drop / 9e-3, curve.annealingExponent)
        return SurfaceInputs(
            logParameters: logN, logTokens: logD, logSteps: Foundation.log(Double(totalSteps)),
            logProgress: logProgress, learningRateOffset: offset, logBatch: logBatch, constantPenalty: constant,
            annealing: annealing, brokenVocabulary: arch.vocabSize < Self.dataVocabulary,
            correction: discrepancy.correction(logParameters: logN, logTokens: logD, logBatch: logBatch,
                                               logLearningRate: Foundation.log(peak)))
    }

    /// The expected loss at the fraction `exp(logFraction)` of the run's summed rate, with the
    /// fraction `annealed` of the annealing done (1 and 0 at the end of the run).
    @inlinable
    public func surface(_ x: SurfaceInputs, logFraction: Double, annealed: Double) -> Double {
        if x.brokenVocabulary { return ceiling.apply(ceiling.loss + 1) }
        let logD = x.logTokens + logFraction
        var raw = law.loss(logParameters: x.logParameters, logTokens: logD)
        raw += learningRate.penalty(offset: x.learningRateOffset, logBatch: x.logBatch)
        raw += progress.penalty(logProgress: x.logProgress + logFraction)
        raw += steps.penalty(logSteps: x.logSteps + logFraction, logTokens: logD)
        raw += x.constantPenalty + x.annealing * (1 - annealed)
        raw += x.correction
        return ceiling.apply(raw)
    }

    /// The noise-free final loss of `config`: the last point of its expected curve.
    public func expectedFinalLoss(_ config: TrainingConfig) -> Double {
        surface(surfaceInputs(config), logFraction: 0, annealed: 1)
    }

    /// The noise-free loss after each of the `n_evals` chunks under the actual schedule.
    public func expectedCurve(_ config: TrainingConfig) -> [Double] {
        let x = surfaceInputs(config)
        let n = max(config.nEvals, 1)
        let total = max(config.totalSteps, 1)
        let sums = ScheduleSums(config.optimizer.schedule, totalSteps: total)
        let s1Total = max(sums.summedRate(steps: total), .leastNormalMagnitude)
        let s2Total = sums.annealingArea(steps: total)
        var curve = [Double]()
        curve.reserveCapacity(n)
        for i in 0..<n {
            if i == n - 1 {
                curve.append(surface(x, logFraction: 0, annealed: 1))
                break
            }
            let s = Int((Double(total) * Double(i + 1) / Double(n)).rounded(.down))
            let fraction = max(sums.summedRate(steps: s), .leastNormalMagnitude) / s1Total
            let annealed = s2Total > 0 ? sums.annealingArea(steps: s) / s2Total : 1
            curve.append(surface(x, logFraction: Foundation.log(fraction), annealed: annealed))
        }
        return curve
    }
}
