import Foundation
import Scaling
import SyntheticTrainer
@testable import MockAPIServer

/// A 2026 service over the test-double truth, and requests to it in process.
struct Service2026 {
    let api: TrainingAPI2026

    init(behaviour: ServiceBehaviour2026 = quietBehaviour(), options: TrainingAPI2026.Options = .init(seed: 1),
         store: StateStore2026? = nil) throws {
        api = try TrainingAPI2026(truth: FormulaTruth2026(), behaviour: behaviour, options: options, store: store)
    }

    func send(_ method: String, _ path: String, key: String? = nil, body: String? = nil,
              headers: [TransportRequest.Header] = [], query: String = "") -> APIResponse {
        var h = headers
        if let key { h.append(.init("X-API-Key", key)) }
        if body != nil { h.append(.init("Content-Type", "application/json")) }
        return api.respondNow(to: TransportRequest(method: .init(rawValue: method), path: path, query: query, headers: h,
                                                   body: Data((body ?? "").utf8)))
    }

    func header(_ r: APIResponse, _ name: String) -> String? {
        r.headerFields.first { $0.name.lowercased() == name }?.value
    }
}

/// The normalised handout config of §3.4 with another runtime or seed, as a client sends it.
func configJSON(maxRuntime: String = "30.0", seed: Int = 0, optimizer: String? = nil, hidden: Int = 448, heads: Int = 7) -> String {
    let adamW = #"{"lr_scheduler":{"peak_value":0.0003,"final_lr_frac":0.1,"warmup_frac":0.05,"init_value":0.0},"weight_decay":0.01,"beta1":0.9,"beta2":0.95,"eps":1e-8,"eps_root":1e-8,"grad_clip_norm":1.0}"#
    return #"{"architecture_config":{"attention_bias":false,"head_dim":64,"hidden_size":\#(hidden),"intermediate_size":1280,"num_attention_heads":\#(heads),"num_hidden_layers":9,"num_key_value_heads":\#(heads),"rms_norm_eps":1e-6,"rope_theta":1000000,"tie_word_embeddings":false,"dtype":"bfloat16","vocab_size":32000},"optimizer_config":\#(optimizer ?? adamW),"train_batch_size":128,"val_batch_size":32,"n_evals":16,"total_train_tokens":1048576,"max_runtime_seconds":\#(maxRuntime),"model_seed":\#(seed)}"#
}

/// `Tests/Fixtures/api2026/contract/`: the real app's probes and OpenAPI document, copied into the
/// repository so the conformance suite runs on a clean clone.
let sharedAPI2026 = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/api2026/contract")
