import ArgumentParser
import Foundation
import Rehearsal
import Scaling
import SyntheticTrainer

/// `harness bench rehearsal`: whole rehearsals per second, in process and over HTTP.
struct BenchRehearsal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rehearsal",
        abstract: "Whole rehearsals (campaign, fit, prediction, score) per second, in process and over loopback HTTP.",
        discussion: """
            Runs --count rehearsals of one strategy on one scenario (truth seeds 1...count) one \
            after another on each transport, then the same rehearsals --jobs at a time in process \
            (the tournament's way). The scenario's truth is computed once, outside the timings, \
            as `harness score` does. Run it from a release build \
            (swift build -c release --scratch-path .build-release); a debug build is many times slower.

            Examples:
              .build-release/release/harness bench rehearsal --scenario chinchilla-2022 --strategy isoflop
              .build-release/release/harness bench rehearsal --count 5 --jobs 1 --json
              .build-release/release/harness bench rehearsal --api 2026 --scenario cs336-2026-live --strategy adaptive --count 5

            With --api 2026: --count 2026 rehearsals (seeds 1...count) one after another in \
            process on the virtual clock, timed twice: the campaign alone (engine, client, mock; \
            the best-run baseline picks the final) and the whole rehearsal with the curve-law \
            predictor. The target search is done once, outside the timings.
            """)

    @Option(help: "Which API: 2025 or 2026.")
    var api: Serve.APIYear = .y2025

    @Option(help: "A scenario file, or a name in scenarios/.")
    var scenario = "chinchilla-2022"

    @Option(help: ArgumentHelp("A built-in strategy.", valueName: StrategyCatalog.names.joined(separator: "|")))
    var strategy = "isoflop"

    @Option(help: "Rehearsals per measurement.")
    var count = 20

    @Option(help: "Bootstrap resamples per prediction (0 as in `harness score`).")
    var bootstrap = 0

    @Option(help: "Rehearsals at once for the parallel measurement; without it, one per core.")
    var jobs: Int?

    /// `--jobs`, or the number of cores (decided here, not in the help text, which must not
    /// depend on the machine).
    var jobCount: Int { jobs ?? Parallel.coreCount }

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard (1...10_000).contains(count) else { throw ValidationError("--count must be in 1...10000, got \(count)") }
        try Score.validate(jobs: jobCount, bootstrap: bootstrap)
    }

    struct Figures: Codable {
        var scenario: String
        var strategy: String
        var count: Int
        var bootstrap: Int
        var jobs: Int
        var inProcessPerSecond: Double
        var httpPerSecond: Double
        var inProcessParallelPerSecond: Double
        enum CodingKeys: String, CodingKey {
            case scenario, strategy, count, bootstrap, jobs
            case inProcessPerSecond = "in_process_per_second"
            case httpPerSecond = "http_per_second"
            case inProcessParallelPerSecond = "in_process_parallel_per_second"
        }
    }

    func run() async throws {
        if api == .y2026 { return try await run2026() }
        let s = try Scenario.load(from: try ScenarioFiles.locate(scenario))
        let chosen = try StrategyCatalog.named(strategy)
        let seeds = (1...count).map(UInt64.init)
        let truth = try s.truthReport()
        func sequential(_ transport: Rehearsal.Connection) async throws -> Double {
            try await perSecond {
                for seed in seeds {
                    _ = try await Rehearsal(scenario: s, strategy: chosen, noiseSeed: seed, connection: transport,
                                            bootstrapResamples: bootstrap, truth: truth).run()
                }
            }
        }
        let inProcess = try await sequential(.inProcess)
        let http = try await sequential(.http)
        let tournament = Tournament(scenarios: [s], strategies: [chosen], seeds: seeds, jobs: jobCount,
                                    connection: .inProcess, bootstrapResamples: bootstrap)
        let parallel = try await perSecond { _ = try await tournament.run() }
        let figures = Figures(scenario: s.name, strategy: chosen.name, count: count, bootstrap: bootstrap, jobs: jobCount,
                              inProcessPerSecond: inProcess, httpPerSecond: http, inProcessParallelPerSecond: parallel)
        if json {
            print(try JSONOutput.string(figures), terminator: "")
            return
        }
        print("\(chosen.name) on \(s.name), \(count) rehearsals each, bootstrap \(bootstrap)")
        print(String(format: "  in process, one at a time:  %.2f rehearsals/s", inProcess))
        print(String(format: "  HTTP, one at a time:        %.2f rehearsals/s", http))
        print(String(format: "  in process, %d at a time:    %.2f rehearsals/s", jobCount, parallel))
    }

    /// `count` divided by the wall time of `body`.
    private func perSecond(_ body: () async throws -> Void) async throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(count) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// The 2026 figures: seconds per rehearsal, campaign alone and whole.
    func run2026() async throws {
        let s = try Run2026.scenario(scenario == "chinchilla-2022" ? "cs336-2026-live" : scenario)
        let chosen = try StrategyCatalog2026.named(strategy == "isoflop" ? "adaptive" : strategy)
        let best = try s.target().loss
        let seeds = (1...count).map(UInt64.init)
        func seconds(_ predictor: any FinalRunPredictor2026) async throws -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            for seed in seeds {
                _ = try await Rehearsal2026(scenario: s, strategy: chosen, predictor: predictor, bestLoss: best, seed: seed).run()
            }
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(count)
        }
        let campaign = try await seconds(BestRunBaseline2026())
        var model = Predictor2026()
        if bootstrap > 0 { model.options.bootstrapResamples = bootstrap }
        let whole = try await seconds(model)
        if json {
            print(#"{"scenario":"\#(s.name)","strategy":"\#(chosen.name)","count":\#(count),"campaign_seconds":\#(campaign),"rehearsal_seconds":\#(whole)}"#)
            return
        }
        print("\(chosen.name) on \(s.name), \(count) rehearsals of a 43,200 s budget, one at a time in process")
        print(String(format: "  campaign alone (engine, client, mock):  %.3f s per rehearsal", campaign))
        print(String(format: "  whole, with the curve-law predictor:    %.3f s per rehearsal", whole))
    }
}
