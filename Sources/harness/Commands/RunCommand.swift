import ArgumentParser
import Foundation
import Rehearsal
import Scaling
import SyntheticTrainer

/// `harness run`: one campaign, rehearsed against a scenario (scored) or run against a service.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Rehearse a campaign against a scenario's truth (scored), or run it against a live service.",
        discussion: """
            With --scenario: the scenario's truth stands behind the mock API on 127.0.0.1 (ephemeral \
            port), the client sends the strategy's queries over HTTP, the predictor fits the answers \
            and the scorecard compares the prediction with the truth.
            With --api-url and --api-key-file instead: the same campaign against that service \
            (no scorecard), journalled and resumable: a rerun asks nothing twice.

            With --api 2026: the 2026 campaign in GPU-seconds. A rehearsal runs in process on a \
            virtual clock (12 simulated hours in seconds) against the mock's real request handling; \
            against a live service the key comes from --api-key-file or A3_API_KEY (8 digits), \
            the journal (default runs/journal-2026.jsonl) makes a rerun submit nothing twice, and \
            the final run is POSTed to /final_submission only with --submit-final.

            Examples:
              harness run --scenario chinchilla-2022 --strategy adaptive
              harness run --api 2026 --scenario cs336-2026-live --strategy adaptive --seed 1
              harness run --api 2026 --api-url http://hyperturing.stanford.edu:8000 --api-key-file key.txt \\
                --strategy adaptive --submit-final
              harness run --scenario scenarios/noisy.yaml --strategy isoflop --seed 3 --out results/noisy
              harness run --scenario cs336-live --replay data/live-2025/matttreed__language-model-scaling.json
              harness run --api-url http://hyperturing.stanford.edu:8000 --api-key-file key.txt \\
                --strategy adaptive
            """)

    @Option(help: "Which API: 2025 or 2026.")
    var api: Serve.APIYear = .y2025

    @Option(help: ArgumentHelp("Scenario file or name in scenarios/ (2026: scenarios/2026/) (rehearsal mode).", valueName: "file|name"))
    var scenario: String?

    @Option(help: ArgumentHelp("2025 rehearsal only: answer every query recorded in FILE (a journal, a /previous_runs dump, a JSON array such as data/live-2025/*.json, a CSV) exactly as recorded, the rest by the scenario; the budget still counts. Repeat for several files.", valueName: "file"))
    var replay: [String] = []

    @OptionGroup var design: StrategySelection

    @Option(help: "Truth noise seed (replaces the scenario's; the same seed gives the same answers).", transform: SeedArgument.parse)
    var seed: UInt64?

    @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Hyperparameter effects in the surface fit: auto (the optimiser-steps and learning-rate effects the runs can identify) or none (the plain law on each model's best run).", valueName: "auto|none"))
    var effects: FrontierEstimator.EffectsChoice = .auto

    @Option(help: "Bootstrap resamples for the prediction's intervals (0: none).")
    var bootstrap: Int = 200

    @Option(help: ArgumentHelp("How the client reaches the mock in a rehearsal.", valueName: "http|in-process"))
    var transport: String = "http"

    @OptionGroup var service: ServiceOptions

    @Option(help: ArgumentHelp("2026 only: how the final run is chosen (\(PredictorChoice2026.names.joined(separator: ", "))).", valueName: "name"))
    var predictor: String?

    @Flag(help: "2026 only: POST the final run to /final_submission (never without this flag).")
    var submitFinal = false

    @Option(help: ArgumentHelp("2026, against a service: seconds between polls of an experiment in flight; a poll that brings nothing new waits 1.5 times longer, up to 12 times this.", valueName: "seconds"))
    var pollSeconds: Double = 10

    @Flag(help: "Skip the plots (no gnuplot needed); a missing gnuplot is only a note.")
    var noPlots = false

    func validate() throws {
        if api == .y2026 {
            if design.plan != nil || design.strategyFile != nil {
                throw ValidationError("--plan and --strategy-file apply only to --api 2025; with --api 2026 give --strategy \(StrategyCatalog2026.names.joined(separator: "|"))")
            }
            if let name = design.strategy, !StrategyCatalog2026.names.contains(name) {
                throw ValidationError("--strategy '\(name)': the 2026 strategies are \(StrategyCatalog2026.names.joined(separator: ", "))")
            }
            _ = try PredictorChoice2026.named(predictor)
            if submitFinal && scenario != nil { throw ValidationError("--submit-final applies to a live service (--api-url), not to a rehearsal") }
            guard pollSeconds.isFinite, (0.01...3600).contains(pollSeconds) else {
                throw ValidationError("--poll-seconds must be a number of seconds in 0.01...3600, got \(pollSeconds)")
            }
        } else {
            if submitFinal { throw ValidationError("--submit-final applies only to --api 2026") }
            if predictor != nil { throw ValidationError("--predictor applies only to --api 2026") }
        }
        if !replay.isEmpty && (api == .y2026 || scenario == nil) {
            throw ValidationError("--replay applies only to a 2025 rehearsal (--scenario NAME, not --api 2026 or --api-url)")
        }
        if scenario != nil && service.apiURL != nil {
            throw ValidationError("give --scenario (a rehearsal) or --api-url (a real service), not both")
        }
        if scenario == nil && service.apiURL == nil {
            throw ValidationError("give --scenario NAME to rehearse (see 'harness scenarios') or --api-url URL --api-key-file FILE to run against a service")
        }
        try OutputArguments.checkBootstrap(bootstrap)
        try OutputArguments.checkFolder(out)
        guard Rehearsal.Connection(rawValue: transport) != nil else {
            throw ValidationError("--transport must be http or in-process, got '\(transport)'")
        }
    }

    func run() async throws {
        if api == .y2026 {
            let run = Run2026(strategy: try StrategyCatalog2026.named(design.strategy ?? "adaptive"),
                              predictor: try PredictorChoice2026.named(predictor), seed: seed ?? 1, out: out, plots: !noPlots)
            if let scenario {
                try await run.rehearse(scenario: scenario)
            } else {
                try await run.live(service: service, submitFinal: submitFinal, pollSeconds: pollSeconds)
            }
            return
        }
        let strategy = try design.resolve(default: "adaptive")
        if let scenario {
            try await rehearse(scenarioPath: scenario, strategy: strategy)
        } else {
            try await live(strategy: strategy)
        }
    }

    func rehearse(scenarioPath: String, strategy: any Strategy) async throws {
        let scenario = try CommandFailure.reporting { try loadScenario(scenarioPath, replay: replay) }
        let folder = URL(fileURLWithPath: out ?? "results/run-\(scenario.name)-\(strategy.name)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let journal = folder.appendingPathComponent("journal.jsonl")
        // A rehearsal starts from nothing: the same command gives the same campaign.
        try? FileManager.default.removeItem(at: journal)
        let progress = ProgressMeter("\(strategy.name) on \(scenario.name)", total: 100)
        var rehearsal = Rehearsal(scenario: scenario, strategy: strategy, noiseSeed: seed,
                                  connection: Rehearsal.Connection(rawValue: transport)!, journalPath: journal.path,
                                  bootstrapResamples: bootstrap, predictionSeed: seed ?? 0)
        rehearsal.predictor.effects = effects
        let result = try await rehearsal.run { _, spent, budget in
            progress.update(Int(100 * Double(spent) / Double(budget)))
        }
        progress.update(100)
        let output = RunOutput(folder: folder, outcome: result.outcome, report: result.report,
                               truth: result.truth, scorecard: result.scorecard, scenario: scenario, plotsEnabled: !noPlots)
        try output.publish(wrote: "\(folder.path)/: journal.jsonl, outcome.json, runs.csv, fit.json, prediction.json, prediction.csv, truth.json, scorecard.json, writeup.md, report.html")
    }

    func live(strategy: any Strategy) async throws {
        let client = try service.makeClient()
        let known = await client.knownRuns
        let folder = URL(fileURLWithPath: out ?? "results/run-live-\(strategy.name)")
        let progress = ProgressMeter("\(strategy.name)", total: 100)
        let outcome = try await Campaign(strategy: strategy, rules: service.rules).resume(with: client) { _, spent, budget in
            progress.update(Int(100 * Double(spent) / Double(budget)))
        }
        var predictor = Predictor(bootstrapResamples: bootstrap, seed: seed ?? 0)
        predictor.effects = effects
        let report = try predictor.predict(runs: outcome.runs)
        let output = RunOutput(folder: folder, outcome: outcome, report: report, truth: nil, scorecard: nil, scenario: nil, plotsEnabled: !noPlots)
        print("\(known.count) run(s) came from the journal \(service.journal); \(outcome.runs.count - known.count) were asked now.")
        try output.publish(wrote: "\(folder.path)/")
    }
}
