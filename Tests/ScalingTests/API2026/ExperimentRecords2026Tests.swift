import Foundation
import Testing
@testable import Scaling

/// The 2026 loader: runs.json and /experiments dumps, and clear errors on bad input.
@Suite struct ExperimentRecords2026Tests {
    @Test func readsEveryRealRun() throws {
        let records = try ExperimentRecords2026.load(path: LiveRuns2026Data.path)
        #expect(records.experiments.count == 177)
        #expect(records.skipped.isEmpty)
        let outcomes = records.experiments.map(ExperimentOutcome2026.init)
        #expect(outcomes.filter(\.isCompleted).count == 153)
        #expect(outcomes.filter(\.isOutOfMemory).count == 6)
        #expect(outcomes.filter { if case .timeout = $0 { true } else { false } }.count == 18)
        let first = try #require(records.experiments.first)
        #expect(first.experimentID == 874)
        #expect(first.trainingConfig.architecture.nonEmbeddingParameters == 22_717_888)
        #expect(first.status.visibleLosses.count == 16)
    }

    /// A dump written from the responses reads back into the same responses.
    @Test func readsAnExperimentsDump() throws {
        let live = Array(LiveRuns2026Data.all.prefix(30))
        let text = JSONText.pydantic(ExperimentResponse2026.listJSON(live))
        let back = try ExperimentRecords2026.parse(Array(text.utf8), file: "dump.json")
        #expect(back.experiments == live)
    }

    @Test func errorsNameFileRecordAndField() throws {
        func failure(_ text: String) -> ExperimentRecordsError2026? {
            do { _ = try ExperimentRecords2026.parse(Array(text.utf8), file: "x.json"); return nil } catch { return error }
        }
        #expect(failure("{}")?.problem.contains("expected a JSON array") == true)
        #expect(failure("[1,")?.recordIndex == nil)
        #expect(failure("[1,")?.problem.hasPrefix("not JSON") == true)
        let dump = JSONText.pydantic(ExperimentResponse2026.listJSON(Array(LiveRuns2026Data.all.prefix(2))))
        let broken = dump.replacingOccurrences(of: "\"status_type\":\"completed\"", with: "\"status_type\":\"finished\"")
        let e = try #require(failure(broken))
        #expect(e.recordIndex == 0)
        #expect(e.field == "status.status_type")
        #expect(e.description.hasPrefix("x.json: record 0: status.status_type: unknown status 'finished'"))
        let runsJSON = #"[{"experiment_id": 1, "used_runtime_seconds": null, "training_config": {}, "status": {"status_type": "completed"}}]"#
        #expect(failure(runsJSON)?.field.hasPrefix("training_config") == true)
        #expect(failure("[{\"experiment_id\": \"x\", \"val_losses\": []}]")?.field == "experiment_id")
    }

    /// Truncations and single-byte corruptions of a real file never trap; each either reads or
    /// throws the typed error.
    @Test func corruptedInputNeverTraps() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: LiveRuns2026Data.path)).prefix(12_000))
        var errors = 0
        for cut in stride(from: 0, to: bytes.count, by: 397) {
            do { _ = try ExperimentRecords2026.parse(Array(bytes.prefix(cut))) } catch { errors += 1 }
        }
        for position in stride(from: 0, to: bytes.count, by: 211) {
            var b = bytes
            b[position] = UInt8(ascii: "9")
            _ = try? ExperimentRecords2026.parse(b)
        }
        #expect(errors > 0)
    }

    /// A record whose status the source did not publish is skipped and said so, not guessed.
    @Test func unpublishedStatusIsSkipped() throws {
        let raw = try Data(contentsOf: URL(fileURLWithPath: LiveRuns2026Data.path))
        guard case .array(let items) = try JSONText.parse(Array(raw)), let first = items.first,
              case .object(var members) = first else { Issue.record("runs.json is not an array of objects"); return }
        let i = try #require(members.firstIndex { $0.key == "status" })
        members[i] = JSONMember(key: "status", value: .object(["status_type": .null]))
        let text = JSONText.pydantic(.array([.object(members)]))
        let records = try ExperimentRecords2026.parse(Array(text.utf8))
        #expect(records.experiments.isEmpty)
        #expect(records.skipped.count == 1)
    }
}
