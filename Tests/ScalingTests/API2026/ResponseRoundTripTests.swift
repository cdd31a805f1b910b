import Foundation
import Testing
@testable import Scaling

/// Every response object written and read back (through pydantic text), and the errors a
/// client gets for a malformed one.
@Suite struct ResponseRoundTripTests {
    static func roundTrip<T: Equatable>(_ value: T, _ json: (T) -> JSONValue,
                                        _ decode: (JSONValue) throws(WireDecodingError) -> T) throws -> Bool {
        let text = JSONText.pydantic(json(value))
        return try decode(try JSONText.parse(Array(text.utf8))) == value
    }

    static let statuses: [ExperimentStatus2026] = [
        .queued(queuedAt: 1_777_506_396_972_380),
        .running(queuedAt: 1, dispatchedAt: 2_000_000, runID: "fc-01KQDT6BXQFMPGVWR3GTS3PVJ3", valLosses: []),
        .running(queuedAt: 1, dispatchedAt: 2, runID: "fc-TEST6", valLosses: [9.625, 8.92578125]),
        .completed(queuedAt: 1, dispatchedAt: 2, runID: "r", usedRuntimeSeconds: 10.18408550300228,
                   valLosses: [9.625, 8.92578125, 7.2], completedAt: 1_777_506_445_810_000),
        .failed(queuedAt: 1, dispatchedAt: 2, runID: "r", usedRuntimeSeconds: 35.5,
                reason: .timeout(partialValLosses: [9.1, 8.0]), failedAt: 3),
        .failed(queuedAt: 1, dispatchedAt: 2, runID: "r", usedRuntimeSeconds: 0,
                reason: .unexpected(failure: "XlaRuntimeError: RESOURCE_EXHAUSTED: Out of memory \"é\"\n"), failedAt: 3),
        .failed(queuedAt: 1, dispatchedAt: 2, runID: "r", usedRuntimeSeconds: 1e-7,
                reason: .timeout(partialValLosses: []), failedAt: -1),
    ]

    @Test func everyObjectRoundTrips() throws {
        var r = SplitMix64(state: 11)
        for status in Self.statuses {
            #expect(try Self.roundTrip(status, \.json, ExperimentStatus2026.init(json:)))
            let config = ConfigGenerator.valid(&r, schema: .current)
            let experiment = ExperimentResponse2026(experimentID: Int64(r.int(1...Int(Int64.max))), trainingConfig: config, status: status)
            #expect(try Self.roundTrip(experiment, \.json, ExperimentResponse2026.init(json:)))
            let final = FinalSubmissionResponse2026(trainingConfig: config, predictedFinalLoss: r.positive(upTo: 10),
                                                    submittedAt: Int64(r.int(0...4_000_000_000_000_000)))
            #expect(try Self.roundTrip(final, \.json, FinalSubmissionResponse2026.init(json:)))
        }
        let list = Self.statuses.enumerated().map { i, s in
            ExperimentResponse2026(experimentID: Int64(i + 14), trainingConfig: .handoutExample, status: s)
        }
        #expect(try ExperimentResponse2026.decodeList(JSONText.parse(Array(JSONText.pydantic(ExperimentResponse2026.listJSON(list)).utf8))) == list)
        #expect(JSONText.pydantic(ExperimentResponse2026.listJSON([])) == "[]")
        let budget = BudgetSummary2026(usedSeconds: 71.18408550300228)
        #expect(try Self.roundTrip(budget, \.json, BudgetSummary2026.init(json:)))
        #expect(try Self.roundTrip(SubmitResponse2026(experimentID: 1, budgetSummary: budget), \.json, SubmitResponse2026.init(json:)))
        for detail: ErrorDetail2026 in [.message("not found"), .insufficientBudget(budget),
                                        .validation([.missing(at: ["body"], enclosing: .null)])] {
            #expect(try Self.roundTrip(detail, \.json, ErrorDetail2026.init(json:)))
        }
        #expect(try FinalSubmissionResponse2026.decodeOptional(Array("null".utf8)) == nil)
        #expect(try FinalSubmissionResponse2026.decodeOptional([]) == nil)
    }

    @Test func statusKeysAreInWireOrder() {
        let failed = JSONText.pydantic(Self.statuses[4].json)
        #expect(failed == #"{"queued_at":"1970-01-01T00:00:00.000001Z","dispatched_at":"1970-01-01T00:00:00.000002Z","run_id":"r","used_runtime_seconds":35.5,"reason":{"partial_val_losses":[9.1,8.0],"reason":"timeout"},"failed_at":"1970-01-01T00:00:00.000003Z","status_type":"failed"}"#)
    }

    /// A client reading a malformed answer is told which field is wrong.
    @Test func decodingErrorsNameTheField() throws {
        func error(_ text: String, _ decode: (JSONValue) throws(WireDecodingError) -> Void) throws -> String {
            do { try decode(try JSONText.parse(Array(text.utf8))) } catch let e as WireDecodingError { return e.description }
            return "no error"
        }
        #expect(try error(#"{"used_seconds":1.0,"remaining_seconds":"x","total_budget_seconds":1.0}"#) { v throws(WireDecodingError) in _ = try BudgetSummary2026(json: v) }
                == "remaining_seconds: expected a number, got str")
        #expect(try error(#"{"experiment_id":1}"#) { v throws(WireDecodingError) in _ = try SubmitResponse2026(json: v) }
                == "budget_summary: missing in submit response")
        let experiment = JSONText.pydantic(ExperimentResponse2026(experimentID: 3, trainingConfig: .handoutExample, status: Self.statuses[2]).json)
        #expect(try error(experiment.replacingOccurrences(of: "8.92578125", with: "\"x\"")) { v throws(WireDecodingError) in _ = try ExperimentResponse2026(json: v) }
                == "status.val_losses[1]: expected a number, got str")
        #expect(try error(experiment.replacingOccurrences(of: "\"running\"", with: "\"paused\"")) { v throws(WireDecodingError) in _ = try ExperimentResponse2026(json: v) }
                == "status.status_type: unknown status 'paused' (expected queued, running, completed or failed)")
        #expect(try error(experiment.replacingOccurrences(of: "\"hidden_size\":448", with: "\"hidden_size\":449")) { v throws(WireDecodingError) in _ = try ExperimentResponse2026(json: v) }
                .hasPrefix("training_config: Value error, hidden_size must equal num_attention_heads * head_dim"))
        #expect(try error(experiment.replacingOccurrences(of: "2026", with: "20x6")) { v throws(WireDecodingError) in _ = try ExperimentResponse2026(json: v) }
                == "no error")
    }
}

@Suite("ExperimentResponse2026's text with a kept config text")
struct ExperimentResponseTextTests {
    @Test("pydanticText(configText:) is byte for byte JSONText.pydantic(json), in every status")
    func spliceEqualsEncoding() {
        let config = TrainingConfig.handoutExample
        let text = JSONText.pydantic(config.wireJSON)
        let statuses: [ExperimentStatus2026] = [
            .queued(queuedAt: 1_777_506_396_972_380),
            .running(queuedAt: 1, dispatchedAt: 2, runID: "fc-A", valLosses: [9.625, 8.92578125]),
            .completed(queuedAt: 1, dispatchedAt: 2, runID: "fc-A", usedRuntimeSeconds: 10.18408550300228,
                       valLosses: [9.625, 7.2], completedAt: 3),
            .failed(queuedAt: 1, dispatchedAt: 2, runID: "fc-A", usedRuntimeSeconds: 35.5,
                    reason: .timeout(partialValLosses: [9.1, 8.0]), failedAt: 4),
        ]
        for status in statuses {
            let r = ExperimentResponse2026(experimentID: 874, trainingConfig: config, status: status)
            #expect(r.pydanticText(configText: text) == JSONText.pydantic(r.json))
        }
    }
}
