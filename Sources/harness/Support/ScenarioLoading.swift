import Foundation
import SyntheticTrainer

/// The scenario file `harness serve` and `harness run` put behind the mock API by default.
let defaultScenarioPath = "scenarios/cs336-live.yaml"

/// Turns a scenario file into the ground truth the mock answers from.
func loadLossOracle(scenarioPath: String) throws -> any LossOracle {
    try Scenario.load(from: URL(fileURLWithPath: scenarioPath))
}
