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

            Examples:
              harness fit --runs runs/journal.jsonl
              harness fit --runs previous_runs.json --target 1e19 --bootstrap 1000 --out results/fit
            """)

    @Option(help: ArgumentHelp("The runs to fit.", valueName: "file"))
    var runs: String

    @Option(help: "Target compute budget (FLOPs) of the final run.")
    var target: ComputeArgument = ComputeArgument(1e19)

    @Option(help: ArgumentHelp("Hyperparameter effects in the surface fit: auto (the optimiser-steps and learning-rate effects the runs can identify) or none (the plain law on each model's best run).", valueName: "auto|none"))
    var effects: FrontierEstimator.EffectsChoice = .auto

    @Option(help: "Bootstrap resamples for the intervals (0: none).")
    var bootstrap: Int = 1000

    @Option(help: "Bootstrap seed.")
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("Output folder for fit.json, prediction.json, plots and writeup.md.", valueName: "dir"))
    var out: String = "results/fit"

    func validate() throws {
        try OutputArguments.checkBootstrap(bootstrap)
        try OutputArguments.checkFolder(out)
    }

    func run() async throws {
        let loaded = try RunsFile.load(path: runs)
        var predictor = Predictor(target: target.value, bootstrapResamples: bootstrap, seed: seed)
        predictor.effects = effects
        let report = try predictor.predict(runs: loaded)
        let outcome = Campaign.Outcome(strategy: "runs from \(runs)", budget: APIRules.live.budget, runs: loaded)
        let output = RunOutput(folder: URL(fileURLWithPath: out), outcome: outcome, report: report,
                               truth: nil, scorecard: nil, scenario: nil)
        try output.publish(wrote: "\(out)/")
    }
}
