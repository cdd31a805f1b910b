/// The 2026 service's 2xx objects (docs/api-2026-contract.md §2.1, §5), written in wire order with
/// `JSONText.pydantic` and read back by the client. Timestamps are microseconds since the
/// Unix epoch.
///
/// ```swift
/// let b = BudgetSummary2026(usedSeconds: 30, remainingSeconds: 43170, totalBudgetSeconds: 43200)
/// JSONText.pydantic(SubmitResponse2026(experimentID: 1, budgetSummary: b).json)
/// // {"experiment_id":1,"budget_summary":{"used_seconds":30.0,"remaining_seconds":43170.0,"total_budget_seconds":43200.0}}
/// ```
public struct BudgetSummary2026: Hashable, Sendable {
    public var usedSeconds: Double
    public var remainingSeconds: Double
    public var totalBudgetSeconds: Double

    public init(usedSeconds: Double, remainingSeconds: Double, totalBudgetSeconds: Double) {
        self.usedSeconds = usedSeconds
        self.remainingSeconds = remainingSeconds
        self.totalBudgetSeconds = totalBudgetSeconds
    }

    /// `remaining = total − used` as the server computes it (one float subtraction, §6).
    public init(usedSeconds: Double, totalBudgetSeconds: Double = 43_200) {
        self.init(usedSeconds: usedSeconds, remainingSeconds: totalBudgetSeconds - usedSeconds,
                  totalBudgetSeconds: totalBudgetSeconds)
    }

    public var json: JSONValue {
        .object(["used_seconds": .double(usedSeconds), "remaining_seconds": .double(remainingSeconds),
                 "total_budget_seconds": .double(totalBudgetSeconds)])
    }

    public init(json: JSONValue) throws(WireDecodingError) {
        let o = try WireObject(json, "budget summary")
        usedSeconds = try o.double("used_seconds")
        remainingSeconds = try o.double("remaining_seconds")
        totalBudgetSeconds = try o.double("total_budget_seconds")
    }
}

/// `POST /submit`'s 200: `{"experiment_id", "budget_summary"}`, the summary already holding
/// the new reservation.
public struct SubmitResponse2026: Hashable, Sendable {
    public var experimentID: Int64
    public var budgetSummary: BudgetSummary2026

    public init(experimentID: Int64, budgetSummary: BudgetSummary2026) {
        self.experimentID = experimentID
        self.budgetSummary = budgetSummary
    }

    public var json: JSONValue {
        .object(["experiment_id": .int(Int(experimentID)), "budget_summary": budgetSummary.json])
    }

    public init(json: JSONValue) throws(WireDecodingError) {
        let o = try WireObject(json, "submit response")
        experimentID = Int64(try o.int("experiment_id"))
        budgetSummary = try o.nested("budget_summary") { v throws(WireDecodingError) in try BudgetSummary2026(json: v) }
    }
}

/// Why a run failed (`status.reason`), discriminated by its `reason` key.
public enum FailureReason2026: Hashable, Sendable {
    /// `{"partial_val_losses":[...],"reason":"timeout"}`: the losses logged before the clock ran out.
    case timeout(partialValLosses: [Double])
    /// `{"failure":"<ExceptionType>: <message>","reason":"unexpected"}`.
    case unexpected(failure: String)

    public var json: JSONValue {
        switch self {
        case .timeout(let losses):
            .object(["partial_val_losses": .array(losses.map(JSONValue.double)), "reason": "timeout"])
        case .unexpected(let failure):
            .object(["failure": .string(failure), "reason": "unexpected"])
        }
    }

    public init(json: JSONValue) throws(WireDecodingError) {
        let o = try WireObject(json, "failure reason")
        switch try o.string("reason") {
        case "timeout": self = .timeout(partialValLosses: try o.doubles("partial_val_losses"))
        case "unexpected": self = .unexpected(failure: try o.string("failure"))
        case let other: throw WireDecodingError(path: "reason", problem: "unknown failure reason '\(other)' (expected timeout or unexpected)")
        }
    }
}

/// An experiment's `status`, discriminated by `status_type` (written last, §5).
public enum ExperimentStatus2026: Hashable, Sendable {
    case queued(queuedAt: Int64)
    case running(queuedAt: Int64, dispatchedAt: Int64, runID: String, valLosses: [Double])
    case completed(queuedAt: Int64, dispatchedAt: Int64, runID: String, usedRuntimeSeconds: Double,
                   valLosses: [Double], completedAt: Int64)
    case failed(queuedAt: Int64, dispatchedAt: Int64, runID: String, usedRuntimeSeconds: Double,
                reason: FailureReason2026, failedAt: Int64)

    /// `queued`, `running`, `completed` or `failed`.
    public var statusType: String {
        switch self {
        case .queued: "queued"
        case .running: "running"
        case .completed: "completed"
        case .failed: "failed"
        }
    }

    public var queuedAt: Int64 {
        switch self {
        case .queued(let q), .running(let q, _, _, _), .completed(let q, _, _, _, _, _), .failed(let q, _, _, _, _, _): q
        }
    }

    /// The losses a dashboard plots: running and completed `val_losses`, a timeout's partial
    /// losses, none otherwise (§4.7).
    public var visibleLosses: [Double] {
        switch self {
        case .running(_, _, _, let l), .completed(_, _, _, _, let l, _): l
        case .failed(_, _, _, _, .timeout(let l), _): l
        case .queued, .failed: []
        }
    }

    public var json: JSONValue {
        func time(_ us: Int64) -> JSONValue { .string(WireTimestamp.string(microsecondsSinceEpoch: us)) }
        func losses(_ l: [Double]) -> JSONValue { .array(l.map(JSONValue.double)) }
        switch self {
        case .queued(let q):
            return .object(["queued_at": time(q), "status_type": "queued"])
        case .running(let q, let d, let run, let l):
            return .object(["queued_at": time(q), "dispatched_at": time(d), "run_id": .string(run),
                            "val_losses": losses(l), "status_type": "running"])
        case .completed(let q, let d, let run, let used, let l, let done):
            return .object(["queued_at": time(q), "dispatched_at": time(d), "run_id": .string(run),
                            "used_runtime_seconds": .double(used), "val_losses": losses(l),
                            "completed_at": time(done), "status_type": "completed"])
        case .failed(let q, let d, let run, let used, let reason, let failed):
            return .object(["queued_at": time(q), "dispatched_at": time(d), "run_id": .string(run),
                            "used_runtime_seconds": .double(used), "reason": reason.json,
                            "failed_at": time(failed), "status_type": "failed"])
        }
    }

    public init(json: JSONValue) throws(WireDecodingError) {
        let o = try WireObject(json, "experiment status")
        let type = try o.string("status_type")
        let q = try o.timestamp("queued_at")
        switch type {
        case "queued":
            self = .queued(queuedAt: q)
        case "running":
            self = .running(queuedAt: q, dispatchedAt: try o.timestamp("dispatched_at"), runID: try o.string("run_id"),
                            valLosses: try o.doubles("val_losses"))
        case "completed":
            self = .completed(queuedAt: q, dispatchedAt: try o.timestamp("dispatched_at"), runID: try o.string("run_id"),
                              usedRuntimeSeconds: try o.double("used_runtime_seconds"), valLosses: try o.doubles("val_losses"),
                              completedAt: try o.timestamp("completed_at"))
        case "failed":
            self = .failed(queuedAt: q, dispatchedAt: try o.timestamp("dispatched_at"), runID: try o.string("run_id"),
                           usedRuntimeSeconds: try o.double("used_runtime_seconds"),
                           reason: try o.nested("reason") { v throws(WireDecodingError) in try FailureReason2026(json: v) },
                           failedAt: try o.timestamp("failed_at"))
        default:
            throw WireDecodingError(path: "status_type", problem: "unknown status '\(type)' (expected queued, running, completed or failed)")
        }
    }
}

/// One experiment as `GET /experiments` lists it and `GET /experiment/{id}` answers it.
public struct ExperimentResponse2026: Hashable, Sendable {
    public var experimentID: Int64
    public var trainingConfig: TrainingConfig
    public var status: ExperimentStatus2026

    public init(experimentID: Int64, trainingConfig: TrainingConfig, status: ExperimentStatus2026) {
        self.experimentID = experimentID
        self.trainingConfig = trainingConfig
        self.status = status
    }

    public var json: JSONValue {
        .object(["experiment_id": .int(Int(experimentID)), "training_config": trainingConfig.wireJSON, "status": status.json])
    }

    public init(json: JSONValue) throws(WireDecodingError) {
        let o = try WireObject(json, "experiment")
        experimentID = Int64(try o.int("experiment_id"))
        trainingConfig = try o.nested("training_config") { v throws(WireDecodingError) in try TrainingConfig(json: v) }
        status = try o.nested("status") { v throws(WireDecodingError) in try ExperimentStatus2026(json: v) }
    }

    /// `JSONText.pydantic(json)`, with the config's own pydantic text given: a server that keeps
    /// each experiment's (immutable) config text writes a poll's answer without re-encoding it.
    public func pydanticText(configText: String) -> String {
        "{\"experiment_id\":\(experimentID),\"training_config\":\(configText),\"status\":\(JSONText.pydantic(status.json))}"
    }

    /// `GET /experiments`: a JSON array, possibly `[]`.
    public static func listJSON(_ experiments: [ExperimentResponse2026]) -> JSONValue {
        .array(experiments.map(\.json))
    }

    public static func decodeList(_ json: JSONValue) throws(WireDecodingError) -> [ExperimentResponse2026] {
        guard case .array(let items) = json else {
            throw WireDecodingError(path: "", problem: "expected the experiments as a JSON array, got \(json.pythonTypeName)")
        }
        var out: [ExperimentResponse2026] = []
        for (i, item) in items.enumerated() {
            do { out.append(try ExperimentResponse2026(json: item)) } catch { throw error.nested(under: "[\(i)]") }
        }
        return out
    }
}

/// The `detail` of a non-2xx answer (§11): a string (401, 404, 409, internal 500), the
/// insufficient-budget object (400), or FastAPI's validation list (422).
public enum ErrorDetail2026: Hashable, Sendable {
    case message(String)
    case insufficientBudget(message: String, budgetSummary: BudgetSummary2026)
    case validation([ValidationIssue])

    /// The whole body, `{"detail": ...}`.
    public var json: JSONValue {
        let detail: JSONValue = switch self {
        case .message(let m): .string(m)
        case .insufficientBudget(let m, let b): .object(["message": .string(m), "budget_summary": b.json])
        case .validation(let issues): .array(issues.map(\.json))
        }
        return .object(["detail": detail])
    }

    /// `{"detail":{"message":"insufficient budget","budget_summary":{...}}}`, with the summary
    /// from before the request (§4.1).
    public static func insufficientBudget(_ summary: BudgetSummary2026) -> ErrorDetail2026 {
        .insufficientBudget(message: "insufficient budget", budgetSummary: summary)
    }

    public init(json: JSONValue) throws(WireDecodingError) {
        let o = try WireObject(json, "error body")
        let detail = try o.value("detail")
        switch detail {
        case .string(let s): self = .message(s)
        case .object:
            let d = try WireObject(detail, "error detail")
            let message = try d.string("message")
            let budget = try d.nested("budget_summary") { v throws(WireDecodingError) in try BudgetSummary2026(json: v) }
            self = .insufficientBudget(message: message, budgetSummary: budget)
        case .array(let items):
            var issues: [ValidationIssue] = []
            for (i, item) in items.enumerated() {
                do { issues.append(try ValidationIssue(json: item)) } catch { throw error.nested(under: "detail[\(i)]") }
            }
            self = .validation(issues)
        default:
            throw WireDecodingError(path: "detail", problem: "expected a string, an object or an array, got \(detail.pythonTypeName)")
        }
    }
}
