import ArgumentParser
import Foundation
import Rehearsal
import Scaling
import SyntheticTrainer

/// `harness score --api 2026`: the 2026 tournament, whole or one shard.
struct Score2026 {
    var scenarios: String
    var strategies: String
    var seeds: Int
    var jobs: Int
    var bootstrap: Int
    var out: String
    var shard: String?
    var predictor: String?

    /// `all` or a comma-separated list of 2026 strategy names.
    static func strategies(_ list: String) throws -> [any Strategy2026] {
        if list == "all" { return StrategyCatalog2026.all }
        let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty, !names.contains(""), Set(names).count == names.count else {
            throw ValidationError("--strategies '\(list)': give 'all' or distinct names separated by commas; accepted: \(StrategyCatalog2026.names.joined(separator: ", "))")
        }
        return try names.map { name in
            do { return try StrategyCatalog2026.named(name) } catch { throw ValidationError("--strategies: \(error)") }
        }
    }

    /// `I/N` with 1 ≤ I ≤ N.
    static func shard(_ text: String?) throws -> (index: Int, count: Int)? {
        guard let text else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i), n <= 100_000 else {
            throw ValidationError("--shard '\(text)': expected I/N with 1 <= I <= N, e.g. 3/8")
        }
        return (i, n)
    }

    func predictorChoice() throws -> any FinalRunPredictor2026 {
        let p = try PredictorChoice2026.named(predictor)
        guard bootstrap > 0, var model = p as? Predictor2026 else { return p }
        model.options.bootstrapResamples = bootstrap
        return model
    }

    func run() async throws {
        let loaded: [Scenario2026]
        do { loaded = try Scenario2026.loadAll(in: URL(fileURLWithPath: scenarios)) } catch { throw CommandFailure.Message("--scenarios: \(error)") }
        guard !loaded.isEmpty else { throw CommandFailure.Message("--scenarios \(scenarios): no 2026 scenario files (*.yaml) in that folder") }
        let part = try Self.shard(shard)
        let tournament = Tournament2026(scenarios: loaded, strategies: try Self.strategies(strategies), predictor: try predictorChoice(),
                                        seeds: (1...seeds).map(UInt64.init), jobs: jobs, shard: part)
        let bar = ProgressMeter("score 2026", total: tournament.indices.count)
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try await tournament.runShard { bar.update($0) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let directory = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        FileHandle.standardError.write(Data(String(format: "%d rehearsals (%d jobs) in %.1f s\n", result.entries.count, jobs, seconds).utf8))
        if let part {
            let file = directory.appendingPathComponent("shard-\(part.index)-of-\(part.count).json")
            // Read back by `score merge`: non-finite numbers kept exactly.
            try JSONOutput.encodeExact(result).write(to: file, options: .atomic)
            print("shard \(part.index)/\(part.count): \(result.entries.count) rehearsals written to \(file.path); combine with harness score merge")
            return
        }
        try Self.publish(Leaderboard2026(result.entries), in: directory)
    }

    static func publish(_ board: Leaderboard2026, in directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(board.markdown.utf8).write(to: directory.appendingPathComponent("leaderboard.md"), options: .atomic)
        try JSONOutput.write(board, to: directory.appendingPathComponent("leaderboard.json"))
        try HTMLReport(title: "2026 tournament leaderboard", markdown: board.markdown, folder: directory).write(command: "score --api 2026")
        print(board.markdown, terminator: "")
        if board.anyOverBudget { throw ExitCode(1) }
    }
}

/// `harness score merge`: the leaderboard of shards run apart.
struct ScoreMerge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the shard files of a 2026 tournament into its leaderboard.",
        discussion: """
            Each FILE is a shard-I-of-N.json written by `harness score --api 2026 --shard I/N`. \
            Every shard of one tournament must be given once; the leaderboard is byte for byte \
            the one a single `harness score --api 2026` run gives.

            Examples:
              harness score merge results/shards/shard-*-of-8.json --out results/score-2026
              harness score merge shard-1-of-2.json shard-2-of-2.json
            """)

    @Argument(help: ArgumentHelp("The shard files.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("The folder for the leaderboard (default: results/score-2026).", valueName: "dir"))
    var out: String?

    /// `score`'s own `--out` takes the value wherever it stands on the line (the parser gives
    /// an option both commands name to the parent), so it is read from there too.
    @ParentCommand var score: Score

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give the shard files to merge (shard-I-of-N.json)") }
    }

    func run() async throws {
        var shards: [Tournament2026.Shard] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure.Message("\(file): no such file or not readable") }
            do { shards.append(try JSONOutput.decodeExact(Tournament2026.Shard.self, from: data)) } catch {
                throw CommandFailure.Message("\(file): not a shard file of harness score --api 2026 --shard (\(error))")
            }
        }
        let entries: [TournamentEntry2026]
        do { entries = try Tournament2026.merge(shards) } catch { throw CommandFailure.Message("\(error)") }
        try Score2026.publish(Leaderboard2026(entries), in: URL(fileURLWithPath: out ?? score.out ?? "results/score-2026"))
    }
}
