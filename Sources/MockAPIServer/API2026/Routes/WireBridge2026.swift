import Foundation
import Scaling

/// Where the mock meets the wire layer (`Scaling/API2026/Wire`): reading bodies and path
/// parameters, and writing the response objects. The lifecycle keeps its own phases in virtual
/// microseconds; this turns them into the wire's objects at the scenario's epoch.
enum WireBridge2026 {
    /// The body as FastAPI holds it: `.isAnsweredBeforeAuth` for malformed JSON (422) and
    /// unparseable bytes (400), §1.2.
    static func readBody(_ request: TransportRequest) -> BodyReading {
        RequestBody2026.read(body: [UInt8](request.body), contentType: request.header("content-type"))
    }

    /// The answer of a body the route never validates (422, 400 or 500).
    static func rejection(_ r: BodyRejection) -> APIResponse {
        switch r {
        case .unprocessable(let issues): validation(issues)
        case .badRequest: APIResponse(status: 400, body: RequestBody2026.parseErrorBody)
        case .internalServerError: TrainingAPI2026.internalServerError
        }
    }

    /// A 422 `{"detail":[...]}` in Python's `json` style, or the 500 Starlette gives when an
    /// echoed input holds NaN or an infinity.
    static func validation(_ issues: [ValidationIssue]) -> APIResponse {
        guard let text = ValidationIssue.detailText(issues) else { return TrainingAPI2026.internalServerError }
        return APIResponse(status: 422, body: text)
    }

    static func trainingConfig(_ body: JSONValue, schema: WireSchema2026) -> Result<TrainingConfig, [ValidationIssue]> {
        TrainingConfig.validate(body, at: [.string("body")], schema: schema)
    }

    static func finalSubmission(_ body: JSONValue, schema: WireSchema2026) -> Result<FinalSubmissionRequest2026, [ValidationIssue]> {
        FinalSubmissionRequest2026.validate(body, schema: schema)
    }

    enum ExperimentID {
        case id(Int64)
        case invalid([ValidationIssue])
        case overflow
    }

    static func experimentID(_ segment: String) -> ExperimentID {
        switch PathParameter2026.experimentID(segment) {
        case .success(let id?): .id(id)
        case .success(nil): .overflow
        case .failure(let issues): .invalid(issues)
        }
    }

    static func budget(_ b: BudgetState2026) -> BudgetSummary2026 {
        BudgetSummary2026(usedSeconds: b.usedSeconds, remainingSeconds: b.remainingSeconds, totalBudgetSeconds: b.totalBudgetSeconds)
    }

    static func budgetBody(_ b: BudgetState2026) -> String { JSONText.pydantic(budget(b).json) }

    static func submitBody(id: Int64, budget b: BudgetState2026) -> String {
        JSONText.pydantic(SubmitResponse2026(experimentID: id, budgetSummary: budget(b)).json)
    }

    /// `{"detail":{"message":"insufficient budget","budget_summary":{...}}}` (§4.1).
    static func insufficientBudgetBody(_ b: BudgetState2026) -> String {
        JSONText.pydantic(ErrorDetail2026.insufficientBudget(budget(b)).json)
    }

    static func experiment(_ e: Experiment2026, epochMicros: Int64) -> ExperimentResponse2026 {
        func at(_ t: VirtualMicros) -> Int64 { epochMicros &+ t }
        let q = at(e.queuedAt)
        let status: ExperimentStatus2026 = switch e.phase {
        case .queued:
            .queued(queuedAt: q)
        case .running(let d, let losses):
            .running(queuedAt: q, dispatchedAt: at(d.dispatchedAt), runID: d.runID, valLosses: losses)
        case .completed(let d, let used, let losses, let end):
            .completed(queuedAt: q, dispatchedAt: at(d.dispatchedAt), runID: d.runID, usedRuntimeSeconds: used,
                       valLosses: losses, completedAt: at(end))
        case .failed(let d, let used, let reason, let end):
            .failed(queuedAt: q, dispatchedAt: at(d.dispatchedAt), runID: d.runID, usedRuntimeSeconds: used,
                    reason: failureReason(reason), failedAt: at(end))
        }
        return ExperimentResponse2026(experimentID: e.id, trainingConfig: e.config, status: status)
    }

    static func failureReason(_ f: ExperimentPhase2026.Failure) -> FailureReason2026 {
        switch f {
        case .timeout(let l): .timeout(partialValLosses: l)
        case .unexpected(let text): .unexpected(failure: text)
        }
    }

    static func experimentBody(_ e: Experiment2026, epochMicros: Int64) -> String {
        experiment(e, epochMicros: epochMicros).pydanticText(configText: e.configText)
    }

    static func experimentsBody(_ list: [Experiment2026], epochMicros: Int64) -> String {
        "[" + list.map { experimentBody($0, epochMicros: epochMicros) }.joined(separator: ",") + "]"
    }

    static func finalBody(_ f: FinalSubmission2026, epochMicros: Int64) -> String {
        JSONText.pydantic(FinalSubmissionResponse2026(trainingConfig: f.config, predictedFinalLoss: f.predictedFinalLoss,
                                                      submittedAt: epochMicros &+ f.submittedAt).json)
    }

    /// `{"detail":"..."}`.
    static func detail(_ text: String) -> String {
        JSONText.pydantic(ErrorDetail2026.message(text).json)
    }

    static func timestamp(_ t: VirtualMicros, epochMicros: Int64) -> String {
        WireTimestamp.string(microsecondsSinceEpoch: epochMicros &+ t)
    }

    /// The normalised config as stored in a state file, and read back.
    static func storedConfig(_ c: TrainingConfig) -> String { JSONText.pydantic(c.wireJSON) }

    static func loadStoredConfig(_ text: String, schema: WireSchema2026) -> TrainingConfig? {
        guard let value = try? JSONText.parse(Array(text.utf8)) else { return nil }
        return try? TrainingConfig.validate(value, at: [.string("body")], schema: schema).get()
    }
}

/// A key's final submission (§4.5): the normalised config, the prediction, when it was stored.
public struct FinalSubmission2026: Sendable, Hashable {
    public var config: TrainingConfig
    public var predictedFinalLoss: Double
    public var submittedAt: VirtualMicros
}
