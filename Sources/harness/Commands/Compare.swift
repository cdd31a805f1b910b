import ArgumentParser
import Foundation
import Rehearsal
import Scaling
import SyntheticTrainer

/// `harness compare A B`: two designs rehearsed over the same scenarios and truth seeds, paired.
struct Compare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Two designs side by side over the same scenarios and seeds, with per-seed (paired) differences.",
        discussion: """
            A and B are each a built-in strategy (\(StrategyCatalog.names.joined(separator: ", "))), a plan \
            file (.json, .csv, .tsv, as for --plan) or a strategy file (.yaml, as for --strategy-file). \
            Both are rehearsed by the tournament of 'harness score' on every scenario under the \
            truth seeds 1...N, so each (scenario, seed) gives a pair measured under the same truth \
            and noise. For |ln(N_pred/N*)|, |predicted - achieved loss| and the regret (lower is \
            better) it prints, overall and per scenario, each side's median, the median of the \
            paired differences B - A (negative: B did better) and how many pairs B won, lost and \
            tied.

            Writes into --out: compare.json (every pair and the summaries), compare.csv (one row \
            per pair: pd.read_csv reads it) and compare.md (the tables).

            Examples:
              harness compare seed-grid isoflop --seeds 10
              harness compare isoflop my-plan.json --scenarios scenarios --out results/compare
              harness compare adaptive designs/wide.yaml --seeds 5 --json
            """)

    @Argument(help: ArgumentHelp("The first design: a strategy name, a plan file or a strategy file.", valueName: "A"))
    var a: String

    @Argument(help: ArgumentHelp("The second design, compared against A (differences are B - A).", valueName: "B"))
    var b: String

    @Option(help: ArgumentHelp("A folder of scenario files (*.yaml).", valueName: "dir"))
    var scenarios = "scenarios"

    @Option(help: "Truth seeds per scenario: the seeds 1...N.")
    var seeds = 10

    @Option(help: "Rehearsals run at once; without it, one per core.")
    var jobs: Int?

    @Option(help: "Bootstrap resamples of each prediction (0: point estimates, which the scores use).")
    var bootstrap = 0

    @Option(help: ArgumentHelp("The folder for compare.json, compare.csv and compare.md.", valueName: "dir"))
    var out = "results/compare"

    @Flag(help: "Print compare.json to stdout instead of the tables.")
    var json = false

    func validate() throws {
        guard (1...10_000).contains(seeds) else { throw ValidationError("--seeds must be in 1...10000, got \(seeds)") }
        try Score.validate(jobs: jobs ?? Parallel.coreCount, bootstrap: bootstrap)
        try OutputArguments.checkFolder(out)
    }

    func run() async throws {
        var first = try DesignArgument.load(a)
        var second = try DesignArgument.load(b)
        if first.name == second.name {
            first = LabelledStrategy(base: first, name: "A:" + first.name)
            second = LabelledStrategy(base: second, name: "B:" + second.name)
        }
        let loaded: [Scenario]
        do { loaded = try Scenario.loadAll(in: URL(fileURLWithPath: scenarios)) } catch { throw CommandFailure.Message("--scenarios: \(error)") }
        guard !loaded.isEmpty else { throw CommandFailure.Message("--scenarios \(scenarios): no *.yaml scenario files in that folder") }
        let tournament = Tournament(scenarios: loaded, strategies: [first, second], seeds: (1...seeds).map(UInt64.init),
                                    jobs: jobs ?? Parallel.coreCount, bootstrapResamples: bootstrap)
        let bar = ProgressMeter("compare", total: tournament.count)
        let entries = try await tournament.run { bar.update($0) }
        let comparison = try Comparison(entries, a: first.name, b: second.name)
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try JSONOutput.write(comparison, to: folder.appendingPathComponent("compare.json"))
        try Data(comparison.csv.utf8).write(to: folder.appendingPathComponent("compare.csv"), options: .atomic)
        let markdown = CompareTables(comparison: comparison).markdown
        try Data(markdown.utf8).write(to: folder.appendingPathComponent("compare.md"), options: .atomic)
        if json {
            print(try JSONOutput.string(comparison), terminator: "")
        } else {
            print(CompareTables(comparison: comparison).text)
            print("\nwrote compare.json, compare.csv and compare.md into \(out)/")
        }
    }
}
