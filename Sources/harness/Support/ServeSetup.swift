import MockAPIServer
import SyntheticTrainer

/// The API behind `serve` and `bench server`: the oracle, the key policy of `--keys`, and the
/// ledger in memory or in the SQLite file of `--state`.
func makeTrainingAPI(oracle: any LossOracle, keysFile: String?, stateFile: String?) throws -> TrainingAPI {
    let keys = try keysFile.map(KeyPolicy.load(file:)) ?? .anyNonEmpty
    let store: any LedgerStore = try stateFile.map(SQLiteLedgerStore.init(path:)) ?? InMemoryLedgerStore()
    return TrainingAPI(oracle: oracle, ledger: try Ledger(store: store, budget: oracle.rules.budget), keys: keys)
}
