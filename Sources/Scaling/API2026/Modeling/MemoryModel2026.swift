import Foundation

/// Whether a config's training step fits in the GPU's memory.
public enum MemoryVerdict2026: Sendable, Hashable {
    case fits(estimatedBytes: Double)
    case exceeds(estimatedBytes: Double, limitBytes: Double)
    /// Between the largest estimate seen to succeed and the smallest seen to run out of memory
    /// (or, before evidence, inside the prior's band of doubt).
    case uncertain(estimatedBytes: Double)

    public var estimatedBytes: Double {
        switch self {
        case .fits(let b), .exceeds(let b, _), .uncertain(let b): b
        }
    }

    public var fits: Bool { if case .fits = self { true } else { false } }
}

/// Peak GPU memory of a 2026 training step, analytic, with the usable limit bracketed by
/// observed outcomes.
///
/// The estimate (bytes), with `P` all parameters, `b` the dtype's bytes, `t = 512·B` tokens per
/// step, `d`, `L`, `h` heads, `s = 512`, `V` the vocabulary:
///
///     static      = P·b·(2 + 2·[AdamW])          weights, gradients, AdamW's two moments (optax
///                                                keeps them in the parameter dtype)
///     activations = t·L·(34·d + 5·h·s)·b/2       Korthikanti et al. 2022, "Reducing activation
///                                                recomputation", eq. 2 (no recomputation)
///     logits      = t·V·(b + 4)                  the LM head's logits plus their fp32 softmax
///     eval        = 512·B_val·V·(b + 4)          an evaluation batch's logits
///     peak        = static + max(activations + logits, eval)
///
/// The limit is not taken on faith: a run that completed (or timed out after training) proves
/// its estimate fits; an out-of-memory failure proves its estimate does not. `check` answers
/// `fits` at or below the largest success, `exceeds` at or above the smallest OOM, `uncertain`
/// between. Without a success the lower edge is the prior's (60% of a B200's 180 GB); without an
/// OOM the upper edge is the prior's (150%): the estimate's own error is unknown until runs
/// bracket it. When outcomes contradict the estimate's order (an OOM below a success), the whole
/// overlap is `uncertain`.
///
/// ```swift
/// let m = MemoryModel2026.fit(experiments)
/// m.check(.handoutExample)   // .fits(estimatedBytes: ...): at or below the largest success's estimate
/// ```
public struct MemoryModel2026: Sendable {
    /// A B200's usable HBM3e (192 GB nominal, about 180 GB to a program).
    public static let nominalLimitBytes = 180e9

    /// Estimates at or below this are known to fit.
    public var fitsAtOrBelowBytes: Double
    /// Estimates at or above this are known (or, before evidence, presumed) to run out of memory.
    public var exceedsAtOrAboveBytes: Double
    public var successes: Int
    public var outOfMemoryFailures: Int

    public init(fitsAtOrBelowBytes: Double, exceedsAtOrAboveBytes: Double, successes: Int = 0, outOfMemoryFailures: Int = 0) {
        self.fitsAtOrBelowBytes = fitsAtOrBelowBytes
        self.exceedsAtOrAboveBytes = exceedsAtOrAboveBytes
        self.successes = successes
        self.outOfMemoryFailures = outOfMemoryFailures
    }

    public static var prior: MemoryModel2026 {
        MemoryModel2026(fitsAtOrBelowBytes: 0.6 * nominalLimitBytes, exceedsAtOrAboveBytes: 1.5 * nominalLimitBytes)
    }

    /// The analytic peak bytes of `config` (see the type's documentation).
    public static func estimatedBytes(_ config: TrainingConfig) -> Double {
        let a = config.architecture
        let b: Double = a.dtype == .bfloat16 ? 2 : 4
        let p = Double(a.totalParameters)
        let adam: Double = if case .adamW = config.optimizer { 2 } else { 0 }
        let s = Double(TrainingConfig.sequenceLength)
        let tokens = s * Double(config.trainBatchSize)
        let d = Double(a.hiddenSize), layers = Double(a.numHiddenLayers), heads = Double(a.numAttentionHeads)
        let v = Double(a.vocabSize)
        let staticBytes = p * b * (2 + adam)
        let activations = tokens * layers * (34 * d + 5 * heads * s) * b / 2
        let logits = tokens * v * (b + 4)
        let eval = s * Double(config.valBatchSize) * v * (b + 4)
        return staticBytes + max(activations + logits, eval)
    }

    /// Learn the bracket from the outcomes in `experiments` (queued, running and non-memory
    /// failures say nothing and are skipped).
    public static func fit(_ experiments: [ExperimentResponse2026]) -> MemoryModel2026 {
        var model = prior
        var largestSuccess: Double?, smallestOOM: Double?
        for e in experiments {
            let bytes = estimatedBytes(e.trainingConfig)
            guard bytes.isFinite else { continue }
            switch ExperimentOutcome2026(e) {
            case .completed, .timeout:
                largestSuccess = max(largestSuccess ?? bytes, bytes); model.successes += 1
            case .outOfMemory:
                smallestOOM = min(smallestOOM ?? bytes, bytes); model.outOfMemoryFailures += 1
            case .otherFailure, .pending: continue
            }
        }
        if let hi = smallestOOM { model.exceedsAtOrAboveBytes = hi }
        if let lo = largestSuccess { model.fitsAtOrBelowBytes = lo }
        // without an OOM the prior's upper edge stands, but never below a proven success
        if smallestOOM == nil { model.exceedsAtOrAboveBytes = max(model.exceedsAtOrAboveBytes, model.fitsAtOrBelowBytes * 1.0000001) }
        // without a success the prior's lower edge stands, but never above a proven OOM
        if largestSuccess == nil { model.fitsAtOrBelowBytes = min(model.fitsAtOrBelowBytes, model.exceedsAtOrAboveBytes * 0.9999999) }
        return model
    }

    public func check(_ config: TrainingConfig) -> MemoryVerdict2026 {
        let bytes = Self.estimatedBytes(config)
        guard bytes.isFinite else { return .uncertain(estimatedBytes: bytes) }
        if fitsAtOrBelowBytes < exceedsAtOrAboveBytes {
            if bytes >= exceedsAtOrAboveBytes { return .exceeds(estimatedBytes: bytes, limitBytes: exceedsAtOrAboveBytes) }
            if bytes <= fitsAtOrBelowBytes { return .fits(estimatedBytes: bytes) }
            return .uncertain(estimatedBytes: bytes)
        }
        // contradictory evidence (an OOM estimated below a success): only beyond both is it
        // known, and the overlap, both edges included, is uncertain
        if bytes > fitsAtOrBelowBytes { return .exceeds(estimatedBytes: bytes, limitBytes: exceedsAtOrAboveBytes) }
        if bytes < exceedsAtOrAboveBytes { return .fits(estimatedBytes: bytes) }
        return .uncertain(estimatedBytes: bytes)
    }
}
