import Foundation
import Testing

/// The machine-readable outputs as a pandas user meets them (docs/outputs.md): JSON with snake_case
/// keys and `null`, never the string "nan", for an undefined number; flat CSV files beside it that
/// `harness fit --runs` reads back. Run as the built binary.
@Suite(.serialized) struct OutputFormatsCLITests {
    func folder(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("harness-\(name)-\(UUID().uuidString)").path
    }

    func read(_ folder: String, _ file: String) -> String {
        (try? String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8)) ?? ""
    }

    /// Every key of a JSON document, and every string value.
    static func walk(_ value: Any, keys: inout Set<String>, strings: inout Set<String>) {
        if let object = value as? [String: Any] {
            for (k, v) in object {
                keys.insert(k)
                walk(v, keys: &keys, strings: &strings)
            }
        } else if let array = value as? [Any] {
            for v in array { walk(v, keys: &keys, strings: &strings) }
        } else if let s = value as? String {
            strings.insert(s)
        }
    }

    /// The rows of a CSV file that has no quoted cells, split into cells.
    static func rows(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// A rehearsal without a bootstrap leaves the laws' standard errors undefined (NaN): each is
    /// `null` in the JSON, and no key anywhere is camelCase.
    @Test func runWritesSnakeCaseJSONWithNullsAndFlatCSV() throws {
        let out = folder("formats")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = HarnessProcess.quickRun(out: out)
        #expect(r.status == 0, "\(r.stderr)")
        for file in ["outcome.json", "fit.json", "prediction.json", "truth.json", "scorecard.json"] {
            let text = read(out, file)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)), "\(file)")
            var keys = Set<String>(), strings = Set<String>()
            Self.walk(json, keys: &keys, strings: &strings)
            #expect(!keys.isEmpty)
            let camel = keys.filter { $0.range(of: "[a-z][A-Z]", options: .regularExpression) != nil }
            #expect(camel.isEmpty, "\(file): camelCase keys \(camel.sorted())")
            #expect(strings.isDisjoint(with: ["nan", "inf", "-inf"]), "\(file) writes a non-finite number as a string")
        }
        let prediction = read(out, "prediction.json")
        #expect(prediction.contains("\"exponent_error\" : null"), "no bootstrap: the exponent's error is undefined, written null")

        // runs.csv: one row per run of outcome.json, the columns fit --runs reads.
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(read(out, "outcome.json").utf8)) as? [String: Any])
        let runs = try #require(outcome["runs"] as? [[String: Any]])
        let runRows = Self.rows(read(out, "runs.csv"))
        #expect(runRows.first == ["d_model", "num_layers", "num_heads", "batch_size", "learning_rate", "train_flops", "loss"])
        #expect(runRows.count == runs.count + 1)
        #expect(runRows.dropFirst().first?.last.flatMap(Double.init) == runs.first?["loss"] as? Double)

        // prediction.csv: n_opt, d_opt and loss, each equal to prediction.json's estimate.
        let p = try #require(try JSONSerialization.jsonObject(with: Data(prediction.utf8)) as? [String: Any])
        let predictionRows = Self.rows(read(out, "prediction.csv"))
        #expect(predictionRows.first == ["target", "method", "quantity", "estimate", "lower", "upper"])
        for row in predictionRows.dropFirst() {
            let estimate = (p[row[2]] as? [String: Any])?["estimate"] as? Double
            // JSONSerialization may read the shortest decimal one ulp off.
            let csv = try #require(Double(row[3]))
            #expect(estimate.map { abs(csv - $0) <= 1e-12 * abs($0) } == true, "\(row)")
        }
        #expect(predictionRows.count == 4)

        // runs.csv goes back into fit and gives the same prediction.
        let refit = folder("refit")
        defer { try? FileManager.default.removeItem(atPath: refit) }
        let f = HarnessProcess.run(["fit", "--runs", "\(out)/runs.csv", "--bootstrap", "0", "--no-plots", "--out", refit])
        #expect(f.status == 0, "\(f.stderr)")
        #expect(read(refit, "prediction.csv") == read(out, "prediction.csv"))
    }

    @Test func runsPrintsCSV() throws {
        let out = folder("runs-csv")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = HarnessProcess.quickRun(out: out)
        #expect(r.status == 0, "\(r.stderr)")
        let csv = HarnessProcess.run(["runs", "--journal", "\(out)/journal.jsonl", "--csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = Self.rows(csv.stdout)
        #expect(rows.first == ["d_model", "num_layers", "num_heads", "batch_size", "learning_rate", "train_flops", "loss", "source"])
        #expect(rows.count == Self.rows(read(out, "runs.csv")).count)
        #expect(rows.dropFirst().allSatisfy { $0.count == 8 && $0.last == "loss" })
        #expect(HarnessProcess.run(["runs", "--journal", "\(out)/journal.jsonl", "--csv", "--json"]).status == 64)
    }

    /// score: one row per rehearsal in rehearsals.csv.
    @Test func scoreWritesOneRowPerRehearsal() throws {
        let scenarios = folder("one-scenario")
        try FileManager.default.createDirectory(atPath: scenarios, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: HarnessProcess.packageRoot.appendingPathComponent("scenarios/chinchilla-2022.yaml").path,
                                         toPath: "\(scenarios)/chinchilla-2022.yaml")
        let out = folder("score")
        defer { for f in [scenarios, out] { try? FileManager.default.removeItem(atPath: f) } }
        let r = HarnessProcess.run(["score", "--scenarios", scenarios, "--strategies", "isoflop", "--seeds", "2", "--no-plots", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = Self.rows(read(out, "rehearsals.csv"))
        #expect(rows.first?.prefix(4) == ["scenario", "strategy", "seed", "target"])
        #expect(rows.dropFirst().map { $0.prefix(3) } == [["chinchilla-2022", "isoflop", "1"], ["chinchilla-2022", "isoflop", "2"]])
        #expect(rows.dropFirst().allSatisfy { $0.count == rows[0].count })
    }

    /// `score merge ... --out DIR` writes the leaderboard into DIR (it went to the default folder:
    /// `score`'s own `--out` took the value), and the merged leaderboard is the single run's.
    @Test func scoreMergeWritesWhereOutSays() throws {
        let scenarios = folder("merge-scenarios"), shards = folder("merge-shards"), merged = folder("merge-out")
        defer { for f in [scenarios, shards, merged] { try? FileManager.default.removeItem(atPath: f) } }
        try FileManager.default.createDirectory(atPath: scenarios, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: HarnessProcess.packageRoot.appendingPathComponent("scenarios/2026/cs336-2026-live.yaml").path,
                                         toPath: scenarios + "/cs336-2026-live.yaml")
        let common = ["score", "--api", "2026", "--scenarios", scenarios, "--strategies", "naive", "--seeds", "1", "--no-plots"]
        for i in 1...2 {
            let r = HarnessProcess.run(common + ["--shard", "\(i)/2", "--out", shards])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let r = HarnessProcess.run(["score", "merge", shards + "/shard-1-of-2.json", shards + "/shard-2-of-2.json", "--out", merged])
        #expect(r.status == 0, "\(r.stderr)")
        let board = read(merged, "leaderboard.md")
        #expect(board.contains("cs336-2026-live"), "no leaderboard in --out \(merged)")
    }
}
