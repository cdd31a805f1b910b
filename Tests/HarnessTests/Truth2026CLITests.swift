import Foundation
import Testing

/// `harness truth` on a 2026 scenario, run as the built binary.
@Suite struct Truth2026CLITests {
    static let handout = """
        {"architecture_config":{"attention_bias":false,"head_dim":64,"hidden_size":448,"intermediate_size":1280,"num_attention_heads":7,"num_hidden_layers":9,"num_key_value_heads":7,"rms_norm_eps":1e-6,"rope_theta":1000000,"tie_word_embeddings":false,"dtype":"bfloat16","vocab_size":32000},"optimizer_config":{"lr_scheduler":{"peak_value":0.0003,"final_lr_frac":0.1,"warmup_frac":0.05,"init_value":0.0},"weight_decay":0.01,"beta1":0.9,"beta2":0.95,"eps":1e-8,"eps_root":1e-8,"grad_clip_norm":1.0},"train_batch_size":128,"val_batch_size":32,"n_evals":16,"total_train_tokens":8388608,"max_runtime_seconds":%RUNTIME%,"model_seed":0}
        """

    static func write(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("truth2026-\(UUID().uuidString).json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func json(_ result: HarnessProcess.Result) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func anExperimentPrintsItsOutcomeAsJSON() throws {
        let file = try Self.write(Self.handout.replacingOccurrences(of: "%RUNTIME%", with: "60.0"))
        let result = HarnessProcess.run(["truth", "--scenario", "cs336-2026-live", "--experiment", file, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let o = try Self.json(result)
        #expect(o["outcome"] as? String == "completed")
        let losses = try #require(o["val_losses"] as? [Double])
        #expect(losses.count == 16)
        #expect(o["final_loss"] as? Double == losses.last)
        #expect(((o["runtime_seconds"] as? Double) ?? 0) > 5)
        #expect(((o["peak_memory_bytes"] as? Double) ?? 0) > 1e9)
    }

    /// The notebook run takes about 10 s: under a 5 s reservation it times out with a prefix.
    @Test func aShortReservationTimesOutWithAPrefix() throws {
        let file = try Self.write(Self.handout.replacingOccurrences(of: "%RUNTIME%", with: "5.0"))
        let o = try Self.json(HarnessProcess.run(["truth", "--scenario", "cs336-2026-live", "--experiment", file, "--json"]))
        #expect(o["outcome"] as? String == "timeout")
        let losses = try #require(o["val_losses"] as? [Double])
        #expect(losses.count > 0 && losses.count < 16)
    }

    @Test func withoutAnExperimentItPrintsTheTarget() throws {
        let result = HarnessProcess.run(["truth", "--scenario", "cs336-2026-live"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("best configuration: d "))
        #expect(result.stdout.contains("expected loss 3."))
    }

    @Test func aBadFileIsNamedWithTheField() throws {
        let bad = Self.handout.replacingOccurrences(of: "%RUNTIME%", with: "60.0").replacingOccurrences(of: "\"model_seed\":0", with: "\"model_seed\":0,\"seq_len\":512")
        let file = try Self.write(bad)
        let result = HarnessProcess.run(["truth", "--scenario", "cs336-2026-live", "--experiment", file, "--json"])
        #expect(result.status == 1)
        #expect(result.firstError.contains("the service would answer 422: body.seq_len: Extra inputs are not permitted (extra_forbidden)"), "\(result.stderr)")
        let tokens = Self.handout.replacingOccurrences(of: "%RUNTIME%", with: "60.0").replacingOccurrences(of: "8388608", with: "8388609")
        let second = HarnessProcess.run(["truth", "--scenario", "cs336-2026-live", "--experiment", try Self.write(tokens)])
        #expect(second.status == 1)
        #expect(second.firstError.contains("total_train_tokens must be divisible by seq_len * train_batch_size"), "\(second.stderr)")
        let huge = Self.handout.replacingOccurrences(of: "%RUNTIME%", with: "60.0").replacingOccurrences(of: "\"num_hidden_layers\":9", with: "\"num_hidden_layers\":100000")
        let third = HarnessProcess.run(["truth", "--scenario", "cs336-2026-live", "--experiment", try Self.write(huge)])
        #expect(third.status == 1)
        #expect(third.firstError.contains("num_hidden_layers = 100000 is beyond what the truth models (at most 4096)"), "\(third.stderr)")
        let missing = HarnessProcess.run(["truth", "--scenario", "cs336-2026-live", "--experiment", "/nonexistent/config.json"])
        #expect(missing.status == 1)
        #expect(missing.firstError.contains("/nonexistent/config.json: cannot be read"))
    }

    @Test func anExperimentNeedsA2026Scenario() {
        let result = HarnessProcess.run(["truth", "--scenario", "cs336-live", "--experiment", "x.json"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--experiment needs a 2026 scenario"))
    }

    @Test func scenariosListsBothProtocols() throws {
        let text = HarnessProcess.run(["scenarios"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("API 2025:") && text.stdout.contains("API 2026:"))
        #expect(text.stdout.contains("cs336-2026-live") && text.stdout.contains("chinchilla-2022"))
        let json = try #require(JSONSerialization.jsonObject(with: Data(HarnessProcess.run(["scenarios", "--json"]).stdout.utf8)) as? [[String: Any]])
        #expect(json.contains { $0["name"] as? String == "cs336-2026-live" && $0["api"] as? Int == 2026 && $0["file"] as? String == "scenarios/2026/cs336-2026-live.yaml" })
    }
}
