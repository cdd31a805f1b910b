import Foundation
import Scaling

/// The 177 real 2026 experiments of `data/live-2026/runs.json`, read into TrainingConfigs.
struct LiveRun2026 {
    var id: String
    var config: TrainingConfig
    /// `completed`, `timeout` or `unexpected`.
    var status: String
    var failureText: String?
    var usedRuntimeSeconds: Double?
    var valLosses: [Double]
    var finalLoss: Double?
    var lossesReported: Int

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let all: [LiveRun2026] = {
        let url = root.appendingPathComponent("data/live-2026/runs.json")
        guard let data = try? Data(contentsOf: url),
              let array = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return array.compactMap(parse)
    }()

    static var completed: [LiveRun2026] { all.filter { $0.status == "completed" } }

    static func parse(_ r: [String: Any]) -> LiveRun2026? {
        guard let id = r["id"] as? String, let tc = r["training_config"] as? [String: Any],
              let a = tc["architecture_config"] as? [String: Any], let o = tc["optimizer_config"] as? [String: Any],
              let s = o["lr_scheduler"] as? [String: Any], let status = r["status"] as? [String: Any] else { return nil }
        func int(_ d: [String: Any], _ k: String) -> Int { (d[k] as? NSNumber)?.intValue ?? 0 }
        func dbl(_ d: [String: Any], _ k: String) -> Double { (d[k] as? NSNumber)?.doubleValue ?? .nan }
        let arch = ArchitectureConfig(
            attentionBias: (a["attention_bias"] as? Bool) ?? false, headDim: int(a, "head_dim"), hiddenSize: int(a, "hidden_size"),
            intermediateSize: int(a, "intermediate_size"), numAttentionHeads: int(a, "num_attention_heads"),
            numHiddenLayers: int(a, "num_hidden_layers"), numKeyValueHeads: int(a, "num_key_value_heads"),
            rmsNormEps: dbl(a, "rms_norm_eps"), ropeTheta: int(a, "rope_theta"),
            tieWordEmbeddings: (a["tie_word_embeddings"] as? Bool) ?? false,
            dtype: ModelDType(rawValue: (a["dtype"] as? String) ?? "") ?? .bfloat16, vocabSize: int(a, "vocab_size"))
        let schedule = WarmupCosineSchedule(peakValue: dbl(s, "peak_value"), finalLRFraction: dbl(s, "final_lr_frac"),
                                            warmupFraction: dbl(s, "warmup_frac"), initValue: dbl(s, "init_value"))
        let clip = o["grad_clip_norm"] as? NSNumber
        let optimizer: OptimizerConfig = o["weight_decay"] != nil
            ? .adamW(AdamWConfig(lrScheduler: schedule, weightDecay: dbl(o, "weight_decay"), beta1: dbl(o, "beta1"),
                                 beta2: dbl(o, "beta2"), eps: dbl(o, "eps"), epsRoot: dbl(o, "eps_root"), gradClipNorm: clip?.doubleValue))
            : .sgd(SGDConfig(lrScheduler: schedule, gradClipNorm: clip?.doubleValue))
        let config = TrainingConfig(
            architecture: arch, optimizer: optimizer, trainBatchSize: int(tc, "train_batch_size"),
            valBatchSize: int(tc, "val_batch_size"), nEvals: int(tc, "n_evals"), totalTrainTokens: int(tc, "total_train_tokens"),
            maxRuntimeSeconds: dbl(tc, "max_runtime_seconds"), modelSeed: int(tc, "model_seed"))
        let kind = (status["status_type"] as? String) == "completed" ? "completed" : ((status["failure_reason"] as? String) ?? "unknown")
        let losses = (r["val_losses"] as? [NSNumber]) ?? (r["partial_val_losses"] as? [NSNumber]) ?? []
        return LiveRun2026(
            id: id, config: config, status: kind, failureText: status["failure_text"] as? String,
            usedRuntimeSeconds: (r["used_runtime_seconds"] as? NSNumber)?.doubleValue,
            valLosses: losses.map(\.doubleValue), finalLoss: (r["final_loss"] as? NSNumber)?.doubleValue,
            lossesReported: (r["n_losses_reported"] as? NSNumber)?.intValue ?? 0)
    }
}
