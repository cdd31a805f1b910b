import Synchronization
/// A validated TrainingConfig on the wire: the normalised, default-filled object the service
/// echoes in every response (docs/api-2026-contract.md §3.4), and its duplicate key (§7).
extension TrainingConfig {
    /// The normalised form in wire order: every default filled in; an SGD optimizer has its two
    /// keys, an AdamW one all seven (which is how the wire tells them apart). Write it with
    /// `JSONText.pydantic` for a response, or send it as a request (the official client does).
    public var wireJSON: JSONValue {
        let a = architecture
        return .object([
            "architecture_config": .object([
                "attention_bias": .bool(a.attentionBias), "head_dim": .int(a.headDim), "hidden_size": .int(a.hiddenSize),
                "intermediate_size": .int(a.intermediateSize), "num_attention_heads": .int(a.numAttentionHeads),
                "num_hidden_layers": .int(a.numHiddenLayers), "num_key_value_heads": .int(a.numKeyValueHeads),
                "rms_norm_eps": .double(a.rmsNormEps), "rope_theta": .int(a.ropeTheta),
                "tie_word_embeddings": .bool(a.tieWordEmbeddings), "dtype": .string(a.dtype.rawValue),
                "vocab_size": .int(a.vocabSize),
            ]),
            "optimizer_config": optimizer.wireJSON,
            "train_batch_size": .int(trainBatchSize), "val_batch_size": .int(valBatchSize), "n_evals": .int(nEvals),
            "total_train_tokens": .int(totalTrainTokens), "max_runtime_seconds": .double(maxRuntimeSeconds),
            "model_seed": .int(modelSeed),
        ])
    }

    /// Reads a config the way the server reads one (lax, defaults filled, the union resolved
    /// as in §3.3), with no upper bound on `max_runtime_seconds` so that a 26.0.2 answer
    /// reads under either version. Any validation issue becomes a `WireDecodingError`.
    public init(json: JSONValue) throws(WireDecodingError) {
        switch Self.validate(json, at: [], schema: .v26_0_2) {
        case .success(let c): self = c
        case .failure(let issues):
            let first = issues[0]
            let path = first.loc.map { v -> String in
                switch v {
                case .string(let s): s
                case .int(let i): "[\(i)]"
                default: JSONText.python(v)
                }
            }.joined(separator: ".")
            throw WireDecodingError(path: path, problem: "\(first.msg) (\(first.type); input \(JSONText.python(first.input).prefix(80)))")
        }
    }

    /// Python's module path of each model, as §7's canonical form names them.
    static let canonicalTypeNames = (
        config: "cs336_scaling.training.training_config.TrainingConfig",
        architecture: "cs336_scaling.training.model.basic_model.BasicTransformerConfig",
        schedule: "cs336_scaling.training.optimizer.WarmupCosineDecay",
        sgd: "cs336_scaling.training.optimizer.SGDConfig",
        adamW: "cs336_scaling.training.optimizer.AdamWConfig"
    )

    /// §7's canonical form: each model as `{"__type__": <module.Class>, "__value__": {fields}}`,
    /// keys sorted, ASCII-only, floats in Python's `repr`.
    public var canonicalText: String {
        func model(_ type: String, _ value: JSONValue) -> JSONValue {
            .object(["__type__": .string(type), "__value__": value])
        }
        guard case .object(var top) = wireJSON else { return "" }
        let names = Self.canonicalTypeNames
        for i in top.indices {
            switch top[i].key {
            case "architecture_config": top[i].value = model(names.architecture, top[i].value)
            case "optimizer_config":
                guard case .object(var opt) = top[i].value else { break }
                for j in opt.indices where opt[j].key == "lr_scheduler" { opt[j].value = model(names.schedule, opt[j].value) }
                let type: String = if case .sgd = optimizer { names.sgd } else { names.adamW }
                top[i].value = model(type, .object(opt))
            default: break
            }
        }
        return JSONText.pythonCanonical(model(names.config, .object(top)))
    }

    /// The service's `training_config_unique_id`: BLAKE2s with `digest_size=10` (the real
    /// 10-byte parameterisation) of `canonicalText`, as 20 lowercase hex digits. Two configs are
    /// duplicates exactly when these agree (§7).
    ///
    /// Memoised per config value (a campaign asks for the same configs' IDs on every round;
    /// building the canonical text and hashing it is the cost): `computeUniqueID` is the
    /// definition.
    public var uniqueID: String { UniqueIDMemo.shared.id(of: self) }

    /// `uniqueID` without the memo.
    public var computeUniqueID: String {
        BLAKE2s.hash(Array(canonicalText.utf8), digestSize: 10).map { byte in
            let h = String(byte, radix: 16)
            return byte < 16 ? "0" + h : h
        }.joined()
    }
}

extension TrainingConfig {
    /// Whether any floating-point field is -0.0.
    var hasNegativeZero: Bool {
        let s = optimizer.schedule
        var values = [architecture.rmsNormEps, s.peakValue, s.finalLRFraction, s.warmupFraction, s.initValue, maxRuntimeSeconds]
        if let clip = optimizer.gradClipNorm { values.append(clip) }
        if case .adamW(let a) = optimizer { values += [a.weightDecay, a.beta1, a.beta2, a.eps, a.epsRoot] }
        return values.contains { $0 == 0 && $0.sign == .minus }
    }
}

/// The configs' IDs seen lately, shared by every thread; emptied when it reaches `capacity`
/// (so a long-running server's memory stays bounded).
final class UniqueIDMemo: Sendable {
    static let shared = UniqueIDMemo()
    static let capacity = 65_536
    private let ids = Mutex<[TrainingConfig: String]>([:])

    func id(of config: TrainingConfig) -> String {
        // -0.0 == 0.0 as Doubles (and as dictionary keys) but they are written, so hashed,
        // differently: such configs skip the memo.
        guard !config.hasNegativeZero else { return config.computeUniqueID }
        if let known = ids.withLock({ $0[config] }) { return known }
        let id = config.computeUniqueID
        ids.withLock { table in
            if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
            table[config] = id
        }
        return id
    }
}

extension OptimizerConfig {
    /// The normalised optimizer object: SGD `{lr_scheduler, grad_clip_norm}`, AdamW all seven keys.
    public var wireJSON: JSONValue {
        switch self {
        case .sgd(let c):
            return .object(["lr_scheduler": c.lrScheduler.wireJSON, "grad_clip_norm": .double(c.gradClipNorm)])
        case .adamW(let c):
            return .object([
                "lr_scheduler": c.lrScheduler.wireJSON, "weight_decay": .double(c.weightDecay), "beta1": .double(c.beta1),
                "beta2": .double(c.beta2), "eps": .double(c.eps), "eps_root": .double(c.epsRoot),
                "grad_clip_norm": .double(c.gradClipNorm),
            ])
        }
    }
}

extension WarmupCosineSchedule {
    public var wireJSON: JSONValue {
        .object([
            "peak_value": .double(peakValue), "final_lr_frac": .double(finalLRFraction),
            "warmup_frac": .double(warmupFraction), "init_value": .double(initValue),
        ])
    }
}
