/// One experiment of the 2026 training API: the TrainingConfig a student POSTs to `/submit`
/// (and inside `/final_submission`), in its normalised form with every default filled in.
///
/// Field names mirror the wire (`docs/api-2026-contract.md` §3); the wire encoding,
/// the 422 validation and the canonical hash live in `API2026/Wire`. This type is the one
/// definition the client, the truth and the mock share.
///
/// ```swift
/// let c = TrainingConfig.handoutExample
/// c.architecture.totalParameters        // 51_389_888 (d 448, L 9, ff 1280, untied)
/// c.architecture.nonEmbeddingParameters // 22_717_888
/// c.totalSteps                          // 1_048_576 / (512 * 128) = 16
/// ```
public struct TrainingConfig: Hashable, Sendable {
    /// Tokens per sequence; a server constant, not part of the schema.
    public static let sequenceLength = 512
    /// Validation tokens per evaluation (2^18); a server constant, not part of the schema.
    public static let validationTokens = 262_144
    /// The largest `total_train_tokens` the schema accepts.
    public static let maximumTrainTokens = 500_000_000_000

    public var architecture: ArchitectureConfig
    public var optimizer: OptimizerConfig
    public var trainBatchSize: Int
    public var valBatchSize: Int
    public var nEvals: Int
    public var totalTrainTokens: Int
    public var maxRuntimeSeconds: Double
    public var modelSeed: Int

    public init(
        architecture: ArchitectureConfig, optimizer: OptimizerConfig, trainBatchSize: Int,
        valBatchSize: Int, nEvals: Int = 16, totalTrainTokens: Int, maxRuntimeSeconds: Double,
        modelSeed: Int = 0
    ) {
        self.architecture = architecture
        self.optimizer = optimizer
        self.trainBatchSize = trainBatchSize
        self.valBatchSize = valBatchSize
        self.nEvals = nEvals
        self.totalTrainTokens = totalTrainTokens
        self.maxRuntimeSeconds = maxRuntimeSeconds
        self.modelSeed = modelSeed
    }

    /// Tokens per optimizer step, `512 * train_batch_size`.
    public var tokensPerStep: Int { Self.sequenceLength * trainBatchSize }
    /// Total optimizer steps S (whole when the cross-field rules hold).
    public var totalSteps: Int { totalTrainTokens / tokensPerStep }
    /// Optimizer steps in each of the `n_evals` chunks.
    public var stepsPerChunk: Int { totalSteps / nEvals }
    /// Training tokens in each chunk.
    public var tokensPerChunk: Int { totalTrainTokens / nEvals }
    /// Validation batches per evaluation pass, `2^18 / (512 * val_batch_size)`.
    public var validationBatches: Int { Self.validationTokens / (Self.sequenceLength * valBatchSize) }

    /// The handout's and notebook's example (§3.4): d 448, L 9, AdamW defaults, 1,048,576
    /// tokens at batch 128, 30 s reserved.
    public static let handoutExample = TrainingConfig(
        architecture: ArchitectureConfig(
            attentionBias: false, headDim: 64, hiddenSize: 448, intermediateSize: 1280,
            numAttentionHeads: 7, numHiddenLayers: 9, numKeyValueHeads: 7, rmsNormEps: 1e-6,
            ropeTheta: 1_000_000, tieWordEmbeddings: false, dtype: .bfloat16, vocabSize: 32000),
        optimizer: .adamW(AdamWConfig()),
        trainBatchSize: 128, valBatchSize: 32, nEvals: 16, totalTrainTokens: 1_048_576,
        maxRuntimeSeconds: 30, modelSeed: 0)
}

/// Parameter dtype of the whole model (no fp32 master weights, §9.1).
public enum ModelDType: String, Hashable, Sendable, CaseIterable {
    case float32
    case bfloat16
}

/// `architecture_config` (BasicTransformerConfig): all twelve keys, in wire order.
public struct ArchitectureConfig: Hashable, Sendable {
    public var attentionBias: Bool
    public var headDim: Int
    public var hiddenSize: Int
    public var intermediateSize: Int
    public var numAttentionHeads: Int
    public var numHiddenLayers: Int
    public var numKeyValueHeads: Int
    public var rmsNormEps: Double
    public var ropeTheta: Int
    public var tieWordEmbeddings: Bool
    public var dtype: ModelDType
    public var vocabSize: Int

    public init(
        attentionBias: Bool, headDim: Int, hiddenSize: Int, intermediateSize: Int,
        numAttentionHeads: Int, numHiddenLayers: Int, numKeyValueHeads: Int, rmsNormEps: Double,
        ropeTheta: Int, tieWordEmbeddings: Bool, dtype: ModelDType, vocabSize: Int
    ) {
        self.attentionBias = attentionBias
        self.headDim = headDim
        self.hiddenSize = hiddenSize
        self.intermediateSize = intermediateSize
        self.numAttentionHeads = numAttentionHeads
        self.numHiddenLayers = numHiddenLayers
        self.numKeyValueHeads = numKeyValueHeads
        self.rmsNormEps = rmsNormEps
        self.ropeTheta = ropeTheta
        self.tieWordEmbeddings = tieWordEmbeddings
        self.dtype = dtype
        self.vocabSize = vocabSize
    }

    /// A decoder of width `d`, depth `layers`, heads of `headDim`, SwiGLU width `ffn`, with
    /// the handout's other settings (bf16, untied, no bias, vocabulary 32,000, rope 1e6).
    public static func standard(
        hiddenSize d: Int, layers: Int, headDim: Int = 64, intermediateSize ffn: Int,
        dtype: ModelDType = .bfloat16
    ) -> ArchitectureConfig {
        ArchitectureConfig(
            attentionBias: false, headDim: headDim, hiddenSize: d, intermediateSize: ffn,
            numAttentionHeads: d / headDim, numHiddenLayers: layers,
            numKeyValueHeads: d / headDim, rmsNormEps: 1e-6, ropeTheta: 1_000_000,
            tieWordEmbeddings: false, dtype: dtype, vocabSize: 32000)
    }

    /// Non-embedding parameters, exactly as the model counts them (§9.1), final norm included:
    /// `d + L·(4d² + 3·d·ff + 2d + 2·head_dim + (bias ? 4d : 0))`.
    public var nonEmbeddingParameters: Int {
        let d = hiddenSize
        let perLayer = 4 * d * d + 3 * d * intermediateSize + 2 * d + 2 * headDim
            + (attentionBias ? 4 * d : 0)
        return d + numHiddenLayers * perLayer
    }

    /// Embedding parameters: the input table, plus the LM head unless tied.
    public var embeddingParameters: Int {
        vocabSize * hiddenSize * (tieWordEmbeddings ? 1 : 2)
    }

    /// Every parameter (what `count_params` reports).
    public var totalParameters: Int { nonEmbeddingParameters + embeddingParameters }

    /// Aspect ratio d / L.
    public var aspectRatio: Double { Double(hiddenSize) / Double(numHiddenLayers) }

    /// SwiGLU width over model width, ff / d.
    public var ffnRatio: Double { Double(intermediateSize) / Double(hiddenSize) }
}

/// `lr_scheduler` (WarmupCosineDecay): optax's warmup-cosine schedule (§9.5).
public struct WarmupCosineSchedule: Hashable, Sendable {
    public var peakValue: Double
    public var finalLRFraction: Double
    public var warmupFraction: Double
    public var initValue: Double

    public init(
        peakValue: Double = 3e-4, finalLRFraction: Double = 0.1, warmupFraction: Double = 0.05,
        initValue: Double = 0
    ) {
        self.peakValue = peakValue
        self.finalLRFraction = finalLRFraction
        self.warmupFraction = warmupFraction
        self.initValue = initValue
    }

    /// The learning rate at step `t` of `totalSteps`: linear warmup over
    /// `W = floor(S·warmup_frac)` steps from `init_value` to `peak_value`, then a cosine from
    /// `peak_value` to `peak_value·final_lr_frac` over the remaining `S − W` steps.
    public func rate(atStep t: Int, totalSteps: Int) -> Double {
        let warmup = Int((Double(totalSteps) * warmupFraction).rounded(.down))
        if t < warmup {
            return initValue + (peakValue - initValue) * Double(t) / Double(warmup)
        }
        let decaySteps = max(totalSteps - warmup, 1)
        let progress = min(Double(t - warmup) / Double(decaySteps), 1)
        let floor = peakValue * finalLRFraction
        return floor + (peakValue - floor) * 0.5 * (1 + cos(Double.pi * progress))
    }
}

/// AdamWConfig: every key optional on the wire (§3.2).
public struct AdamWConfig: Hashable, Sendable {
    public var lrScheduler: WarmupCosineSchedule
    public var weightDecay: Double
    public var beta1: Double
    public var beta2: Double
    public var eps: Double
    public var epsRoot: Double
    /// Global-norm gradient clipping; `nil` (JSON `null`) turns it off.
    public var gradClipNorm: Double?

    public init(
        lrScheduler: WarmupCosineSchedule = WarmupCosineSchedule(), weightDecay: Double = 0.01,
        beta1: Double = 0.9, beta2: Double = 0.95, eps: Double = 1e-8, epsRoot: Double = 1e-8,
        gradClipNorm: Double? = 1.0
    ) {
        self.lrScheduler = lrScheduler
        self.weightDecay = weightDecay
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.epsRoot = epsRoot
        self.gradClipNorm = gradClipNorm
    }
}

/// SGDConfig: plain SGD (no momentum, no weight decay) under the same schedule.
public struct SGDConfig: Hashable, Sendable {
    public var lrScheduler: WarmupCosineSchedule
    public var gradClipNorm: Double?

    public init(lrScheduler: WarmupCosineSchedule = WarmupCosineSchedule(), gradClipNorm: Double? = 1.0) {
        self.lrScheduler = lrScheduler
        self.gradClipNorm = gradClipNorm
    }
}

/// `optimizer_config`: the undiscriminated union of SGD and AdamW (§3.3). The variant is part
/// of a config's identity (the duplicate rule hashes the class name).
public enum OptimizerConfig: Hashable, Sendable {
    case sgd(SGDConfig)
    case adamW(AdamWConfig)

    /// The schedule either variant carries.
    public var schedule: WarmupCosineSchedule {
        switch self {
        case .sgd(let c): c.lrScheduler
        case .adamW(let c): c.lrScheduler
        }
    }

    /// The peak learning rate, `lr_scheduler.peak_value`.
    public var peakLearningRate: Double { schedule.peakValue }

    public var gradClipNorm: Double? {
        switch self {
        case .sgd(let c): c.gradClipNorm
        case .adamW(let c): c.gradClipNorm
        }
    }
}

import Foundation
