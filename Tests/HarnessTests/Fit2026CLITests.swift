import Foundation
import Testing

/// `harness fit --api 2026`, run as the built binary.
@Suite struct Fit2026CLITests {
    /// The README's example runs, and the lines the README quotes are what it prints.
    @Test func theReadmeExampleIsTrue() throws {
        let result = HarnessProcess.run(["fit", "--api", "2026", "--runs", "data/live-2026/runs.json", "--bootstrap", "8"])
        #expect(result.status == 0, "\(result.stderr)")
        let readme = try String(contentsOf: HarnessProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("harness fit --api 2026 --runs data/live-2026/runs.json --bootstrap 8"))
        let quoted = ["Recommended final run:", "  predicted loss", "  family additive:", "  family kaplan:", "  family coupled:", "Law ("]
        for prefix in quoted {
            let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix(prefix) }, "no line '\(prefix)'")
            #expect(readme.contains(String(line)), "README does not quote: \(line)")
        }
    }

    @Test func jsonHasSnakeCaseKeysAndNoNaNStrings() throws {
        let result = HarnessProcess.run(["fit", "--api", "2026", "--runs", "data/live-2026/runs.json", "--bootstrap", "2", "--json", "--budget-seconds", "86400"])
        #expect(result.status == 0, "\(result.stderr)")
        let o = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(o["predicted_loss"] is Double)
        #expect((o["loss_interval_95"] as? [Double])?.count == 2)
        let config = try #require(o["training_config"] as? [String: Any])
        #expect(config["max_runtime_seconds"] as? Double == 86400)
        #expect(!result.stdout.contains("\"nan\"") && !result.stdout.contains("NaN"))
        for key in o.keys { #expect(key == key.lowercased(), "key \(key)") }
    }

    @Test func badInputIsAClearError() throws {
        let missing = HarnessProcess.run(["fit", "--api", "2026", "--runs", "no-such-file.json"])
        #expect(missing.status != 0)
        #expect(missing.firstError.contains("no-such-file.json"))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fit2026-\(UUID().uuidString).json")
        try #"[{"experiment_id": 1, "training_config": {}, "status": {"status_type": "completed"}}]"#.write(to: url, atomically: true, encoding: .utf8)
        let bad = HarnessProcess.run(["fit", "--api", "2026", "--runs", url.path])
        #expect(bad.status != 0)
        #expect(bad.firstError.contains("record 0"), "\(bad.stderr)")
        let wrongAPI = HarnessProcess.run(["fit", "--runs", url.path, "--json"])
        #expect(wrongAPI.firstError.contains("--json applies only to --api 2026"), "\(wrongAPI.stderr)")
    }
}
