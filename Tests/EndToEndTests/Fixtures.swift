import Foundation
import MockAPIServer
import Scaling
import SyntheticTrainer

/// A Chinchilla-shaped test oracle, L = E + A / N^alpha + B / D^beta with the published fit
/// (E 1.69, A 406.4, alpha 0.34, B 410.7, beta 0.28), N = 12 L d^2 and D = C / 6N, plus a
/// learning-rate bowl. A test fixture only: the real ground truth is the SyntheticTrainer's.
struct ChinchillaFixture: LossOracle {
    var rules: APIRules = .live
    static let law = ChinchillaLaw(E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28)
    func observedLoss(_ query: Query) -> Double {
        let c = query.configuration
        let n = c.nonEmbeddingParameters
        let d = c.tokens(trainFlops: Double(query.trainFlops))
        let bowl = log10(c.learningRate / 6e-4)
        return Self.law.loss(logParameters: log(n), logTokens: log(d)) + 0.1 * bowl * bowl
    }
}

enum Fixtures {
    static func api(keys: KeyPolicy = .anyNonEmpty, state: String? = nil) throws -> TrainingAPI {
        let oracle = ChinchillaFixture()
        let store: any LedgerStore = try state.map(SQLiteLedgerStore.init(path:)) ?? InMemoryLedgerStore()
        return TrainingAPI(oracle: oracle, ledger: try Ledger(store: store, budget: oracle.rules.budget), keys: keys)
    }

    static func temporaryPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("harness-e2e-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    static func key(_ text: String) -> APIKey { try! APIKey(text, source: "test") }

    /// Fast retries for tests (a few milliseconds), still bounded.
    static let quickRetry = RetryPolicy(maxAttempts: 4, baseDelay: 0.01, maxDelay: 0.05, jitter: 0.5, seed: 7)

    static func client(_ url: URL, key: String, journal: String? = nil, retry: RetryPolicy = quickRetry) throws -> TrainingAPIClient {
        try TrainingAPIClient(baseURL: url, apiKey: Self.key(key), rules: .live, journal: journal.map(RunJournal.init(path:)), retry: retry, timeout: 10)
    }

    /// A campaign of `count` distinct valid queries (seeded, so every run of it is the same).
    static func campaign(_ count: Int, flops: Int64 = 10_000_000_000_000_000) -> [Query] {
        (0..<count).map { i in
            Query(configuration: Configuration(dModel: 64 + 32 * (i % 30), numLayers: 2 + i / 30, numHeads: 2 + i % 7,
                                               batchSize: i % 2 == 0 ? 128 : 256, learningRate: 1e-4 + 1e-5 * Double(i % 90)),
                  trainFlops: flops)
        }
    }

    /// The repository root (tests/python lives there).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
