import Foundation
import Scaling

extension Truth2026 {
    /// Training FLOPs per token, `F = 6(N_ne + V·d) + 12·512·d·L` (parameters, LM head, attention).
    public func flopsPerToken(_ arch: ArchitectureConfig) -> Double {
        6 * (Double(arch.nonEmbeddingParameters) + Double(arch.vocabSize) * Double(arch.hiddenSize))
            + 12 * Double(TrainingConfig.sequenceLength) * Double(arch.hiddenSize) * Double(arch.numHiddenLayers)
    }

    /// The model FLOP utilisation at width d, `m(d) = mMax·d/(d + dHalf)`.
    public func utilisation(hiddenSize d: Int) -> Double {
        runtime.mMax * Double(d) / (Double(d) + runtime.dHalf)
    }

    /// Expected charged seconds of the whole run without jitter: training plus every eval pass.
    public func expectedRuntimeSeconds(_ config: TrainingConfig) -> Double {
        let (train, eval) = chunkSeconds(config)
        return Double(max(config.nEvals, 1)) * (train + eval)
    }

    /// Seconds of one chunk's training and of one eval pass, without jitter.
    public func chunkSeconds(_ config: TrainingConfig) -> (train: Double, eval: Double) {
        let arch = config.architecture
        let rate = runtime.peakFlops * utilisation(hiddenSize: arch.hiddenSize)
            / (arch.dtype == .float32 ? runtime.float32Factor : 1)
        let f = flopsPerToken(arch)
        let train = f * Double(config.tokensPerChunk) / rate
        let eval = f * runtime.evalCost * Double(TrainingConfig.validationTokens) / rate
        return (train, eval)
    }

    /// Bytes of activations, `B·512·(2·L·(16d + 4ff) + 10·V)` (float32 ×2): what the failing
    /// allocation of an OOM asks for.
    public func activationBytes(_ config: TrainingConfig) -> Double {
        let a = config.architecture
        let perToken = 2 * Double(a.numHiddenLayers) * (16 * Double(a.hiddenSize) + 4 * Double(a.intermediateSize))
            + 10 * Double(a.vocabSize)
        return Double(config.trainBatchSize) * Double(TrainingConfig.sequenceLength) * perToken
            * (a.dtype == .float32 ? memory.float32Factor : 1)
    }

    /// Peak device bytes: activations + 8·params + 8·tokens_per_chunk (float32 ×2).
    public func peakMemoryBytes(_ config: TrainingConfig) -> Double {
        let scale = config.architecture.dtype == .float32 ? memory.float32Factor : 1
        return activationBytes(config)
            + scale * (8 * Double(config.architecture.totalParameters) + 8 * Double(config.tokensPerChunk))
    }

    /// Whether the run fits in the usable device memory.
    public func fitsInMemory(_ config: TrainingConfig) -> Bool {
        peakMemoryBytes(config) <= memory.usableBytes
    }

    /// The plan of one run: chunk end times, the reported and expected curves, peak memory and
    /// the OOM, all a pure function of (truth, config, runKey).
    public func plan(for config: TrainingConfig, runKey: UInt64) -> RunPlan {
        let configKey = Self.hash(config)
        let runHash = SplitMix64.combine(SplitMix64.combine(SplitMix64.mix(noise.seed), configKey), runKey)
        let peak = peakMemoryBytes(config)
        if peak > memory.usableBytes {
            let gib = activationBytes(config) / 1_073_741_824
            let text = "JaxRuntimeError: RESOURCE_EXHAUSTED: Out of memory while trying to allocate "
                + String(format: "%.2f", gib) + "GiB"
            let seconds = memory.oomSeconds + memory.oomSpread * SplitMix64.uniform(SplitMix64.combine(runHash, 3))
            return RunPlan(chunkEndSeconds: [], valLosses: [], expectedLosses: [], peakMemoryBytes: peak,
                           outOfMemory: .init(failureText: text, failureSeconds: seconds))
        }
        let n = max(config.nEvals, 1)
        let jitter = Foundation.exp(runtime.jitterSigma * Self.gaussian(SplitMix64.combine(runHash, 1)))
        let (train, eval) = chunkSeconds(config)
        let chunk = (train + eval) * jitter
        let ends = (0..<n).map { Double($0 + 1) * chunk }

        let expected = expectedCurve(config)
        let offset = noise.initSigma * Self.gaussian(SplitMix64.combine(SplitMix64.mix(noise.seed), Self.initKey(config)))
            + noise.rerunSigma * Self.gaussian(SplitMix64.combine(runHash, 2))
        let quantiser = ValidationQuantiser(config: config)
        var reported = [Double]()
        reported.reserveCapacity(n)
        for i in 0..<n {
            let position = Double(config.totalTrainTokens) * Double(i + 1) / Double(n)
            reported.append(quantiser.report(expected[i] + offset + wobble(tokens: position)))
        }
        return RunPlan(chunkEndSeconds: ends, valLosses: reported, expectedLosses: expected,
                       peakMemoryBytes: peak, outOfMemory: nil)
    }

    /// The data-order wobble at a token position: the same for every run of the scenario (the
    /// data order is fixed), three slow waves in ln(tokens) with seeded phases.
    public func wobble(tokens: Double) -> Double {
        if noise.wobbleAmplitude == 0 { return 0 }
        let t = Foundation.log(Swift.max(tokens, 1))
        var sum = 0.0
        var h = SplitMix64.combine(SplitMix64.mix(noise.seed), 0x776F_6262_6C65)
        for k in 1...3 {
            h = SplitMix64.mix(h)
            let phase = 2 * Double.pi * SplitMix64.uniform(h)
            sum += Foundation.sin(Double(k) * 1.7 * t + phase)
        }
        return noise.wobbleAmplitude * sum / 3.0.squareRoot()
    }

    /// A standard normal from a hash (Box–Muller on two derived uniforms).
    static func gaussian(_ h: UInt64) -> Double {
        let u1 = SplitMix64.uniform(SplitMix64.mix(h))
        let u2 = SplitMix64.uniform(SplitMix64.mix(h ^ 0x5DEE_CE66_D1CE_4E5B))
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// The init noise's key: the architecture and `model_seed` (the PRNG key of the init).
    static func initKey(_ c: TrainingConfig) -> UInt64 {
        let a = c.architecture
        var h = SplitMix64.mix(0x696E_6974)
        func fold(_ w: Int) { h = SplitMix64.combine(h, UInt64(bitPattern: Int64(w))) }
        fold(a.hiddenSize); fold(a.numHiddenLayers); fold(a.intermediateSize); fold(a.headDim)
        fold(a.numAttentionHeads); fold(a.vocabSize); fold(a.tieWordEmbeddings ? 1 : 0)
        fold(a.attentionBias ? 1 : 0); fold(a.dtype == .float32 ? 1 : 0); fold(c.modelSeed)
        return h
    }

    /// Every field of the config, folded into one word (no allocation: the plan's hot path).
    static func hash(_ c: TrainingConfig) -> UInt64 {
        var h = initKey(c)
        func fold(_ w: UInt64) { h = SplitMix64.combine(h, w) }
        func fold(_ w: Int) { fold(UInt64(bitPattern: Int64(w))) }
        let a = c.architecture
        let s = c.optimizer.schedule
        fold(a.rmsNormEps.bitPattern); fold(a.ropeTheta); fold(a.numKeyValueHeads)
        fold(s.peakValue.bitPattern); fold(s.finalLRFraction.bitPattern); fold(s.warmupFraction.bitPattern)
        fold(s.initValue.bitPattern); fold(c.trainBatchSize); fold(c.valBatchSize); fold(c.nEvals)
        fold(c.totalTrainTokens); fold(c.maxRuntimeSeconds.bitPattern); fold((c.optimizer.gradClipNorm ?? -1).bitPattern)
        switch c.optimizer {
        case .sgd: fold(UInt64(1))
        case .adamW(let o):
            fold(UInt64(2)); fold(o.weightDecay.bitPattern); fold(o.beta1.bitPattern); fold(o.beta2.bitPattern)
            fold(o.eps.bitPattern); fold(o.epsRoot.bitPattern)
        }
        return h
    }
}

/// How the worker reports a validation loss (§9.2): each of the `512/val_batch_size` batch
/// means is rounded to bfloat16 (in a bf16 model), then averaged in float32. The batches'
/// offsets from the mean (σ 0.05, mean zero) are a fixed property of the validation set, the
/// same 2^18 tokens for every run and scenario, so they are drawn once from a fixed seed.
struct ValidationQuantiser {
    let offsets: [Float]
    let bf16: Bool

    /// Offsets for 1, 2, 4, ..., 512 batches (index log2 of the count).
    static let tables: [[Float]] = (0...9).map { k in
        let batches = 1 << k
        let base = SplitMix64.combine(SplitMix64.mix(0x7661_6C5F_7365_74), UInt64(batches))
        let raw = (0..<batches).map { 0.05 * Truth2026.gaussian(SplitMix64.combine(base, UInt64($0))) }
        let mean = raw.reduce(0, +) / Double(batches)
        return raw.map { Float($0 - mean) }
    }

    init(config: TrainingConfig) {
        let batches = max(config.validationBatches, 1)
        let k = min(Int.bitWidth - 1 - batches.leadingZeroBitCount, Self.tables.count - 1)
        offsets = Self.tables[k]
        bf16 = config.architecture.dtype == .bfloat16
    }

    func report(_ loss: Double) -> Double {
        if !bf16 { return Double(Float(loss)) }
        var sum: Float = 0
        for o in offsets { sum += Self.roundToBFloat16(Float(loss) + o) }
        return Double(sum / Float(offsets.count))
    }

    /// Round to nearest even at bfloat16's 8 significant bits.
    static func roundToBFloat16(_ x: Float) -> Float {
        if !x.isFinite { return x }
        var bits = x.bitPattern
        bits = bits &+ (0x7FFF &+ ((bits >> 16) & 1))
        return Float(bitPattern: bits & 0xFFFF_0000)
    }
}
