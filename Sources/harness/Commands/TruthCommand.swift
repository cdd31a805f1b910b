import ArgumentParser
import Foundation
import Scaling
import SyntheticTrainer

/// `harness truth`: what a scenario's ground truth says, at the target or for one configuration.
struct Truth: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a scenario's ground truth: the frontier, the best configuration at the target, or one configuration's loss.",
        discussion: """
            Without --config: the continuous compute-optimal frontier N*(C), D*(C), L*(C) at the \
            target and at every train_flops the API allows (with the best configuration the API \
            accepts there), the best configuration of the final-run space at the target, and the \
            scenario's description.
            With --config and --flops: the expected (noise-free) and the observed (what the mock \
            API answers) loss of that one configuration.
            With a 2026 scenario (scenarios/2026/): without --experiment, the best configuration \
            48 B200-hours buy under the runtime and memory models and its expected loss; with \
            --experiment FILE (a TrainingConfig JSON as POSTed to /submit), that run's outcome \
            under its max_runtime_seconds, runtime, peak memory and curve.

            Examples:
              harness truth --scenario cs336-live
              harness truth --scenario chinchilla-2022 --target 1e20 --json
              harness truth --scenario cs336-live --flops 1e17 \\
                --config d_model=512,num_layers=8,num_heads=8,batch_size=128,learning_rate=1e-3
              harness truth --scenario cs336-2026-live
              harness truth --scenario cs336-2026-live --experiment config.json --json
            """)

    @Option(help: "A scenario file, or a name in scenarios/ (e.g. cs336-live) or scenarios/2026/ (e.g. cs336-2026-live).")
    var scenario: String

    @Option(help: "2026 only: a TrainingConfig JSON file as POSTed to /submit.")
    var experiment: String?

    @Option(help: "2026 only: the run key that separates reruns of the same config (rerun noise and runtime jitter). (default: 0)", transform: SeedArgument.parse)
    var runKey: UInt64 = 0

    @Option(help: "The target budget in FLOPs (default: the scenario's, normally 1e19).")
    var target: Double?

    @Option(help: "One configuration, e.g. d_model=512,num_layers=8,num_heads=8,batch_size=128,learning_rate=1e-3.")
    var config: String?

    @Option(help: "FLOPs for --config (any positive number; the observed loss needs one the API allows).")
    var flops: Double?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        if let target, !(target.isFinite && target > 0) {
            throw ValidationError("--target must be a positive number of FLOPs, got \(target)")
        }
        if config != nil && flops == nil { throw ValidationError("--config needs --flops, e.g. --flops 1e17") }
        if flops != nil && config == nil { throw ValidationError("--flops is only used with --config") }
        if let flops, !(flops.isFinite && flops > 0) {
            throw ValidationError("--flops must be a positive number of FLOPs, got \(flops)")
        }
    }

    func run() throws {
        if let url = try CommandFailure.reporting({ try Scenario2026Loading.locate(self.scenario) }) {
            try CommandFailure.reporting {
                let s = try Scenario2026.load(from: url)
                if config != nil || target != nil {
                    throw ValidationError("--config, --flops and --target belong to 2025 scenarios; \(s.name) is a 2026 scenario (use --experiment FILE)")
                }
                if let experiment {
                    let c = try ExperimentFile2026.load(path: experiment)
                    print(Scenarios.fit(try TruthOutput2026.experiment(s, c, runKey: runKey, json: json), json: json), terminator: "")
                } else {
                    print(Scenarios.fit(try TruthOutput2026.target(s, try s.target(), json: json), json: json), terminator: "")
                }
            }
            return
        }
        if experiment != nil {
            throw ValidationError("--experiment needs a 2026 scenario (scenarios/2026/, e.g. cs336-2026-live); \(self.scenario) is not one")
        }
        let scenario = try Scenario.load(from: try ScenarioFiles.locate(self.scenario))
        if let config, let flops {
            let configuration = try Configuration(parsing: config)
            print(Scenarios.fit(try TruthOutput.single(scenario, configuration, flops: flops, json: json), json: json), terminator: "")
        } else {
            print(Scenarios.fit(try TruthOutput.report(try scenario.truthReport(target: target), json: json), json: json), terminator: "")
        }
    }
}
