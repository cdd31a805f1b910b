import Foundation
import MockAPIServer
import Scaling
import SyntheticTrainer

/// A closed-form test oracle: loss = 2 + 400/sqrt(N) + 1e4/D^0.3 + 50 (lr - 6e-4)^2 + (batch == 256 ? 0.01 : 0),
/// with N = 12 L d^2 and D = C / 6N. Deterministic in the query, as the protocol requires.
struct FixtureOracle: LossOracle {
    var rules: APIRules = .live
    func observedLoss(_ query: Query) -> Double {
        let c = query.configuration
        let n = c.nonEmbeddingParameters
        let d = c.tokens(trainFlops: Double(query.trainFlops))
        let lr = c.learningRate - 6e-4
        return 2 + 400 / n.squareRoot() + 1e4 / Double.pow(d, 0.3) + 50 * lr * lr + (c.batchSize == 256 ? 0.01 : 0)
    }
}

extension Double {
    static func pow(_ x: Double, _ y: Double) -> Double { exp(y * log(x)) }
}


func makeAPI(keys: KeyPolicy = .anyNonEmpty, store: any LedgerStore = InMemoryLedgerStore(), rules: APIRules = .live) throws -> TrainingAPI {
    TrainingAPI(oracle: FixtureOracle(rules: rules), ledger: try Ledger(store: store, budget: rules.budget), keys: keys)
}
