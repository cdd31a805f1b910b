import ArgumentParser
import Foundation
import Rehearsal
import Scaling
import SyntheticTrainer

/// `harness score`: the tournament.
struct Score: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The tournament: every strategy on every scenario under several truth seeds, and a leaderboard.",
        discussion: """
            Each rehearsal runs one strategy against one scenario whose observation noise is \
            reseeded with one of the truth seeds 1...N, fits, predicts and is scored against the \
            truth. The rehearsals run --jobs at a time; a progress bar goes to stderr when it is \
            a terminal, and the wall time is printed to stderr at the end.

            Writes into --out: rehearsals.csv (one row per rehearsal: its scorecard and \
            failures), leaderboard.md and leaderboard.json (per strategy, per scenario \
            and overall: the median and 90th percentile of |ln(N_pred/N*)|, |predicted - \
            achieved loss|, the regret and the fraction of the budget used, and the failures by \
            kind - crash, no prediction, invalid configuration, broken rule - with the first \
            message of each), and errors.svg / errors.png (empirical CDFs of the errors) with \
            their gnuplot script and data. The same command gives byte-identical leaderboard \
            files, whatever --jobs and --transport. A rehearsal that fails is counted against \
            its strategy; the tournament goes on.

            --bootstrap defaults to 0: the scores use the prediction's point estimates, which \
            do not depend on the bootstrap (it only gives the intervals, which the leaderboard \
            does not use), and the bootstrap is most of a rehearsal's cost. Give e.g. \
            --bootstrap 200 to rehearse exactly what `harness run` predicts, intervals included \
            (the README's "Where the strategies stand" gives the measured times).

            --plan FILE or --strategy-file FILE scores a design of your own, alone or beside the \
            built-ins named by --strategies; `harness compare A B` puts two designs side by side \
            with paired per-seed differences.

            Exits 1 when any rehearsal spent past its budget.

            With --api 2026: the 2026 scenarios (scenarios/2026/) × the 2026 strategies × seeds, \
            each rehearsed in process on a virtual clock and its final run trained by the truth; \
            the leaderboard gives per strategy the median regret, the median |predicted - \
            achieved loss|, the coverage of the 95% interval, failed final runs, timeouts, OOMs, \
            budget overruns, seconds charged and wasted, and the virtual wall time. --bootstrap \
            is the predictor's resamples (0 keeps its default). --shard I/N runs every N-th \
            rehearsal (a job of an array) and writes shard-I-of-N.json; `harness score merge \
            FILES...` combines the shards into exactly the leaderboard one run gives.

            Examples:
              harness score
              harness score --api 2026 --seeds 30
              harness score --api 2026 --seeds 30 --shard 3/8 --out results/shards
              harness score merge results/shards/shard-*-of-8.json --out results/score-2026
              harness score --strategies seed-grid,isoflop --seeds 5 --out results/quick
              harness score --scenarios my-scenarios/ --transport http --jobs 1
              harness score --plan my-plan.json --strategies isoflop --seeds 5
            """,
        subcommands: [ScoreMerge.self])

    @Option(help: "Which API: 2025 or 2026.")
    var api: Serve.APIYear = .y2025

    @Option(help: ArgumentHelp("A folder of scenario files (*.yaml); 2026: scenarios/2026 unless given.", valueName: "dir"))
    var scenarios = "scenarios"

    @Option(name: .customLong("strategies"), help: ArgumentHelp("'all' or a comma-separated list of built-in strategies (\(StrategyCatalog.names.joined(separator: ", "))); default all, or none beside --plan/--strategy-file.", valueName: "all|a,b"))
    var strategiesOption: String?

    /// `--strategies` as given, `all` when not.
    var strategies: String { strategiesOption ?? "all" }

    @Option(help: ArgumentHelp("2025: a plan file of your own (JSON list of queries or CSV, as for run --plan) scored in the tournament.", valueName: "file"))
    var plan: String?

    @Option(name: .customLong("strategy-file"), help: ArgumentHelp("2025: a strategy file of your own (YAML, as for run --strategy-file) scored in the tournament.", valueName: "file"))
    var strategyFile: String?

    @Option(help: "Truth seeds per scenario and strategy: the seeds 1...N.")
    var seeds = 30

    @Option(help: "Rehearsals run at once; without it, one per core.")
    var jobs: Int?

    /// `--jobs`, or the number of cores (decided here, not in the help text, which must not
    /// depend on the machine).
    var jobCount: Int { jobs ?? Parallel.coreCount }

    @Option(help: ArgumentHelp("How queries reach the mock: in-process (no sockets, identical answers) or http (loopback).", valueName: "in-process|http"))
    var transport = Rehearsal.Connection.inProcess.rawValue

    @Option(help: "Bootstrap resamples of each prediction (0: point estimates only, see above).")
    var bootstrap = 0

    @Option(help: ArgumentHelp("The folder for the leaderboard and plots (default: results/score).", valueName: "dir"))
    var out: String?

    /// `--out` or its default.
    var folder: String { out ?? "results/score" }

    @Flag(help: "Skip the plots (no gnuplot needed).")
    var noPlots = false

    @Option(help: ArgumentHelp("2026 only: run shard I of N (1-based) and write shard-I-of-N.json instead of the leaderboard.", valueName: "I/N"))
    var shard: String?

    @Option(help: ArgumentHelp("2026 only: how each final run is chosen.", valueName: "name"))
    var predictor: String?

    func validate() throws {
        if api == .y2026 {
            if plan != nil || strategyFile != nil {
                throw ValidationError("--plan and --strategy-file apply only to --api 2025; with --api 2026 give --strategies \(StrategyCatalog2026.names.joined(separator: ","))")
            }
            guard (1...10_000).contains(seeds) else { throw ValidationError("--seeds must be in 1...10000, got \(seeds)") }
            try Self.validate(jobs: jobCount, bootstrap: bootstrap)
            _ = try Score2026.strategies(strategies)
            _ = try Score2026.shard(shard)
            _ = try PredictorChoice2026.named(predictor)
            return
        }
        if shard != nil { throw ValidationError("--shard applies only to --api 2026") }
        if plan != nil && strategyFile != nil { throw ValidationError("give one of --plan and --strategy-file, not both (harness compare A B puts two designs side by side)") }
        if predictor != nil { throw ValidationError("--predictor applies only to --api 2026") }
        guard (1...10_000).contains(seeds) else { throw ValidationError("--seeds must be in 1...10000, got \(seeds)") }
        try Self.validate(jobs: jobCount, bootstrap: bootstrap)
        try OutputArguments.checkFolder(folder)
        _ = try Self.strategies(strategies)
        _ = try Self.transport(transport)
    }

    func run() async throws {
        if api == .y2026 {
            try await Score2026(scenarios: scenarios == "scenarios" ? Scenario2026.directory.path : scenarios, strategies: strategies,
                                seeds: seeds, jobs: jobCount, bootstrap: bootstrap, out: folder, shard: shard, predictor: predictor).run()
            return
        }
        let chosen = try designs()
        let transport = try Self.transport(transport)
        let scenarioFolder = URL(fileURLWithPath: scenarios)
        let loaded: [Scenario]
        do { loaded = try Scenario.loadAll(in: scenarioFolder) } catch { throw CommandFailure.Message("--scenarios: \(error)") }
        guard !loaded.isEmpty else {
            throw CommandFailure.Message("--scenarios \(scenarios): no *.yaml scenario files in that folder")
        }
        let tournament = Tournament(scenarios: loaded, strategies: chosen, seeds: (1...seeds).map(UInt64.init),
                                    jobs: jobCount, connection: transport, bootstrapResamples: bootstrap)
        let bar = ProgressMeter("score", total: tournament.count)
        let start = DispatchTime.now().uptimeNanoseconds
        let entries = try await tournament.run { bar.update($0) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let board = Leaderboard(entries)
        let directory = URL(fileURLWithPath: folder)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(board.markdown.utf8).write(to: directory.appendingPathComponent("leaderboard.md"), options: .atomic)
        try JSONOutput.write(board, to: directory.appendingPathComponent("leaderboard.json"))
        try CSVExports.rehearsals(entries).write(to: directory.appendingPathComponent("rehearsals.csv"))
        var plots = PlotDrawing(enabled: !noPlots)
        try plots.draw("errors") { g throws(GnuplotError) in
            try ErrorCDFPlot().render(ErrorCDFPlot.StrategyErrors.of(entries, strategies: board.strategies), rehearsals: entries.count, in: directory, gnuplot: g)
        }
        try HTMLReport(title: "Tournament leaderboard", markdown: board.markdown + (plots.enabled ? "\n![Error distributions (empirical CDFs per strategy)](errors.png)\n" : ""),
                       folder: directory).write(command: "score")
        print(board.markdown, terminator: "")
        FileHandle.standardError.write(Data(String(
            format: "%d rehearsals (%@, %d jobs, bootstrap %d) in %.1f s (%.1f rehearsals/s); written to %@\n",
            tournament.count, transport.rawValue, jobCount, bootstrap, seconds, Double(tournament.count) / seconds, directory.path).utf8))
        plots.reportMissing(in: directory)
        if board.anyOverBudget { throw ExitCode(1) }
    }

    /// The designs to score: the user's (--plan or --strategy-file) beside the built-ins of
    /// --strategies (none unless given), or the built-ins alone.
    func designs() throws -> [any Strategy] {
        var user: [any Strategy] = []
        if let plan { user.append(try PlanFile.load(path: plan)) }
        if let strategyFile { user.append(try DesignArgument.strategyFile(strategyFile)) }
        if user.isEmpty { return try Self.strategies(strategies) }
        return user + (strategiesOption == nil ? [] : try Self.strategies(strategies))
    }

    /// `all` or a comma-separated list of catalog names (each checked, duplicates refused).
    static func strategies(_ list: String) throws -> [any Strategy] {
        if list == "all" { return StrategyCatalog.all }
        let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty, !names.contains("") else {
            throw ValidationError("--strategies '\(list)': give 'all' or names separated by commas; accepted: \(StrategyCatalog.names.joined(separator: ", "))")
        }
        guard Set(names).count == names.count else { throw ValidationError("--strategies '\(list)': a strategy is named twice") }
        return try names.map { name in
            do { return try StrategyCatalog.named(name) } catch { throw ValidationError("--strategies: \(error)") }
        }
    }
}
