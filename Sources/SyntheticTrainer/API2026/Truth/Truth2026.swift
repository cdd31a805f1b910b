import Foundation
import Scaling

/// The 2026 ground truth: what one TrainingConfig does on the simulated B200, as a loss surface
/// over the whole config, a schedule-aware curve, noise, a runtime model and a memory model
/// (`docs/rehearsing-2026.md` §1 and §3). A scenario file's `truth:` section sets
/// every constant; the defaults are cs336-2026-live, fitted to `data/live-2026/runs.json`.
///
/// The final expected loss is
///
///     raw = E + A/N^α + B/D^β                         (law, exact non-embedding N, tokens D)
///         + Δ_lr(ln lr/lr*)                            (asymmetric bowl, lr* moves with D, N, batch;
///                                                    less its value at the law's reference rate, if one)
///         + Δ_progress(ln(S1_eff))                     (too little summed learning rate; the bf16 floor)
///         + Δ_steps(S)                                 (too few optimizer steps: the batch effect)
///         + Δ_opt + Δ_shape + Δ_tied + Δ_sched
///     L   = ceiling(raw)                               (soft minimum with ~10.5)
///
/// and the curve point after chunk i is the same surface at the fraction σ1(i) of the summed
/// learning rate reached by then, plus the annealing still to come, so its last point is the
/// surface value.
///
/// ```swift
/// let truth = Truth2026()                      // cs336-2026-live
/// let plan = truth.plan(for: .handoutExample, runKey: 1)
/// plan.expectedLosses.count                    // 16
/// plan.outcome(maxRuntimeSeconds: 30).name     // "completed"
/// ```
public struct Truth2026: TrainingTruth2026, Hashable {
    public var law: ChinchillaLaw
    public var learningRate: LearningRate
    public var progress: Progress
    public var steps: Steps
    public var optimizer: Optimizer
    public var shape: Shape
    public var ceiling: Ceiling
    public var curve: Curve
    public var noise: Noise
    public var runtime: Runtime
    public var memory: Memory
    /// What the parametric surface misses on real runs, near them (`Discrepancy`; none by default).
    public var discrepancy = Discrepancy.none

    public init(
        law: ChinchillaLaw = ChinchillaLaw(E: 2.86, A: 152, B: 716, alpha: 0.348, beta: 0.366),
        learningRate: LearningRate = LearningRate(), progress: Progress = Progress(), steps: Steps = Steps(),
        optimizer: Optimizer = Optimizer(), shape: Shape = Shape(),
        ceiling: Ceiling = Ceiling(loss: 10.5, softness: 0.3), curve: Curve = Curve(), noise: Noise = Noise(),
        runtime: Runtime = Runtime(), memory: Memory = Memory()
    ) {
        self.law = law; self.learningRate = learningRate; self.progress = progress; self.steps = steps
        self.optimizer = optimizer; self.shape = shape; self.ceiling = ceiling; self.curve = curve
        self.noise = noise; self.runtime = runtime; self.memory = memory
    }

    /// Reference point of the moving optima: 448×10 on 16.8 M tokens at batch 32.
    public static let referenceTokens = 16_777_216.0
    public static let referenceParameters = 2.5e7
    public static let referenceBatch = 32.0
    /// The vocabulary of the training data (Llama-2 tokenizer); a smaller `vocab_size` makes the
    /// embedding gather read out of bounds (`promise_in_bounds`), so such a run learns nothing.
    public static let dataVocabulary = 32000

    /// Δ_lr: a bowl in x = ln(lr/lr*), `low·x²` below the optimum and `high·(B/32)^highBatchExponent·x²`
    /// above it (a large batch tolerates a high rate less), with
    /// `ln lr* = ln optimum + tokensExponent·ln(D/D_ref) + parametersExponent·ln(N/N_ref) + batchExponent·ln(B/32)`.
    ///
    /// With `referenceRate` 0 (cs336-2026-live) the law is the loss at lr*. With a reference
    /// rate (cs336-2026-tuned: 3e-3) the law is the loss of that rate at batch 32 on
    /// `referenceTokensPerParameter`·N tokens, the protocol of the runs it was fitted on, and
    /// the bowl counts from there: `Δ_lr = bowl(ln lr/lr*) − bowl(ln referenceRate/lr*(N, 20N, 32))`,
    /// so a model whose lr* is far from 3e-3 gains by tuning (a function of N alone, bounded).
    public struct LearningRate: Hashable, Sendable {
        public var optimum = 6.8747e-3
        public var tokensExponent = 0.04867
        public var parametersExponent = -0.64784
        public var batchExponent = -0.53057
        public var lowCurvature = 0.049021
        public var highCurvature = 0.1
        public var highBatchExponent = 0.0
        /// The peak rate at which the law holds; 0: the law is the loss at lr*.
        public var referenceRate = 0.0
        /// The tokens per parameter of the law's reference protocol.
        public var referenceTokensPerParameter = 20.0
        public init() {}

        @inlinable
        public func logOptimum(logTokens: Double, logParameters: Double, logBatch: Double) -> Double {
            Foundation.log(optimum)
                + tokensExponent * (logTokens - Foundation.log(Truth2026.referenceTokens))
                + parametersExponent * (logParameters - Foundation.log(Truth2026.referenceParameters))
                + batchExponent * (logBatch - Foundation.log(Truth2026.referenceBatch))
        }

        /// The bowl at x = ln(lr/lr*) and batch e^logBatch.
        @inlinable
        public func penalty(offset x: Double, logBatch: Double) -> Double {
            if x < 0 { return lowCurvature * x * x }
            let high = highBatchExponent == 0 ? highCurvature
                : highCurvature * Foundation.exp(highBatchExponent * (logBatch - Foundation.log(Truth2026.referenceBatch)))
            return high * x * x
        }

        /// The bowl at the law's reference protocol (`referenceRate`, batch 32,
        /// `referenceTokensPerParameter`·N tokens): what the law already holds, subtracted from
        /// every run of N parameters; 0 when `referenceRate` is 0.
        @inlinable
        public func referencePenalty(logParameters: Double) -> Double {
            if referenceRate == 0 { return 0 }
            let logTokens = logParameters + Foundation.log(referenceTokensPerParameter)
            let logBatch = Foundation.log(Truth2026.referenceBatch)
            return penalty(offset: Foundation.log(referenceRate)
                - logOptimum(logTokens: logTokens, logParameters: logParameters, logBatch: logBatch), logBatch: logBatch)
        }
    }

    /// Δ_progress: `scale·width·softplus((ln knee − ln u)/width)`, u the summed effective
    /// learning rate Σ_t η_t·φ(η_peak) times (B/32)^batchExponent. The bf16 update floor
    /// φ(η) = 1/(1 + (floor/η)²) loses the updates of tiny rates (no fp32 master weights);
    /// float32 has φ = 1.
    public struct Progress: Hashable, Sendable {
        public var scale = 0.76432
        public var knee = 0.21773
        public var width = 0.5
        public var batchExponent = 0.5
        public var bf16Floor = 3.0e-5
        public init() {}

        @inlinable
        public func floorFactor(peak: Double, dtype: ModelDType) -> Double {
            if dtype == .float32 { return 1 }
            let r = bf16Floor / peak
            return 1 / (1 + r * r)
        }

        @inlinable
        public func penalty(logProgress: Double) -> Double {
            if scale == 0 { return 0 }
            let z = (Foundation.log(knee) - logProgress) / width
            let softplus = z > 30 ? z : Foundation.log1p(Foundation.exp(z))
            return scale * width * softplus
        }
    }

    /// Δ_steps: `scale·ln(1 + (S_c/S)^exponent)`, S the optimizer steps and
    /// `S_c = criticalSteps·(D/D_ref)^tokensExponent`: at a fixed token count a large batch
    /// (few steps) costs about `scale·exponent·ln 2` per halving of the steps.
    public struct Steps: Hashable, Sendable {
        public var scale = 0.12708
        public var criticalSteps = 717.35
        public var exponent = 5.0
        public var tokensExponent = 0.72996
        public init() {}

        @inlinable
        public func penalty(logSteps: Double, logTokens: Double) -> Double {
            if scale == 0 { return 0 }
            let logCritical = Foundation.log(criticalSteps)
                + tokensExponent * (logTokens - Foundation.log(Truth2026.referenceTokens))
            let z = exponent * (logCritical - logSteps)
            return scale * (z > 30 ? z : Foundation.log1p(Foundation.exp(z)))
        }
    }

    /// Δ_opt and Δ_sched: the optimizer and schedule settings.
    public struct Optimizer: Hashable, Sendable {
        /// Plain SGD without momentum (nats, before the ceiling).
        public var sgdPenalty = 1.0
        /// β2 too low for a small batch: `beta2Penalty·ln((1−β2)/(1−0.99))⁺·log2(128/B)⁺`.
        public var beta2Penalty = 0.01
        /// Weight decay: a bowl in ln((wd + 1e-4)/optimum).
        public var weightDecay = BowlEffect(optimum: 0.1, curvature: 0.005, saturation: 3)
        /// `warmupPenalty·(warmup_frac − 0.2)²` above 0.2.
        public var warmupPenalty = 1.0
        /// `finalFractionSlope·(final_lr_frac − 0.1)`: less annealing costs, more gains (≤ 0.02).
        public var finalFractionSlope = 0.2
        public init() {}
    }

    /// Δ_shape: bowls in the aspect ratio d/L, the FFN ratio ff/d and the head dimension, and a
    /// constant for tied embeddings.
    public struct Shape: Hashable, Sendable {
        public var aspectRatio = BowlEffect(optimum: 64, curvature: 0.05, saturation: 2)
        public var ffnRatio = BowlEffect(optimum: 8.0 / 3.0, curvature: 0.05, saturation: 2)
        public var headDim = BowlEffect(optimum: 64, curvature: 0.01, saturation: 2)
        public var tiedEmbeddings = 0.01
        public init() {}
    }

    /// The curve: `L(i) = surface at σ1(i) of the summed rate + annealing·(1 − a(i))`, a(i) the
    /// fraction of the annealing area reached, with
    /// `annealing = annealingScale·((η_peak − η_final)/9e-3)^annealingExponent` nats.
    public struct Curve: Hashable, Sendable {
        public var annealingScale = 0.21
        public var annealingExponent = 0.46
        public init() {}
    }

    /// Noise: per (architecture, model_seed) init noise, the data-order wobble shared by all
    /// runs at the same token position, and per-run jitter from `runKey`.
    public struct Noise: Hashable, Sendable {
        public var seed: UInt64 = 2026
        public var initSigma = 0.015
        public var wobbleAmplitude = 0.01
        public var rerunSigma = 0.01
        public init() {}
    }

    /// t = F·(D + evalCost·n_evals·2^18)/(peakFlops·m(d)), m(d) = mMax·d/(d + dHalf),
    /// F = 6(N_ne + V·d) + 12·512·d·L; lognormal jitter per run; float32 ×`float32Factor`.
    public struct Runtime: Hashable, Sendable {
        public var peakFlops = 2.25e15
        public var mMax = 0.55610
        public var dHalf = 2110.3
        public var evalCost = 0.11805
        public var jitterSigma = 0.04
        public var float32Factor = 2.0
        public init() {}
    }

    /// bytes ≈ B·512·(2·L·(16d + 4ff) + 10·V) + 8·params + 8·tokens_per_chunk (float32 ×2),
    /// against `usableBytes`; an OOM fails after `oomSeconds ± oomSpread`.
    public struct Memory: Hashable, Sendable {
        public var usableBytes = 161.0 * 1_073_741_824
        public var float32Factor = 2.0
        public var oomSeconds = 10.06
        public var oomSpread = 0.19
        public init() {}
    }
}
