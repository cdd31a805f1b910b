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

            Examples:
              harness truth --scenario cs336-live
              harness truth --scenario chinchilla-2022 --target 1e20 --json
              harness truth --scenario cs336-live --flops 1e17 \\
                --config d_model=512,num_layers=8,num_heads=8,batch_size=128,learning_rate=1e-3
            """)

    @Option(help: "A scenario file, or a name in scenarios/ (e.g. cs336-live).")
    var scenario: String

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
        let scenario = try Scenario.load(from: try ScenarioFiles.locate(self.scenario))
        if let config, let flops {
            let configuration = try Configuration(parsing: config)
            print(try TruthOutput.single(scenario, configuration, flops: flops, json: json), terminator: "")
        } else {
            print(try TruthOutput.report(try scenario.truthReport(target: target), json: json), terminator: "")
        }
    }
}
