import Foundation
import GRDB

/// The `--state` file of the 2026 mock (SQLite via GRDB): a journal of every input that changed
/// the service (accepted submits, final submissions) with the virtual instant it arrived at, and
/// the virtual clock. The lifecycle is deterministic, so replaying the journal on the same
/// scenario and seed rebuilds every experiment, status, timestamp, run id, budget, final
/// submission and the id sequence exactly; the clock then resumes where it stood, and in-flight
/// runs finish in virtual time as if nothing had stopped. Each row is committed (fsync'd, SQLite's
/// default `synchronous=FULL`) before the request that caused it is answered.
///
/// ```swift
/// let store = try StateStore2026(path: "state.sqlite", identity: .init(scenario: "cs336-2026-live", seed: 1, apiVersion: "26.0.2", epochMicros: 0))
/// let (inputs, clock) = try store.load()
/// ```
public final class StateStore2026: Sendable {
    public static let format = "scaling-harness-mock-2026"
    public static let formatVersion = "1"

    /// What the journal is only valid for: replayed under another scenario, seed, version or
    /// epoch it would give other answers.
    public struct Identity: Sendable, Hashable {
        public var scenario: String
        public var seed: UInt64
        public var apiVersion: String
        public var epochMicros: Int64
        public init(scenario: String, seed: UInt64, apiVersion: String, epochMicros: Int64) {
            self.scenario = scenario
            self.seed = seed
            self.apiVersion = apiVersion
            self.epochMicros = epochMicros
        }
    }

    public enum Input: Sendable, Hashable {
        case submit(at: VirtualMicros, key: String, config: String, experimentID: Int64)
        case finalSubmission(at: VirtualMicros, key: String, config: String, predictedFinalLoss: Double)

        var at: VirtualMicros {
            switch self {
            case .submit(let t, _, _, _), .finalSubmission(let t, _, _, _): t
            }
        }
    }

    /// A century of virtual time: the latest instant a state file may hold.
    public static let maxVirtualMicros: VirtualMicros = 100 * 366 * 86_400 * 1_000_000

    let queue: DatabaseQueue
    let lock: StateFileLock
    public let path: String

    /// Refuses (`StateFileGuard`) in-memory paths, empty, cut, damaged, read-only or locked files.
    public init(path: String, identity: Identity) throws(StateFileError) {
        self.path = path
        (queue, lock) = try StateFileGuard.open(path: path)
        do {
            try queue.write { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                if tables.isEmpty {
                    try Self.create(db, identity: identity)
                    return
                }
                guard tables.contains("meta") else {
                    throw StateFileError(path: path, detail: "it holds the tables \(tables.joined(separator: ", ")) but no 'meta' table: not a state file of the 2026 mock (a 2025 'harness serve' state file?)")
                }
                var meta: [String: String] = [:]
                for (n, row) in try Row.fetchAll(db, sql: "SELECT name, value FROM meta").enumerated() {
                    let columns = StateColumns(path: path, table: "meta", row: row, rowName: String(n + 1))
                    let name: String = try columns.value(0, "name")
                    if meta[name] == nil { meta[name] = try columns.value(1, "value") }
                }
                guard meta["format"] == Self.format, meta["format_version"] == Self.formatVersion else {
                    throw StateFileError(path: path, detail: "its format is \(meta["format"] ?? "unknown") version \(meta["format_version"] ?? "unknown"); this server reads \(Self.format) version \(Self.formatVersion)")
                }
                let stored = [("scenario", identity.scenario), ("seed", String(identity.seed)), ("api_version", identity.apiVersion),
                              ("epoch_micros", String(identity.epochMicros))]
                for (name, expected) in stored where meta[name] != expected {
                    throw StateFileError(path: path, detail: "it was written with \(name) \(meta[name] ?? "unset") but this server runs with \(name) \(expected); use the same --scenario, --seed, --api-version and --start, or another --state file")
                }
                for table in ["inputs", "clock"] where !tables.contains(table) {
                    throw StateFileError(path: path, detail: "its '\(table)' table is missing: the file is damaged")
                }
            }
        } catch let error as StateFileError {
            throw error
        } catch {
            throw StateFileError(path: path, detail: "\(error)")
        }
    }

    private static func create(_ db: Database, identity: Identity) throws {
        try db.execute(sql: """
            CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE inputs (
                sequence INTEGER PRIMARY KEY,
                at_micros INTEGER NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('submit', 'final_submission')),
                api_key TEXT NOT NULL,
                training_config TEXT NOT NULL,
                experiment_id INTEGER,
                predicted_final_loss REAL
            );
            CREATE TABLE clock (id INTEGER PRIMARY KEY CHECK (id = 1), now_micros INTEGER NOT NULL);
            INSERT INTO clock (id, now_micros) VALUES (1, 0);
            """)
        for (name, value) in [("format", format), ("format_version", formatVersion), ("scenario", identity.scenario),
                              ("seed", String(identity.seed)), ("api_version", identity.apiVersion),
                              ("epoch_micros", String(identity.epochMicros))] {
            try db.execute(sql: "INSERT INTO meta (name, value) VALUES (?, ?)", arguments: [name, value])
        }
    }

    /// Every input in the order it arrived, and the clock.
    public func load() throws(StateFileError) -> (inputs: [Input], clock: VirtualMicros) {
        do {
            return try queue.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT sequence, at_micros, kind, api_key, training_config, experiment_id, predicted_final_loss
                    FROM inputs ORDER BY sequence
                    """)
                var inputs: [Input] = []
                var last: VirtualMicros = 0
                for (n, row) in rows.enumerated() {
                    let columns = StateColumns(path: path, table: "inputs", row: row, rowName: String(n + 1))
                    let sequence: Int64 = try columns.value(0, "sequence")
                    let at: VirtualMicros = try columns.value(1, "at_micros")
                    // Replay advances the lifecycle to each instant: a damaged one (negative, far
                    // future, out of order) would hang or rewind the server at start.
                    guard (last...Self.maxVirtualMicros).contains(at) else {
                        throw StateFileError(path: path, detail: "input \(sequence) arrived at \(at) µs, expected \(last)...\(Self.maxVirtualMicros) (after the input before it, within a century of virtual time): the file is damaged")
                    }
                    last = at
                    let kind: String = try columns.value(2, "kind")
                    let key: String = try columns.value(3, "api_key")
                    let config: String = try columns.value(4, "training_config")
                    switch kind {
                    case "submit":
                        guard let id: Int64 = try columns.optional(5, "experiment_id") else {
                            throw StateFileError(path: path, detail: "input \(sequence) is a submit without an experiment id: the file is damaged")
                        }
                        inputs.append(.submit(at: at, key: key, config: config, experimentID: id))
                    case "final_submission":
                        guard let loss: Double = try columns.optional(6, "predicted_final_loss"), loss.isFinite else {
                            throw StateFileError(path: path, detail: "input \(sequence) is a final submission without a finite loss: the file is damaged")
                        }
                        inputs.append(.finalSubmission(at: at, key: key, config: config, predictedFinalLoss: loss))
                    default:
                        throw StateFileError(path: path, detail: "input \(sequence) has kind '\(kind)', expected submit or final_submission: the file is damaged")
                    }
                }
                let clock = try Int64.fetchOne(db, sql: "SELECT now_micros FROM clock WHERE id = 1") ?? 0
                guard (last...Self.maxVirtualMicros).contains(clock) else {
                    throw StateFileError(path: path, detail: "its clock stands at \(clock) µs, expected \(last)...\(Self.maxVirtualMicros) (at or after the last input): the file is damaged")
                }
                return (inputs, clock)
            }
        } catch let error as StateFileError {
            throw error
        } catch {
            throw StateFileError(path: path, detail: "cannot read it (\(error))")
        }
    }

    /// Journals one input and the clock it arrived at, in one committed transaction.
    public func append(_ input: Input) throws {
        try queue.write { db in
            switch input {
            case .submit(let at, let key, let config, let id):
                try db.execute(sql: "INSERT INTO inputs (at_micros, kind, api_key, training_config, experiment_id) VALUES (?, 'submit', ?, ?, ?)",
                               arguments: [at, key, config, id])
            case .finalSubmission(let at, let key, let config, let loss):
                try db.execute(sql: "INSERT INTO inputs (at_micros, kind, api_key, training_config, predicted_final_loss) VALUES (?, 'final_submission', ?, ?, ?)",
                               arguments: [at, key, config, loss])
            }
            try db.execute(sql: "UPDATE clock SET now_micros = MAX(now_micros, ?) WHERE id = 1", arguments: [input.at])
        }
    }

    /// Records how far virtual time has run (answers already given may depend on it).
    public func saveClock(_ now: VirtualMicros) throws {
        try queue.write { db in
            try db.execute(sql: "UPDATE clock SET now_micros = MAX(now_micros, ?) WHERE id = 1", arguments: [now])
        }
    }
}
