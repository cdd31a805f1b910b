import Foundation
import GRDB
import MockAPIServer
import Scaling
import Testing

/// Issue 15, defects 3 and 4: a damaged, empty, non-persistent or read-only `--state` file is a
/// clear `StateFileError` at start, never a trap, extra budget or state silently forgotten.
@Suite struct StateFileTests {
    static func temporaryPath(_ name: String = "state.sqlite") -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("statefile-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    /// A runs table with the server's columns but no constraints, holding one row made of
    /// `values` (SQL literals in column order), as a hand edit or another program could leave it.
    static func stateFile(rows: [String]) throws -> String {
        let path = temporaryPath()
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE runs (api_key, sequence, d_model, num_layers, num_heads, batch_size, learning_rate, train_flops, loss)")
            for row in rows { try db.execute(sql: "INSERT INTO runs VALUES (\(row))") }
        }
        return path
    }

    static let good = "'sk-secret-key-1234', 0, 512, 8, 8, 128, 0.001, 10000000000000000, 4.5"

    @Test(arguments: [
        ("'sk-secret-key-1234', 0, 512, 8, 8, 128, 0.001, 10000000000000000, NULL", "loss is NULL"),
        ("'sk-secret-key-1234', 0, 512, 8, 8, 128, 0.001, 10000000000000000, 'NaN'", "loss is"),
        ("'sk-secret-key-1234', 0, 'wide', 8, 8, 128, 0.001, 10000000000000000, 4.5", "d_model is"),
        ("'sk-secret-key-1234', 0, 1e30, 8, 8, 128, 0.001, 10000000000000000, 4.5", "d_model is"),
        ("'sk-secret-key-1234', 0, -512, 8, 8, 128, 0.001, 10000000000000000, 4.5", "d_model is -512"),
        ("'sk-secret-key-1234', 0, 512, 8, 8, 128, 0.001, -10000000000000000, 4.5", "train_flops is -10000000000000000"),
        ("'sk-secret-key-1234', 0, 512, 8, 8, 128, 0.001, 0, 4.5", "train_flops is 0"),
        ("'sk-secret-key-1234', 5, 512, 8, 8, 128, 0.001, 10000000000000000, 4.5", "sequence is 5, expected 0"),
    ])
    func aDamagedRowIsAStateFileErrorWithoutTheKey(_ row: String, _ fragment: String) throws {
        let path = try Self.stateFile(rows: [row])
        #expect {
            _ = try Ledger(store: try SQLiteLedgerStore(path: path), budget: APIRules.live.budget)
        } throws: { error in
            let text = "\(error)"
            return error is StateFileError && text.contains(fragment) && !text.contains("sk-secret-key-1234")
        }
    }

    @Test func flopsSummingPastInt64SaturateInsteadOfTrapping() throws {
        let big = Int64.max / 2 + 1
        let path = try Self.stateFile(rows: [
            "'k', 0, 512, 8, 8, 128, 0.001, \(big), 4.5",
            "'k', 1, 256, 8, 8, 128, 0.001, \(big), 4.5",
        ])
        let ledger = try Ledger(store: try SQLiteLedgerStore(path: path), budget: APIRules.live.budget)
        #expect(ledger.spent("k") == .max)
        let query = Query(configuration: Configuration(dModel: 64, numLayers: 2, numHeads: 2, batchSize: 128, learningRate: 1e-3), trainFlops: 10_000_000_000_000)
        #expect(throws: BudgetExceeded.self) { try ledger.answer(key: "k", query: query) { _ in 5 } }
    }

    @Test(arguments: ["", ":memory:", " ", "file::memory:"])
    func aStateThatWouldNotPersistIsRefused(_ path: String) {
        #expect(throws: StateFileError.self) { try SQLiteLedgerStore(path: path) }
        let identity = StateStore2026.Identity(scenario: "s", seed: 1, apiVersion: "26.0.2", epochMicros: 0)
        #expect(throws: StateFileError.self) { try StateStore2026(path: path, identity: identity) }
    }

    @Test(arguments: [0, 1, 99])
    func aFileCutShortIsRefused(_ bytes: Int) throws {
        let path = Self.temporaryPath()
        FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x53, count: bytes))
        #expect {
            try SQLiteLedgerStore(path: path)
        } throws: { error in
            "\(error)".contains("\(bytes) byte")
        }
        let identity = StateStore2026.Identity(scenario: "s", seed: 1, apiVersion: "26.0.2", epochMicros: 0)
        #expect(throws: StateFileError.self) { try StateStore2026(path: path, identity: identity) }
    }

    @Test func junkAFolderAndAnotherSchemaAreRefused() throws {
        let junk = Self.temporaryPath()
        FileManager.default.createFile(atPath: junk, contents: Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }))
        #expect(throws: StateFileError.self) { try SQLiteLedgerStore(path: junk) }
        let folder = Self.temporaryPath("folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect { try SQLiteLedgerStore(path: folder) } throws: { "\($0)".contains("is a folder") }
        let other = Self.temporaryPath()
        try DatabaseQueue(path: other).write { db in try db.execute(sql: "CREATE TABLE runs (id INTEGER, payload TEXT)") }
        #expect { try SQLiteLedgerStore(path: other) } throws: { "\($0)".contains("its runs table has the columns id, payload") }
    }

    @Test func aReadOnlyStateFileIsRefusedAtStart() throws {
        guard getuid() != 0 else { return } // root writes through permissions; nothing to check
        let path = Self.temporaryPath()
        _ = try SQLiteLedgerStore(path: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        #expect { try SQLiteLedgerStore(path: path) } throws: { "\($0)".contains("readonly") || "\($0)".contains("read-only") }
    }

    @Test func aGoodFileStillOpensAndKeepsItsRuns() throws {
        let path = try Self.stateFile(rows: [Self.good])
        let ledger = try Ledger(store: try SQLiteLedgerStore(path: path), budget: APIRules.live.budget)
        #expect(ledger.spent("sk-secret-key-1234") == 10_000_000_000_000_000)
    }
}
