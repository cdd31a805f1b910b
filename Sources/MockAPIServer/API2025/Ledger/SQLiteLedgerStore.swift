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
public struct SQLiteLedgerStore: LedgerStore {
    let queue: DatabaseQueue
    public let path: String

    public init(path: String) throws {
        self.path = path
        do {
            queue = try DatabaseQueue(path: path)
            try queue.write { db in
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
        } catch {
            throw StateFileError(path: path, detail: "\(error)")
        }
    }

    public func loadAll() throws -> [(key: String, run: Run)] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT api_key, d_model, num_layers, num_heads, batch_size, learning_rate, train_flops, loss
                FROM runs ORDER BY api_key, sequence
                """).enumerated().map { n, row in
                let c = StateColumns(path: path, table: "runs", row: row, rowName: String(n + 1))
                return (key: try c.value(0, "api_key", as: String.self), run: Run(
                    configuration: Configuration(dModel: try c.value(1, "d_model"), numLayers: try c.value(2, "num_layers"),
                                                 numHeads: try c.value(3, "num_heads"), batchSize: try c.value(4, "batch_size"),
                                                 learningRate: try c.value(5, "learning_rate")),
                    trainFlops: try c.value(6, "train_flops"), loss: try c.value(7, "loss")))
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
