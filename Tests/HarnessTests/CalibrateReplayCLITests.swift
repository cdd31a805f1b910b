import Foundation
import Testing

/// `harness calibrate` writes a scenario that `truth`, `run` and `score` accept; `--replay`
/// answers recorded queries exactly as recorded (issue 13).
@Suite("calibrate and replay from the command line")
struct CalibrateReplayCLITests {
    static let marcel = "data/live-2025/marcelroed__spring2024-assignment3-scaling.json"

    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("calibrate-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Calibrated on one student's 42 answers at 1e14 and above, the written scenario loads in
    /// truth (which then answers one of those configurations near its real loss), run and score.
    @Test func aCalibratedScenarioRoundTrips() throws {
        let dir = try Self.folder()
        let yaml = dir.appendingPathComponent("my-scenario.yaml").path
        let fit = HarnessProcess.run(["calibrate", "--runs", Self.marcel, "--kernel-sample", "42", "--out", yaml])
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(fit.stdout.contains("scenario my-scenario, 42 anchors"), "\(fit.stdout)")
        #expect(fit.stdout.contains("train_flops") && fit.stdout.contains("learning_rate") && fit.stdout.contains("batch_size"))
        // marcelroed trained at batch 128 only: that input has no length scale to fit.
        #expect(fit.stdout.contains("left out of the kernel (one value over every anchor): log_batch_size"), "\(fit.stdout)")
        // 320/10/10 at 1e15, lr 1e-4: the service said 9.28116833 (the parametric surface 10.02).
        let truth = HarnessProcess.run(["truth", "--scenario", yaml, "--flops", "1e15", "--json",
                                        "--config", "d_model=320,num_layers=10,num_heads=10,batch_size=128,learning_rate=1e-4"])
        #expect(truth.status == 0, "\(truth.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(truth.stdout.utf8)) as? [String: Any]
        let expected = json?["expected_loss"] as? Double ?? .nan
        #expect(abs(expected - 9.28116833) < 0.05, "\(truth.stdout)")
        let run = HarnessProcess.run(["run", "--scenario", yaml, "--strategy", "seed-grid", "--transport", "in-process",
                                      "--bootstrap", "0", "--out", dir.appendingPathComponent("run").path])
        #expect(run.status == 0, "\(run.stderr)")
        let scenarios = dir.appendingPathComponent("scenarios")
        try FileManager.default.createDirectory(at: scenarios, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: yaml, toPath: scenarios.appendingPathComponent("my-scenario.yaml").path)
        let score = HarnessProcess.run(["score", "--scenarios", scenarios.path, "--strategies", "seed-grid", "--seeds", "1",
                                        "--no-plots", "--out", dir.appendingPathComponent("score").path])
        #expect(score.status == 0, "\(score.stderr)")
    }

    /// A replayed rehearsal's journal carries the recorded loss for every recorded query it asked.
    @Test func runReplaysRecordedAnswers() throws {
        let dir = try Self.folder()
        let first = HarnessProcess.run(["run", "--scenario", "chinchilla-2022", "--strategy", "seed-grid", "--transport", "in-process",
                                        "--bootstrap", "0", "--out", dir.appendingPathComponent("a").path])
        #expect(first.status == 0, "\(first.stderr)")
        // Record the first campaign's answers shifted by +1 nat, then replay them on the same scenario.
        let journal = try String(contentsOf: dir.appendingPathComponent("a/journal.jsonl"), encoding: .utf8)
        var rows = ["d_model,num_layers,num_heads,batch_size,learning_rate,train_flops,loss"]
        var recorded: [String: Double] = [:]
        for line in journal.split(separator: "\n") {
            guard let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            let r = (o["run"] as? [String: Any]) ?? o
            guard let d = r["d_model"], let l = r["num_layers"], let h = r["num_heads"], let b = r["batch_size"],
                  let lr = r["learning_rate"], let c = r["train_flops"], let loss = r["loss"] as? Double else { continue }
            let key = "\(d),\(l),\(h),\(b),\(lr),\(c)"
            recorded[key] = loss + 1
            rows.append("\(key),\(loss + 1)")
        }
        #expect(recorded.count > 5)
        let csv = dir.appendingPathComponent("recorded.csv")
        try rows.joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        let second = HarnessProcess.run(["run", "--scenario", "chinchilla-2022", "--strategy", "seed-grid", "--transport", "in-process",
                                         "--bootstrap", "0", "--replay", csv.path, "--out", dir.appendingPathComponent("b").path])
        #expect(second.status == 0, "\(second.stderr)")
        let replayed = try String(contentsOf: dir.appendingPathComponent("b/journal.jsonl"), encoding: .utf8)
        var matched = 0
        for line in replayed.split(separator: "\n") {
            guard let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            let r = (o["run"] as? [String: Any]) ?? o
            guard let d = r["d_model"], let l = r["num_layers"], let h = r["num_heads"], let b = r["batch_size"],
                  let lr = r["learning_rate"], let c = r["train_flops"], let loss = r["loss"] as? Double else { continue }
            if let want = recorded["\(d),\(l),\(h),\(b),\(lr),\(c)"] {
                // JSONSerialization may read the journal's shortest decimal one ulp off.
                #expect(abs(loss - want) <= 1e-12 * want, "\(loss) vs \(want)")
                matched += 1
            }
        }
        #expect(matched == recorded.count)
    }

    @Test func replayIsRefusedWhereItCannotApply() {
        let r = HarnessProcess.run(["serve", "--api", "2026", "--replay", Self.marcel])
        #expect(r.status != 0 && r.stderr.contains("--replay applies only to --api 2025"), "\(r.stderr)")
        let bad = HarnessProcess.run(["calibrate", "--runs", Self.marcel, "--out", "/tmp/x.yaml", "--inputs", "log_width"])
        #expect(bad.status != 0 && bad.stderr.contains("unknown input 'log_width'"), "\(bad.stderr)")
    }
}
