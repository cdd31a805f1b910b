import ArgumentParser
import Foundation
import Scaling

/// `harness fit`: fit and predict from runs a user already has.
struct FitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit scaling laws to existing runs and predict the compute-optimal model for a target.",
        discussion: """
            --runs takes a run journal (JSON Lines, as 'harness run' and 'harness query' write it), a \
            /previous_runs dump ({"previous_runs": [...]}) or a CSV with the columns \
            d_model,num_layers,num_heads,batch_size,learning_rate,train_flops,loss.

            With --api 2026, --runs takes a GET /experiments dump or data/live-2026/runs.json; the \
            command prints the fitted runtime and memory models, the law and the recommended final \
            run for --budget-seconds (default 172800, 48 hours) with its predicted loss, interval and \
            runtime (--json: one JSON object), and writes into --out the write-up (writeup.md, \
            report.html) with its plots: every experiment's loss curve and the final losses against \
            compute with the final run's prediction marked.

            Examples:
              harness fit --runs runs/journal.jsonl
              harness fit --runs previous_runs.json --target 1e19 --bootstrap 1000 --out results/fit
              harness fit --api 2026 --runs data/live-2026/runs.json
              harness fit --api 2026 --runs experiments.json --json --budget-seconds 172800
            """)

    @Option(help: "Which API the runs come from: 2025 or 2026.")
    var api: Serve.APIYear = .y2025

    @Option(help: ArgumentHelp("The runs to fit.", valueName: "file"))
    var runs: String

    @Option(help: "Target compute budget (FLOPs) of the final run. (default: 1e19)", transform: ComputeArgument.parse)
    var target: ComputeArgument = ComputeArgument(1e19)

    @Option(help: ArgumentHelp("Hyperparameter effects in the surface fit: auto (the optimiser-steps and learning-rate effects the runs can identify) or none (the plain law on each model's best run).", valueName: "auto|none"))
    var effects: FrontierEstimator.EffectsChoice = .auto

    @Option(help: "Bootstrap resamples for the intervals (0: none; default 1000, 2026: 60).")
    var bootstrap: Int?

    @Option(help: "Bootstrap seed (default 0, 2026: 2026).", transform: SeedArgument.parse)
    var seed: UInt64?

    @Option(help: ArgumentHelp("2026 only: seconds of the final run's budget (default 172800).", valueName: "S"))
    var budgetSeconds: Double?

    @Flag(help: "2026 only: print the prediction as one JSON object.")
    var json = false

    @Option(help: ArgumentHelp("Output folder for fit.json, prediction.json, runs.csv, prediction.csv, plots and writeup.md.", valueName: "dir"))
    var out: String = "results/fit"

    @Flag(help: "Skip the plots (no gnuplot needed); a missing gnuplot is only a note.")
    var noPlots = false

    func validate() throws {
        if let b = bootstrap { try OutputArguments.checkBootstrap(b) }
        if let s = budgetSeconds, !(s.isFinite && s > 0) { throw ValidationError("--budget-seconds must be a positive number of seconds, got \(s)") }
        if api == .y2025, budgetSeconds != nil || json {
            throw ValidationError("\(json ? "--json" : "--budget-seconds") applies only to --api 2026 (this is --api 2025)")
        }
        try OutputArguments.checkFolder(out)
    }

    func run() async throws {
        if api == .y2026 { return try run2026() }
        let loaded = try RunsFile.load(path: runs)
        var predictor = Predictor(target: target.value, bootstrapResamples: bootstrap ?? 1000, seed: seed ?? 0)
        predictor.effects = effects
        let report = try predictor.predict(runs: loaded)
        let outcome = Campaign.Outcome(strategy: "runs from \(runs)", budget: APIRules.live.budget, runs: loaded)
        let output = RunOutput(folder: URL(fileURLWithPath: out), outcome: outcome, report: report,
                               truth: nil, scorecard: nil, scenario: nil, plotsEnabled: !noPlots)
        try output.publish(wrote: "\(out)/")
    }

    /// `--api 2026`: the 2026 predictor on a dump or runs.json.
    func run2026() throws {
        let records = try CommandFailure.reporting { () throws -> ExperimentRecords2026 in try ExperimentRecords2026.load(path: runs) }
        var options = Predictor2026.Options()
        if let b = bootstrap { options.bootstrapResamples = b }
        if let s = seed { options.seed = s }
        let prediction = try CommandFailure.reporting { () throws -> FinalRunPrediction2026 in
            try Predictor2026(options: options).predict(records.experiments, budgetSeconds: budgetSeconds ?? CampaignRules2026.finalBudgetSeconds)
        }
        let final = FinalRunChoice2026(config: prediction.config, predictedLoss: prediction.predictedLoss,
                                       interval95: prediction.lossInterval95, predictedRuntimeSeconds: prediction.runtime.expectedSeconds)
        let output = RunOutput2026(folder: URL(fileURLWithPath: out), title: "Fit of \(records.experiments.count) experiments from \(runs)",
                                   experiments: records.experiments, final: final, predictionError: nil, predictor: Predictor2026().name,
                                   scorecard: nil, warnings: prediction.warnings, refused: [], wallSeconds: nil,
                                   plotsEnabled: !noPlots, details: prediction.text)
        let (_, plots) = try output.write()
        if json {
            print(JSONText.pydantic(prediction.json))
        } else {
            print("\(records.experiments.count) experiments from \(runs)" + (records.skipped.isEmpty ? "" : " (\(records.skipped.count) skipped)"))
            print(prediction.text)
            print("\nwritten to \(out)/: experiments.json, final.json, writeup.md, report.html, \(plots.summary)")
        }
        plots.reportMissing(in: URL(fileURLWithPath: out))
    }
}
