import Foundation

/// Why a file of 2026 experiments could not be read: the file, the record (its index in the
/// array) and the field, and what was wrong.
public struct ExperimentRecordsError2026: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// The record's position in the top-level array, `nil` for a problem with the whole file.
    public var recordIndex: Int?
    public var field: String
    public var problem: String

    public init(file: String, recordIndex: Int?, field: String, problem: String) {
        self.file = file
        self.recordIndex = recordIndex
        self.field = field
        self.problem = problem
    }

    public var description: String {
        var s = file
        if let i = recordIndex { s += ": record \(i)" }
        if !field.isEmpty { s += ": \(field)" }
        return s + ": " + problem
    }
}

/// 2026 experiments read from a file, in one of two formats (detected per record):
///
/// * a `GET /experiments` dump: a JSON array of `ExperimentResponse2026` objects, exactly as the
///   service answers (docs/api-2026-contract.md §5);
/// * the project's `data/live-2026/runs.json` (see `data/live-2026/README.md`): records that wrap
///   a response's parts with provenance (`training_config`, `status.status_type`,
///   `status.failure_reason`, `status.failure_text`, `used_runtime_seconds`, `val_losses`,
///   `partial_val_losses`, `timestamps`, `run_id`, `experiment_id`).
///
/// A runs.json record whose status the source did not publish (`status_type` null) is no
/// evidence; it is listed in `skipped` with its reason instead of being guessed. A timeout whose
/// runtime was not published gets `max_runtime_seconds` (it ran at least that long). Nothing
/// here traps: every problem is an `ExperimentRecordsError2026` naming file, record and field.
///
/// ```swift
/// let records = try ExperimentRecords2026.load(path: "data/live-2026/runs.json")
/// records.experiments.count   // 177
/// records.skipped             // []
/// ```
public struct ExperimentRecords2026: Sendable {
    public var experiments: [ExperimentResponse2026]
    /// Records left out, with their index and why.
    public var skipped: [(index: Int, reason: String)]

    public init(experiments: [ExperimentResponse2026], skipped: [(index: Int, reason: String)] = []) {
        self.experiments = experiments
        self.skipped = skipped
    }

    public static func load(path: String) throws(ExperimentRecordsError2026) -> ExperimentRecords2026 {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ExperimentRecordsError2026(file: path, recordIndex: nil, field: "", problem: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(data, file: path)
    }

    public static func parse(_ bytes: some Collection<UInt8>, file: String = "<input>") throws(ExperimentRecordsError2026) -> ExperimentRecords2026 {
        let json: JSONValue
        do { json = try JSONText.parse(bytes) } catch {
            throw ExperimentRecordsError2026(file: file, recordIndex: nil, field: "", problem: "not JSON: \(error.message) at character \(error.offset)")
        }
        guard case .array(let items) = json else {
            throw ExperimentRecordsError2026(file: file, recordIndex: nil, field: "",
                                             problem: "expected a JSON array of experiments (a GET /experiments dump or runs.json), got \(json.pythonTypeName)")
        }
        var out = ExperimentRecords2026(experiments: [])
        for (i, item) in items.enumerated() {
            do {
                if isLiveRecord(item) {
                    if let e = try liveRecord(item) { out.experiments.append(e) } else {
                        out.skipped.append((i, "status not published (status.status_type is null)"))
                    }
                } else {
                    out.experiments.append(try ExperimentResponse2026(json: item))
                }
            } catch {
                throw ExperimentRecordsError2026(file: file, recordIndex: i, field: error.path, problem: error.problem)
            }
        }
        return out
    }

    /// A runs.json record has `status.status_type` beside top-level `val_losses`/`used_runtime_seconds`;
    /// a wire response keeps those inside `status`.
    static func isLiveRecord(_ v: JSONValue) -> Bool {
        v["used_runtime_seconds"] != nil || v["val_losses"] != nil || v["partial_val_losses"] != nil || v["derived"] != nil
    }

    static func liveRecord(_ v: JSONValue) throws(WireDecodingError) -> ExperimentResponse2026? {
        let o = try WireObject(v, "runs.json record")
        let id = Int64(try o.int("experiment_id"))
        let config = try o.nested("training_config") { v throws(WireDecodingError) in try TrainingConfig(json: v) }
        let status = try WireObject(try o.value("status"), "status")
        let type: String
        switch try status.value("status_type") {
        case .null: return nil
        case .string(let s): type = s
        case let other: throw WireDecodingError(path: "status.status_type", problem: "expected a string or null, got \(other.pythonTypeName)")
        }
        let times = o.optionalValue("timestamps").flatMap { try? WireObject($0, "timestamps") }
        func time(_ key: String) throws(WireDecodingError) -> Int64 {
            guard let t = times, let raw = t.optionalValue(key), raw != .null else { return 0 }
            do { return try t.timestamp(key) } catch { throw error.nested(under: "timestamps") }
        }
        let queued = try time("queued_at"), dispatched = try time("dispatched_at")
        let runID = o.optionalValue("run_id")?.stringValue ?? ""
        func losses(_ key: String) throws(WireDecodingError) -> [Double] {
            guard let raw = o.optionalValue(key), raw != .null else { return [] }
            return try o.doubles(key)
        }
        let used: Double? = o.optionalValue("used_runtime_seconds") == nil ? nil : try o.optionalDouble("used_runtime_seconds")
        switch type {
        case "completed":
            guard let used else { throw WireDecodingError(path: "used_runtime_seconds", problem: "null for a completed run (expected seconds)") }
            return ExperimentResponse2026(experimentID: id, trainingConfig: config, status: .completed(
                queuedAt: queued, dispatchedAt: dispatched, runID: runID, usedRuntimeSeconds: used,
                valLosses: try losses("val_losses"), completedAt: try time("completed_at")))
        case "failed":
            let reason: FailureReason2026
            let why = status.optionalValue("failure_reason")?.stringValue
            switch why {
            case "timeout": reason = .timeout(partialValLosses: try losses("partial_val_losses"))
            case "unexpected": reason = .unexpected(failure: status.optionalValue("failure_text")?.stringValue ?? "")
            default: throw WireDecodingError(path: "status.failure_reason", problem: "'\(why ?? "null")' (expected timeout or unexpected)")
            }
            let seconds: Double
            if let used { seconds = used } else if case .timeout = reason { seconds = config.maxRuntimeSeconds } else { seconds = 0 }
            return ExperimentResponse2026(experimentID: id, trainingConfig: config, status: .failed(
                queuedAt: queued, dispatchedAt: dispatched, runID: runID, usedRuntimeSeconds: seconds, reason: reason,
                failedAt: try time("failed_at")))
        case "queued": return ExperimentResponse2026(experimentID: id, trainingConfig: config, status: .queued(queuedAt: queued))
        case "running":
            return ExperimentResponse2026(experimentID: id, trainingConfig: config, status: .running(
                queuedAt: queued, dispatchedAt: dispatched, runID: runID, valLosses: try losses("val_losses")))
        default:
            throw WireDecodingError(path: "status.status_type", problem: "unknown status '\(type)' (expected completed, failed, queued or running)")
        }
    }
}
