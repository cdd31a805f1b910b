import Foundation
import MockAPIServer
import Scaling
import Testing

@Suite struct LedgerTests {
    static func query(_ dModel: Int, _ flops: Int64) -> Query {
        Query(configuration: Configuration(dModel: dModel, numLayers: 4, numHeads: 4, batchSize: 128, learningRate: 1e-3), trainFlops: flops)
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString).sqlite").path
    }

    @Test func sqliteStateSurvivesARestartBitForBit() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let oracle = FixtureOracle()
        var before: [String: [Run]] = [:]
        do {
            let ledger = try Ledger(store: try SQLiteLedgerStore(path: path), budget: oracle.rules.budget)
            for (i, key) in ["a", "b", "a"].enumerated() {
                _ = try ledger.answer(key: key, query: Self.query(64 + i, 10_000_000_000_000_000), loss: oracle.observedLoss)
            }
            _ = try ledger.answer(key: "a", query: Self.query(64, 10_000_000_000_000_000), loss: oracle.observedLoss)
            before = ["a": ledger.runs("a"), "b": ledger.runs("b")]
        }
        let reopened = try Ledger(store: try SQLiteLedgerStore(path: path), budget: oracle.rules.budget)
        #expect(reopened.runs("a") == before["a"])
        #expect(reopened.runs("b") == before["b"])
        #expect(reopened.spent("a") == 20_000_000_000_000_000)
        #expect(reopened.spent("b") == 10_000_000_000_000_000)
    }

    /// Many concurrent requests of one key for overlapping queries: each distinct query is charged
    /// once and the cap is never passed, whatever the interleaving.
    @Test func concurrentRequestsNeitherDoubleChargeNorPassTheCap() async throws {
        let oracle = FixtureOracle()
        let ledger = try Ledger(budget: oracle.rules.budget)
        let flops: Int64 = 300_000_000_000_000_000 // 3e17: at most 6 distinct fit under 2e18
        let accepted = await withTaskGroup(of: Query?.self) { group in
            for i in 0..<400 {
                group.addTask {
                    let q = Self.query(64 + i % 20, flops)
                    return (try? ledger.answer(key: "k", query: q, loss: oracle.observedLoss)) != nil ? q : nil
                }
            }
            var set = Set<Query>()
            for await q in group { if let q { set.insert(q) } }
            return set
        }
        #expect(accepted.count == 6)
        #expect(ledger.spent("k") == 6 * flops)
        #expect(ledger.runs("k").count == 6)
        #expect(Set(ledger.runs("k").map(\.query)) == accepted)
    }
}
