import SyntheticTrainer

/// The scenario file `harness serve` (and later `harness run`) puts behind the mock API.
let defaultScenarioPath = "scenarios/cs336-live.yaml"

/// Turns a scenario file into the ground truth the mock answers from.
///
/// The SyntheticTrainer's `Scenario.load(from:)` is not on this branch; at merge this body becomes
/// `try Scenario.load(from: URL(fileURLWithPath: scenarioPath))`.
func loadLossOracle(scenarioPath: String) throws -> any LossOracle {
    throw ScenarioLoadingError(description: "--scenario \(scenarioPath): scenario loading needs the SyntheticTrainer (not merged on this branch)")
}

struct ScenarioLoadingError: Error, CustomStringConvertible {
    let description: String
}
