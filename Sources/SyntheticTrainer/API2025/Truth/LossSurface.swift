import Foundation
import Scaling

/// Which parameter count the law's `N` is.
public enum ParameterCount: Hashable, Sendable {
    /// The assignment's convention: `12 * num_layers * d_model^2`.
    case nonEmbedding
    /// That plus untied input and output embeddings, `2 * vocabulary * d_model`; a truth of this
    /// kind makes the `12 L d^2` proxy biased towards small d_model.
    case withEmbeddings(vocabulary: Int)
}

/// The noise-free loss of a training run, as a function of its configuration and FLOPs:
///
///     N_ne = 12 L d^2,   N = N_ne (or N_ne + 2 V d),   D = C / (6 N_ne),
///     steps = D / (batch * context),
///     r = E + A / N^alpha + B / D^beta
///         + lr(lr, N) + steps(steps) + shape(d / L) + heads(d / h),
///     L = ceiling(r).
///
/// D follows the API's accounting (non-embedding N) whatever `N` the law counts. The inputs
/// are real numbers so that the frontier search and the tree-quantised noise can evaluate
/// configurations between the integers. Evaluation allocates nothing and costs a handful of
/// `log`/`exp` calls.
public struct LossSurface: Hashable, Sendable {
    public var law: ChinchillaLaw
    public var parameterCount: ParameterCount
    /// Tokens per sequence (the live runs used 512).
    public var context: Double
    public var learningRate: LearningRateEffect
    public var steps: StepsEffect
    public var shape: BowlEffect
    public var heads: BowlEffect
    public var ceiling: Ceiling
    /// What the surface misses on real answers, near them, added after the ceiling (none by
    /// default; `LossDiscrepancy`). `bestConfiguration` and `frontier` search the parametric
    /// part and the correction together only through `loss`; see docs/calibrate.md.
    public var discrepancy: LossDiscrepancy = .none

    public init(law: ChinchillaLaw, parameterCount: ParameterCount = .nonEmbedding, context: Double = 512,
                learningRate: LearningRateEffect = .none, steps: StepsEffect = .none,
                shape: BowlEffect = .none, heads: BowlEffect = .none, ceiling: Ceiling = .none) {
        self.law = law; self.parameterCount = parameterCount; self.context = context
        self.learningRate = learningRate; self.steps = steps; self.shape = shape; self.heads = heads
        self.ceiling = ceiling
    }

    /// ln of the `N` the law sees, from ln(12 L d^2) and ln d_model.
    @inlinable
    public func logLawParameters(logNonEmbedding: Double, logDModel: Double) -> Double {
        switch parameterCount {
        case .nonEmbedding: logNonEmbedding
        case .withEmbeddings(let vocabulary):
            Foundation.log(Foundation.exp(logNonEmbedding) + 2 * Double(vocabulary) * Foundation.exp(logDModel))
        }
    }

    /// The learning rate in `range` with the lowest loss for a model of this width and depth:
    /// the optimum lr*(N) clamped to the range (exact, since the penalty is convex in ln lr).
    @inlinable
    public func bestLearningRate(dModel: Double, numLayers: Double, in range: ClosedRange<Double>) -> Double {
        let logD = Foundation.log(dModel)
        let logN = logLawParameters(logNonEmbedding: Self.log12 + Foundation.log(numLayers) + 2 * logD, logDModel: logD)
        let low = Foundation.log(range.lowerBound), high = Foundation.log(range.upperBound)
        let logRate = bestLogLearningRate(logParameters: logN, low: low, high: high)
        // A clamped rate is the range's end exactly, not exp(ln(end)).
        return logRate == low ? range.lowerBound : logRate == high ? range.upperBound : Foundation.exp(logRate)
    }

    /// ln of the best learning rate for ln N, clamped to [low, high] (logarithms of the range).
    @inlinable
    public func bestLogLearningRate(logParameters: Double, low: Double, high: Double) -> Double {
        Swift.min(Swift.max(learningRate.logOptimum(logParameters: logParameters), low), high)
    }

    /// The loss before the ceiling: the law plus every hyperparameter penalty.
    @inlinable
    public func rawLoss(dModel: Double, numLayers: Double, headDimension: Double, batchSize: Double,
                        learningRate lr: Double, trainFlops: Double) -> Double {
        rawLoss(logDModel: Foundation.log(dModel), logLayers: Foundation.log(numLayers),
                logHeadDimension: Foundation.log(headDimension), logBatchSize: Foundation.log(batchSize),
                logLearningRate: Foundation.log(lr), logTrainFlops: Foundation.log(trainFlops))
    }

    /// The raw loss from the logarithms of the inputs, the one place the model is written:
    /// ln N_ne = ln 12 + ln L + 2 ln d, ln D = ln C - ln 6 - ln N_ne,
    /// ln steps = ln D - ln batch - ln context. Four `exp` calls on non-embedding N.
    @inlinable
    public func rawLoss(logDModel: Double, logLayers: Double, logHeadDimension: Double, logBatchSize: Double,
                        logLearningRate: Double, logTrainFlops: Double) -> Double {
        let logNonEmbedding = Self.log12 + logLayers + 2 * logDModel
        let logN = logLawParameters(logNonEmbedding: logNonEmbedding, logDModel: logDModel)
        let logTokens = logTrainFlops - Self.log6 - logNonEmbedding
        return law.loss(logParameters: logN, logTokens: logTokens)
            + learningRate.penalty(logLearningRate: logLearningRate, logParameters: logN)
            + steps.penalty(logSteps: logTokens - logBatchSize - Foundation.log(context))
            + shape.penalty(logValue: logDModel - logLayers)
            + heads.penalty(logValue: logHeadDimension)
    }

    @usableFromInline static let log12 = Foundation.log(12.0)
    @usableFromInline static let log6 = Foundation.log(6.0)

    /// The expected loss for real-valued inputs: the ceiling of the raw loss, plus the
    /// discrepancy's correction at the same inputs.
    @inlinable
    public func loss(dModel: Double, numLayers: Double, headDimension: Double, batchSize: Double,
                     learningRate: Double, trainFlops: Double) -> Double {
        let p = LossInput.Point(logDModel: Foundation.log(dModel), logLayers: Foundation.log(numLayers),
                                logHeadDimension: Foundation.log(headDimension), logBatchSize: Foundation.log(batchSize),
                                logLearningRate: Foundation.log(learningRate), logTrainFlops: Foundation.log(trainFlops))
        return ceiling.apply(rawLoss(logDModel: p.logDModel, logLayers: p.logLayers, logHeadDimension: p.logHeadDimension,
                                     logBatchSize: p.logBatchSize, logLearningRate: p.logLearningRate, logTrainFlops: p.logTrainFlops))
            + discrepancy.correction(p)
    }

    /// The same surface without its discrepancy term: the parametric law and effects alone.
    public var parametric: LossSurface {
        var copy = self
        copy.discrepancy = .none
        return copy
    }

    /// The expected loss of a configuration trained for `trainFlops` (any positive FLOPs).
    @inlinable
    public func loss(_ c: Configuration, trainFlops: Double) -> Double {
        let d = Double(c.dModel)
        return loss(dModel: d, numLayers: Double(c.numLayers), headDimension: d / Double(c.numHeads),
                    batchSize: Double(c.batchSize), learningRate: c.learningRate, trainFlops: trainFlops)
    }

    /// True when the surface is the bare law on non-embedding N: no learning-rate, steps, shape
    /// or head effect. Then the law's closed-form frontier is the surface's frontier (up to the
    /// ceiling's smooth minimum, negligible far below the ceiling).
    public var isPureLaw: Bool {
        parameterCount == .nonEmbedding && learningRate.curvature == 0 && steps.scale == 0
            && shape.curvature == 0 && heads.curvature == 0 && discrepancy.term.isEmpty
    }
}
