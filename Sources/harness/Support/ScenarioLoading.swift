import Foundation
import SyntheticTrainer

/// The scenario file `harness serve` and `harness run` put behind the mock API by default.
let defaultScenarioPath = "scenarios/cs336-live.yaml"

/// Turns a scenario (a file or a name in scenarios/) into the ground truth the mock answers
/// from; with `replay` files, their recorded answers come first (`RecordedAnswers`).
func loadLossOracle(scenarioPath: String, replay: [String] = []) throws -> any LossOracle {
    try loadScenario(scenarioPath, replay: replay)
}

/// A 2025 scenario by file or name, with the recorded answers of `replay` (none when empty).
func loadScenario(_ nameOrPath: String, replay: [String]) throws -> Scenario {
    var scenario = try Scenario.load(from: try ScenarioFiles.locate(nameOrPath))
    if !replay.isEmpty { scenario.recorded = try RecordedAnswers.load(paths: replay) }
    return scenario
}
