import Foundation
import Scaling

/// Reads `harness truth --experiment FILE`: a TrainingConfig JSON as POSTed to `/submit`
/// (`api-2026/README.md` §3), unknown keys refused, defaults filled, the cross-field rules the
/// truth's arithmetic relies on checked (§3.5: token divisibility, n_evals, val batch, positive
/// sizes, heads × head_dim).
///
/// Interim: once the wire branch (`wire2026`) lands, this is to be replaced by its
/// `TrainingConfig.validate(_:at:schema:)`, which reproduces every 422 of the real service.
enum ExperimentFile2026 {
    struct Failure: Error, CustomStringConvertible {
        let file: String
        let field: String
        let problem: String
        var description: String { "\(file): \(field.isEmpty ? "" : field + ": ")\(problem)" }
    }

    static func load(path: String) throws(Failure) -> TrainingConfig {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw Failure(file: path, field: "", problem: "cannot be read (expected a TrainingConfig JSON file)")
        }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw Failure(file: path, field: "", problem: "not valid JSON (expected a TrainingConfig object as POSTed to /submit)")
        }
        return try Reader(file: path).config(object)
    }

    private struct Reader {
        let file: String

        /// JSON true/false arrive as NSNumber too; their encoding is a C char.
        func isBool(_ n: NSNumber) -> Bool { String(cString: n.objCType) == "c" }

        func fail(_ field: String, _ problem: String) -> Failure { Failure(file: file, field: field, problem: problem) }

        func object(_ value: Any?, _ field: String, keys: [String]) throws(Failure) -> [String: Any] {
            guard let o = value as? [String: Any] else { throw fail(field, "expected an object with the keys \(keys.joined(separator: ", "))") }
            for k in o.keys.sorted() where !keys.contains(k) {
                throw fail(field.isEmpty ? k : field + "." + k, "unknown key (extra_forbidden); \(field.isEmpty ? "a TrainingConfig" : field) accepts only \(keys.joined(separator: ", "))")
            }
            return o
        }

        func int(_ o: [String: Any], _ key: String, _ field: String, default d: Int? = nil) throws(Failure) -> Int {
            let name = field.isEmpty ? key : field + "." + key
            guard let v = o[key] else {
                if let d { return d }
                throw fail(name, "missing (required)")
            }
            guard let n = v as? NSNumber, !isBool(n), let i = Int(exactly: n.doubleValue),
                  Double(i) == n.doubleValue else {
                throw fail(name, "\(v) is not an integer")
            }
            return i
        }

        func double(_ o: [String: Any], _ key: String, _ field: String, default d: Double? = nil) throws(Failure) -> Double {
            let name = field.isEmpty ? key : field + "." + key
            guard let v = o[key] else {
                if let d { return d }
                throw fail(name, "missing (required)")
            }
            guard let n = v as? NSNumber, !isBool(n), n.doubleValue.isFinite else {
                throw fail(name, "\(v) is not a finite number")
            }
            return n.doubleValue
        }

        func bool(_ o: [String: Any], _ key: String, _ field: String) throws(Failure) -> Bool {
            guard let v = o[key] else { throw fail(field + "." + key, "missing (required)") }
            guard let n = v as? NSNumber, isBool(n) else {
                throw fail(field + "." + key, "\(v) is not true or false")
            }
            return n.boolValue
        }

        func clip(_ o: [String: Any], _ field: String) throws(Failure) -> Double? {
            guard let v = o["grad_clip_norm"] else { return 1.0 }
            if v is NSNull { return nil }
            return try double(o, "grad_clip_norm", field)
        }

        func config(_ value: Any) throws(Failure) -> TrainingConfig {
            let top = try object(value, "", keys: ["architecture_config", "optimizer_config", "train_batch_size", "val_batch_size",
                                                    "n_evals", "total_train_tokens", "max_runtime_seconds", "model_seed"])
            let archKeys = ["attention_bias", "head_dim", "hidden_size", "intermediate_size", "num_attention_heads", "num_hidden_layers",
                            "num_key_value_heads", "rms_norm_eps", "rope_theta", "tie_word_embeddings", "dtype", "vocab_size"]
            guard top["architecture_config"] != nil else { throw fail("architecture_config", "missing (required)") }
            let a = try object(top["architecture_config"], "architecture_config", keys: archKeys)
            let f = "architecture_config"
            guard let dtypeName = a["dtype"] as? String, let dtype = ModelDType(rawValue: dtypeName) else {
                throw fail(f + ".dtype", "\(a["dtype"] ?? "missing") is not one of float32, bfloat16")
            }
            let arch = ArchitectureConfig(
                attentionBias: try bool(a, "attention_bias", f), headDim: try int(a, "head_dim", f),
                hiddenSize: try int(a, "hidden_size", f), intermediateSize: try int(a, "intermediate_size", f),
                numAttentionHeads: try int(a, "num_attention_heads", f), numHiddenLayers: try int(a, "num_hidden_layers", f),
                numKeyValueHeads: try int(a, "num_key_value_heads", f), rmsNormEps: try double(a, "rms_norm_eps", f),
                ropeTheta: try int(a, "rope_theta", f), tieWordEmbeddings: try bool(a, "tie_word_embeddings", f),
                dtype: dtype, vocabSize: try int(a, "vocab_size", f))

            guard let rawOpt = top["optimizer_config"], !(rawOpt is NSNull) else { throw fail("optimizer_config", "missing (required; null is rejected)") }
            let adamOnly = ["weight_decay", "beta1", "beta2", "eps", "eps_root"]
            let o = try object(rawOpt, "optimizer_config", keys: ["lr_scheduler", "grad_clip_norm"] + adamOnly)
            let schedule: WarmupCosineSchedule
            if let s = o["lr_scheduler"] {
                let sf = "optimizer_config.lr_scheduler"
                let so = try object(s, sf, keys: ["peak_value", "final_lr_frac", "warmup_frac", "init_value"])
                schedule = WarmupCosineSchedule(
                    peakValue: try double(so, "peak_value", sf, default: 3e-4), finalLRFraction: try double(so, "final_lr_frac", sf, default: 0.1),
                    warmupFraction: try double(so, "warmup_frac", sf, default: 0.05), initValue: try double(so, "init_value", sf, default: 0))
            } else {
                schedule = WarmupCosineSchedule()
            }
            let of = "optimizer_config"
            let optimizer: OptimizerConfig
            // The union (§3.3): an AdamW-only key, or no lr_scheduler, makes AdamW; else SGD.
            if o.keys.contains(where: adamOnly.contains) || o["lr_scheduler"] == nil {
                optimizer = .adamW(AdamWConfig(
                    lrScheduler: schedule, weightDecay: try double(o, "weight_decay", of, default: 0.01),
                    beta1: try double(o, "beta1", of, default: 0.9), beta2: try double(o, "beta2", of, default: 0.95),
                    eps: try double(o, "eps", of, default: 1e-8), epsRoot: try double(o, "eps_root", of, default: 1e-8),
                    gradClipNorm: try clip(o, of)))
            } else {
                optimizer = .sgd(SGDConfig(lrScheduler: schedule, gradClipNorm: try clip(o, of)))
            }
            let config = TrainingConfig(
                architecture: arch, optimizer: optimizer, trainBatchSize: try int(top, "train_batch_size", ""),
                valBatchSize: try int(top, "val_batch_size", ""), nEvals: try int(top, "n_evals", "", default: 16),
                totalTrainTokens: try int(top, "total_train_tokens", ""),
                maxRuntimeSeconds: try double(top, "max_runtime_seconds", ""), modelSeed: try int(top, "model_seed", "", default: 0))
            try check(config)
            return config
        }

        /// Field bounds and the cross-field rules of §3.5 that the truth's arithmetic needs.
        func check(_ c: TrainingConfig) throws(Failure) {
            let a = c.architecture
            for (name, v) in [("train_batch_size", c.trainBatchSize), ("val_batch_size", c.valBatchSize), ("n_evals", c.nEvals),
                              ("total_train_tokens", c.totalTrainTokens)] where v <= 0 {
                throw fail(name, "\(v) must be > 0")
            }
            if c.totalTrainTokens > TrainingConfig.maximumTrainTokens {
                throw fail("total_train_tokens", "\(c.totalTrainTokens) must be <= \(TrainingConfig.maximumTrainTokens)")
            }
            if !(c.maxRuntimeSeconds >= 1) { throw fail("max_runtime_seconds", "\(c.maxRuntimeSeconds) must be >= 1") }
            if c.modelSeed < 0 { throw fail("model_seed", "\(c.modelSeed) must be >= 0") }
            if c.trainBatchSize > Int.max / 512 || c.totalTrainTokens % (512 * c.trainBatchSize) != 0 {
                throw fail("total_train_tokens", "total_train_tokens must be divisible by seq_len * train_batch_size (512 * \(c.trainBatchSize))")
            }
            if (c.totalTrainTokens / (512 * c.trainBatchSize)) % c.nEvals != 0 {
                throw fail("n_evals", "total optimizer steps must be divisible by n_evals")
            }
            if c.valBatchSize > 512 || TrainingConfig.validationTokens % (512 * c.valBatchSize) != 0 {
                throw fail("val_batch_size", "n_val_tokens must be divisible by seq_len * val_batch_size (val_batch_size in 1, 2, 4, ..., 512)")
            }
            for (name, v) in [("head_dim", a.headDim), ("hidden_size", a.hiddenSize), ("intermediate_size", a.intermediateSize),
                              ("num_attention_heads", a.numAttentionHeads), ("num_hidden_layers", a.numHiddenLayers),
                              ("num_key_value_heads", a.numKeyValueHeads), ("vocab_size", a.vocabSize)] where v <= 0 {
                throw fail("architecture_config." + name, "\(name) must be positive")
            }
            for (name, v) in [("hidden_size", a.hiddenSize), ("intermediate_size", a.intermediateSize),
                              ("num_hidden_layers", a.numHiddenLayers), ("vocab_size", a.vocabSize)] where v > 1 << 20 {
                throw fail("architecture_config." + name, "\(v) is beyond what the truth models (at most \(1 << 20))")
            }
            if a.numAttentionHeads.multipliedReportingOverflow(by: a.headDim).partialValue != a.hiddenSize {
                throw fail("architecture_config.hidden_size", "hidden_size must equal num_attention_heads * head_dim")
            }
            if a.numKeyValueHeads != a.numAttentionHeads {
                throw fail("architecture_config.num_key_value_heads", "num_key_value_heads must equal num_attention_heads; GQA is not supported")
            }
            if a.headDim % 2 != 0 { throw fail("architecture_config.head_dim", "head_dim must be even for RoPE") }
            if a.intermediateSize < a.hiddenSize {
                throw fail("architecture_config.intermediate_size", "intermediate_size should usually >= hidden_size")
            }
            let s = c.optimizer.schedule
            if !(s.warmupFraction >= 0 && s.warmupFraction < 1) {
                throw fail("optimizer_config.lr_scheduler.warmup_frac", "warmup_frac must be in [0, 1)")
            }
            if !(s.peakValue > 0) { throw fail("optimizer_config.lr_scheduler.peak_value", "\(s.peakValue) must be > 0") }
        }
    }
}
