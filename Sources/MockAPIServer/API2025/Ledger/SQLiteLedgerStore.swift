import GRDB
import Scaling

/// Runs in a SQLite file (GRDB), one row per (key, distinct query), written in a transaction that
/// is committed (SQLite's default `synchronous=FULL` in rollback-journal mode: fsync'd) before
/// `append` returns. Losses and learning rates are stored as 8-byte REALs, so a restarted server
/// answers bit for bit what it answered before.
///
/// ```swift
/// let store = try SQLiteLedgerStore(path: "state.sqlite")
/// let ledger = try Ledger(store: store, budget: rules.budget)
/// ```
///
/// Opening refuses, with a `StateFileError`, what would not keep the runs or would hand out
/// budget it should not (`StateFileGuard`: in-memory paths, empty or cut files, damaged,
/// read-only or locked by another server) and rows no server wrote (see `loadAll`).
public struct SQLiteLedgerStore: LedgerStore {
    let queue: DatabaseQueue
    let lock: StateFileLock
    public let path: String

    /// The columns of `runs`, in order.
    static let columns = ["api_key", "sequence", "d_model", "num_layers", "num_heads", "batch_size", "learning_rate", "train_flops", "loss"]

    public init(path: String) throws(StateFileError) {
        self.path = path
        (queue, lock) = try StateFileGuard.open(path: path)
        do {
            try queue.write { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                if tables.contains("meta") && !tables.contains("runs") {
                    throw StateFileError(path: path, detail: "it holds the tables \(tables.joined(separator: ", ")): a state file of the 2026 mock ('harness serve --api 2026'), not of the 2025 one")
                }
                if tables.contains("runs") {
                    let found = try Row.fetchAll(db, sql: "PRAGMA table_info(runs)").compactMap { $0["name"] as String? }
                    guard found == Self.columns else {
                        throw StateFileError(path: path, detail: "its runs table has the columns \(found.joined(separator: ", ")), expected \(Self.columns.joined(separator: ", ")): not a state file of this server")
                    }
                }
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS runs (
                        api_key TEXT NOT NULL,
                        sequence INTEGER NOT NULL,
                        d_model INTEGER NOT NULL,
                        num_layers INTEGER NOT NULL,
                        num_heads INTEGER NOT NULL,
                        batch_size INTEGER NOT NULL,
                        learning_rate REAL NOT NULL,
                        train_flops INTEGER NOT NULL,
                        loss REAL NOT NULL,
                        PRIMARY KEY (api_key, sequence),
                        UNIQUE (api_key, d_model, num_layers, num_heads, batch_size, learning_rate, train_flops)
                    )
                    """)
            }
        } catch let error as StateFileError {
            throw error
        } catch {
            throw StateFileError(path: path, detail: "\(error)")
        }
    }

    /// Every row, checked: each column present and of its type, whole numbers positive, the
    /// learning rate and loss finite, `train_flops` positive (a negative one would give the key
    /// budget), each key's sequences 0, 1, 2, ... without gaps (the next run is stored at the
    /// count). A bad row is a `StateFileError` naming the row (never printing its key).
    public func loadAll() throws -> [(key: String, run: Run)] {
        try queue.read { db in
            var next: [ExactKey: Int64] = [:] // byte for byte, as keys are compared
            return try Row.fetchAll(db, sql: """
                SELECT api_key, d_model, num_layers, num_heads, batch_size, learning_rate, train_flops, loss, sequence
                FROM runs ORDER BY api_key, sequence
                """).enumerated().map { n, row in
                let c = StateColumns(path: path, table: "runs", row: row, rowName: String(n + 1))
                func damaged(_ what: String) -> StateFileError {
                    StateFileError(path: path, detail: "runs row \(n + 1): \(what); the file is damaged")
                }
                func positive(_ index: Int, _ name: String) throws -> Int {
                    let v: Int64 = try c.value(index, name)
                    guard v > 0, let i = Int(exactly: v) else { throw damaged("\(name) is \(v), expected a positive whole number") }
                    return i
                }
                func finite(_ index: Int, _ name: String) throws -> Double {
                    let v: Double = try c.value(index, name)
                    guard v.isFinite else { throw damaged("\(name) is \(v), expected a finite number") }
                    return v
                }
                let key: String = try c.value(0, "api_key")
                let sequence: Int64 = try c.value(8, "sequence")
                guard sequence == next[ExactKey(key), default: 0] else {
                    throw damaged("sequence is \(sequence), expected \(next[ExactKey(key), default: 0]) (each key's runs are numbered 0, 1, 2, ...)")
                }
                next[ExactKey(key)] = sequence + 1
                let flops: Int64 = try c.value(6, "train_flops")
                guard flops > 0 else { throw damaged("train_flops is \(flops), expected a positive number of FLOPs") }
                return (key: key, run: Run(
                    configuration: Configuration(dModel: try positive(1, "d_model"), numLayers: try positive(2, "num_layers"),
                                                 numHeads: try positive(3, "num_heads"), batchSize: try positive(4, "batch_size"),
                                                 learningRate: try finite(5, "learning_rate")),
                    trainFlops: flops, loss: try finite(7, "loss")))
            }
        }
    }

    public func append(key: String, sequence: Int, run: Run) throws {
        let c = run.configuration
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO runs (api_key, sequence, d_model, num_layers, num_heads, batch_size, learning_rate, train_flops, loss)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [key, sequence, c.dModel, c.numLayers, c.numHeads, c.batchSize, c.learningRate, run.trainFlops, run.loss])
        }
    }
}

/// The `--state` file cannot be opened or is not a state file of this server.
public struct StateFileError: Error, CustomStringConvertible {
    public let path: String
    public let detail: String
    public var description: String { "--state \(path): cannot use it as the server's state (\(detail))" }
}
