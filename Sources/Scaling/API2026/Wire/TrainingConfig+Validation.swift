/// The 2026 schema's validation (docs/api-2026-contract.md §1.3, §3), as FastAPI and pydantic 2.12.5 run
/// it on the body of `POST /submit` and on `training_config` in `POST /final_submission`.
///
/// * Field checks first: every failing field of every nested object is listed together, in
///   declaration order, then each object's unknown keys (`extra_forbidden`).
/// * `optimizer_config` is the undiscriminated union `SGDConfig | AdamWConfig` in pydantic's
///   smart mode (§3.3). SGD is tried first and wins whenever it validates (AdamW then validates
///   too, with the same fields set, and a tie keeps the first member); otherwise AdamW; when
///   both fail, the errors of both are listed, under `SGDConfig` then `AdamWConfig` in `loc`.
/// * Only when every field passed: the cross-field rules of §3.5 in order, the first failure
///   reported as a `value_error` at the config's own `loc` with the raw input echoed.
///
/// One divergence, by necessity: Python ints have no bound, so an int field without an upper
/// bound accepts e.g. `num_hidden_layers: 10**30`, which `TrainingConfig` (Swift `Int`) cannot
/// hold. Bounds and rules are evaluated on the value saturated at `Int.max`/`Int.min`, which
/// decides them exactly wherever they do not multiply two such values (so a huge batch size
/// or `n_evals` gets the real app's value error); a config that would then be accepted is
/// refused with `int_parsing_size` at the field instead of the real app's 200.
extension TrainingConfig {
    /// The keys of the request object, in declaration order.
    static let fieldNames = ["architecture_config", "optimizer_config", "train_batch_size", "val_batch_size",
                             "n_evals", "total_train_tokens", "max_runtime_seconds", "model_seed"]

    /// Validates a TrainingConfig object at `loc` (`["body"]` for `/submit`,
    /// `["body","training_config"]` inside a final submission).
    public static func validate(
        _ input: JSONValue, at loc: [JSONValue], schema: WireSchema2026
    ) -> Result<TrainingConfig, [ValidationIssue]> {
        let r = validateModel(input, at: loc, schema: schema)
        if case .success = r.result, let first = r.unrepresentable.first { return .failure([first]) }
        return r.result
    }

    static func validateModel(_ input: JSONValue, at loc: [JSONValue], schema: WireSchema2026) -> ModelResult<TrainingConfig> {
        var issues: [ValidationIssue] = []
        guard var m = ModelInput.open(input, at: loc, issues: &issues) else { return ModelResult(result: .failure(issues)) }
        let architecture = m.model("architecture_config", ArchitectureConfig.validateModel)
        let optimizer = m.field("optimizer_config", OptimizerConfig.validate)
        let trainBatch = m.int("train_batch_size", bounds: [IntBound(kind: .gt, value: 0)])
        let valBatch = m.int("val_batch_size", bounds: [IntBound(kind: .gt, value: 0)])
        let nEvals = m.int("n_evals", default: 16, bounds: [IntBound(kind: .gt, value: 0)])
        let tokens = m.int("total_train_tokens", bounds: [IntBound(kind: .le, value: TrainingConfig.maximumTrainTokens),
                                                          IntBound(kind: .gt, value: 0)])
        var runtimeBounds: [FloatBound] = []
        if let le = schema.maxRuntimeUpperBound {
            // The schema writes the bound as the int `60 * 60 * 12`; pydantic's message shows it so.
            runtimeBounds.append(FloatBound(kind: .le, value: le, shown: le == le.rounded() ? String(Int(le)) : FloatText.python(le)))
        }
        runtimeBounds.append(FloatBound(kind: .ge, value: 1, shown: "1"))
        let runtime = m.float("max_runtime_seconds", bounds: runtimeBounds)
        let seed = m.int("model_seed", default: 0, bounds: [IntBound(kind: .ge, value: 0)])
        let fieldIssues = m.finish(declared: fieldNames)
        guard fieldIssues.isEmpty, let architecture, let optimizer, let trainBatch, let valBatch, let nEvals,
              let tokens, let runtime, let seed
        else { return ModelResult(result: .failure(fieldIssues), unrepresentable: m.unrepresentable) }
        let config = TrainingConfig(
            architecture: architecture, optimizer: optimizer, trainBatchSize: trainBatch, valBatchSize: valBatch,
            nEvals: nEvals, totalTrainTokens: tokens, maxRuntimeSeconds: runtime, modelSeed: seed)
        if let message = config.firstBrokenRule {
            return ModelResult(result: .failure([.valueError(at: loc, message: message, input: input)]))
        }
        return ModelResult(result: .success(config), unrepresentable: m.unrepresentable)
    }

    /// The message of the first cross-field rule (§3.5) this config breaks, `nil` when it keeps
    /// them all. Products that overflow `Int` are unequal to (and do not divide) any value the
    /// fields can hold, as in Python's unbounded arithmetic.
    public var firstBrokenRule: String? {
        let a = architecture
        let (perStep, stepOverflow) = Self.sequenceLength.multipliedReportingOverflow(by: trainBatchSize)
        if stepOverflow || totalTrainTokens % perStep != 0 {
            return "total_train_tokens must be divisible by seq_len * train_batch_size"
        }
        if (totalTrainTokens / perStep) % nEvals != 0 { return "total optimizer steps must be divisible by n_evals" }
        let (perVal, valOverflow) = Self.sequenceLength.multipliedReportingOverflow(by: valBatchSize)
        if valOverflow || Self.validationTokens % perVal != 0 {
            return "n_val_tokens must be divisible by seq_len * val_batch_size"
        }
        let positives: [(String, Int)] = [
            ("head_dim", a.headDim), ("hidden_size", a.hiddenSize), ("intermediate_size", a.intermediateSize),
            ("num_attention_heads", a.numAttentionHeads), ("num_hidden_layers", a.numHiddenLayers),
            ("num_key_value_heads", a.numKeyValueHeads), ("vocab_size", a.vocabSize),
        ]
        for (name, value) in positives where value <= 0 { return "\(name) must be positive" }
        let (width, widthOverflow) = a.numAttentionHeads.multipliedReportingOverflow(by: a.headDim)
        if widthOverflow || a.hiddenSize != width { return "hidden_size must equal num_attention_heads * head_dim" }
        if a.numAttentionHeads % a.numKeyValueHeads != 0 { return "num_attention_heads must be divisible by num_key_value_heads" }
        if a.numKeyValueHeads != a.numAttentionHeads {
            return "num_key_value_heads must equal num_attention_heads; GQA is not supported"
        }
        if a.headDim % 2 != 0 { return "head_dim must be even for RoPE" }
        if a.intermediateSize < a.hiddenSize { return "intermediate_size should usually >= hidden_size" }
        if a.rmsNormEps <= 0 { return "rms_norm_eps must be positive" }
        if a.ropeTheta <= 0 { return "rope_theta must be positive" }
        let s = optimizer.schedule
        if !(0 <= s.warmupFraction && s.warmupFraction < 1) { return "warmup_frac must be in [0, 1)" }
        if !(0 <= s.finalLRFraction && s.finalLRFraction <= 1) { return "final_lr_frac must be in [0, 1]" }
        if s.initValue < 0 { return "initial learning rate must be nonnegative" }
        if s.peakValue <= 0 { return "peak learning rate must be positive" }
        if let clip = optimizer.gradClipNorm, clip <= 0 { return "grad_clip_norm must be positive or None" }
        if case .adamW(let c) = optimizer {
            if c.weightDecay < 0 { return "weight_decay must be nonnegative" }
            if !(0 <= c.beta1 && c.beta1 < 1) { return "beta1 must be in [0, 1)" }
            if !(0 <= c.beta2 && c.beta2 < 1) { return "beta2 must be in [0, 1)" }
            if c.eps <= 0 { return "eps must be positive" }
            if c.epsRoot < 0 { return "eps_root must be nonnegative" }
        }
        return nil
    }

    /// Whether a float of this config is NaN or infinite. pydantic accepts such values where
    /// no bound or rule excludes them (`rms_norm_eps: NaN`, and in 26.0.2 `max_runtime_seconds:
    /// Infinity`); the real app then fails on its way to the database (Postgres' JSONB refuses
    /// NaN and infinities) unless an earlier check answers first — for an infinite
    /// `max_runtime_seconds`, the budget check's 400.
    public var containsNonFiniteFloat: Bool {
        let s = optimizer.schedule
        var floats = [architecture.rmsNormEps, maxRuntimeSeconds, s.peakValue, s.finalLRFraction, s.warmupFraction, s.initValue]
        if let clip = optimizer.gradClipNorm { floats.append(clip) }
        if case .adamW(let c) = optimizer { floats += [c.weightDecay, c.beta1, c.beta2, c.eps, c.epsRoot] }
        return floats.contains { !$0.isFinite }
    }
}

extension ArchitectureConfig {
    static let fieldNames = ["attention_bias", "head_dim", "hidden_size", "intermediate_size", "num_attention_heads",
                             "num_hidden_layers", "num_key_value_heads", "rms_norm_eps", "rope_theta",
                             "tie_word_embeddings", "dtype", "vocab_size"]

    /// `dtype`'s literal, as pydantic quotes it.
    static let dtypeExpected = "'float32' or 'bfloat16'"

    static func validateModel(_ input: JSONValue, at loc: [JSONValue]) -> ModelResult<ArchitectureConfig> {
        var issues: [ValidationIssue] = []
        guard var m = ModelInput.open(input, at: loc, issues: &issues) else { return ModelResult(result: .failure(issues)) }
        let bias = m.bool("attention_bias")
        let headDim = m.int("head_dim")
        let hidden = m.int("hidden_size")
        let ffn = m.int("intermediate_size")
        let heads = m.int("num_attention_heads")
        let layers = m.int("num_hidden_layers")
        let kv = m.int("num_key_value_heads")
        let eps = m.float("rms_norm_eps")
        let theta = m.int("rope_theta")
        let tie = m.bool("tie_word_embeddings")
        let dtype: ModelDType? = m.field("dtype") { v, at in
            if case .string(let s) = v, let d = ModelDType(rawValue: s) { return .success(d) }
            return .failure([.literalError(at: at, input: v, expected: dtypeExpected)])
        }
        let vocab = m.int("vocab_size")
        let found = m.finish(declared: fieldNames)
        guard found.isEmpty, let bias, let headDim, let hidden, let ffn, let heads, let layers, let kv, let eps,
              let theta, let tie, let dtype, let vocab
        else { return ModelResult(result: .failure(found), unrepresentable: m.unrepresentable) }
        return ModelResult(
            result: .success(ArchitectureConfig(
                attentionBias: bias, headDim: headDim, hiddenSize: hidden, intermediateSize: ffn,
                numAttentionHeads: heads, numHiddenLayers: layers, numKeyValueHeads: kv, rmsNormEps: eps,
                ropeTheta: theta, tieWordEmbeddings: tie, dtype: dtype, vocabSize: vocab)),
            unrepresentable: m.unrepresentable)
    }
}

extension WarmupCosineSchedule {
    static let fieldNames = ["peak_value", "final_lr_frac", "warmup_frac", "init_value"]

    static func validate(_ input: JSONValue, at loc: [JSONValue]) -> Result<WarmupCosineSchedule, [ValidationIssue]> {
        var issues: [ValidationIssue] = []
        guard var m = ModelInput.open(input, at: loc, issues: &issues) else { return .failure(issues) }
        let d = WarmupCosineSchedule()
        let peak = m.float("peak_value", default: d.peakValue)
        let final = m.float("final_lr_frac", default: d.finalLRFraction)
        let warmup = m.float("warmup_frac", default: d.warmupFraction)
        let initial = m.float("init_value", default: d.initValue)
        let found = m.finish(declared: fieldNames)
        guard found.isEmpty, let peak, let final, let warmup, let initial else { return .failure(found) }
        return .success(WarmupCosineSchedule(peakValue: peak, finalLRFraction: final, warmupFraction: warmup, initValue: initial))
    }
}

extension SGDConfig {
    static let fieldNames = ["lr_scheduler", "grad_clip_norm"]

    static func validate(_ input: JSONValue, at loc: [JSONValue]) -> Result<SGDConfig, [ValidationIssue]> {
        var issues: [ValidationIssue] = []
        guard var m = ModelInput.open(input, at: loc, issues: &issues) else { return .failure(issues) }
        let schedule = m.field("lr_scheduler", WarmupCosineSchedule.validate)
        let clip = m.optionalFloat("grad_clip_norm", default: 1.0)
        let found = m.finish(declared: fieldNames)
        guard found.isEmpty, let schedule, let clip else { return .failure(found) }
        return .success(SGDConfig(lrScheduler: schedule, gradClipNorm: clip))
    }
}

extension AdamWConfig {
    static let fieldNames = ["lr_scheduler", "weight_decay", "beta1", "beta2", "eps", "eps_root", "grad_clip_norm"]

    static func validate(_ input: JSONValue, at loc: [JSONValue]) -> Result<AdamWConfig, [ValidationIssue]> {
        var issues: [ValidationIssue] = []
        guard var m = ModelInput.open(input, at: loc, issues: &issues) else { return .failure(issues) }
        let d = AdamWConfig()
        let schedule = m.field("lr_scheduler", default: d.lrScheduler, WarmupCosineSchedule.validate)
        let wd = m.float("weight_decay", default: d.weightDecay)
        let b1 = m.float("beta1", default: d.beta1)
        let b2 = m.float("beta2", default: d.beta2)
        let eps = m.float("eps", default: d.eps)
        let epsRoot = m.float("eps_root", default: d.epsRoot)
        let clip = m.optionalFloat("grad_clip_norm", default: d.gradClipNorm)
        let found = m.finish(declared: fieldNames)
        guard found.isEmpty, let schedule, let wd, let b1, let b2, let eps, let epsRoot, let clip else { return .failure(found) }
        return .success(AdamWConfig(lrScheduler: schedule, weightDecay: wd, beta1: b1, beta2: b2, eps: eps,
                                    epsRoot: epsRoot, gradClipNorm: clip))
    }
}

extension OptimizerConfig {
    /// The union's member names, as pydantic tags them in `loc`.
    public static let sgdTag = "SGDConfig", adamWTag = "AdamWConfig"

    /// Smart-mode union resolution (§3.3): see `TrainingConfig.validate`.
    static func validate(_ input: JSONValue, at loc: [JSONValue]) -> Result<OptimizerConfig, [ValidationIssue]> {
        let sgd = SGDConfig.validate(input, at: loc + [.string(sgdTag)])
        if case .success(let c) = sgd { return .success(.sgd(c)) }
        let adamW = AdamWConfig.validate(input, at: loc + [.string(adamWTag)])
        if case .success(let c) = adamW { return .success(.adamW(c)) }
        var issues: [ValidationIssue] = []
        if case .failure(let e) = sgd { issues += e }
        if case .failure(let e) = adamW { issues += e }
        return .failure(issues)
    }
}
