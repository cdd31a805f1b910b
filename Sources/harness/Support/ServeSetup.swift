import Foundation
import MockAPIServer
import Scaling
import SyntheticTrainer

/// The API behind `serve` and `bench server`: the oracle, the key policy of `--keys`, and the
/// ledger in memory or in the SQLite file of `--state`.
func makeTrainingAPI(oracle: any LossOracle, keysFile: String?, stateFile: String?) throws -> TrainingAPI {
    let keys = try keysFile.map(KeyPolicy.load(file:)) ?? .anyNonEmpty
    let store: any LedgerStore = try stateFile.map(SQLiteLedgerStore.init(path:)) ?? InMemoryLedgerStore()
    return TrainingAPI(oracle: oracle, ledger: try Ledger(store: store, budget: oracle.rules.budget), keys: keys)
}

/// The scenario `harness serve --api 2026` puts behind the mock by default.
let defaultScenario2026 = "cs336-2026-live"

/// `serve --api 2026`'s flags, checked.
struct ServeOptions2026 {
    var scenario: String
    var keysFile: String?
    var stateFile: String?
    var timeScale: Double
    var schema: WireSchema2026
    var apiVersion: String
    var seed: UInt64?
    var epochMicros: Int64
    var admin: Bool
}

/// The 2026 API behind `serve --api 2026` and `bench server-2026`: the scenario's truth and
/// service behaviour, the key policy of `--keys` (any 8-digit key without it), and the journal of
/// `--state`, replayed before the first answer.
func makeTrainingAPI2026(_ o: ServeOptions2026, time: TrainingAPI2026.TimeSource) throws -> TrainingAPI2026 {
    let scenario = try Scenario2026.load(from: try ScenarioFiles.locate(o.scenario, in: Scenario2026.directory))
    let seed = o.seed ?? scenario.seed
    let keys = try o.keysFile.map(KeyPolicy.load(file:)) ?? .anyStudentID
    let store = try o.stateFile.map {
        try StateStore2026(path: $0, identity: .init(scenario: scenario.name, seed: seed, apiVersion: o.apiVersion, epochMicros: o.epochMicros))
    }
    let options = TrainingAPI2026.Options(schema: o.schema, keys: keys, seed: seed, epochMicros: o.epochMicros, time: time, admin: o.admin)
    return try TrainingAPI2026(truth: scenario.truth, behaviour: scenario.service, options: options, store: store)
}
