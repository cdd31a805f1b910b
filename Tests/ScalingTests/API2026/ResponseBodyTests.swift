import Foundation
import Testing
@testable import Scaling

/// The 2xx bodies of `probes/submit.txt`, `lifecycle.txt`, `final.txt` (and the other probed
/// non-422 answers): each is read into its type and written back with `JSONText.pydantic`,
/// which must give the probed bytes.
@Suite struct ResponseBodyTests {
    static let bodies = (try? WireFixtures.probedBodies()) ?? []

    /// Reads a probed body into its response type and writes it back.
    static func rewrite(_ probe: WireFixtures.ProbedBody) throws -> String {
        let v = try JSONText.parse(Array(probe.body.utf8))
        if probe.status >= 400 { return JSONText.pydantic(try ErrorDetail2026(json: v).json) }
        switch (probe.method, probe.path) {
        case ("POST", "/submit"): return JSONText.pydantic(try SubmitResponse2026(json: v).json)
        case ("GET", "/budget"): return JSONText.pydantic(try BudgetSummary2026(json: v).json)
        case ("GET", "/experiments"): return JSONText.pydantic(ExperimentResponse2026.listJSON(try ExperimentResponse2026.decodeList(v)))
        case ("GET", let p) where p.hasPrefix("/experiment/"): return JSONText.pydantic(try ExperimentResponse2026(json: v).json)
        case (_, "/final_submission"):
            guard let f = try FinalSubmissionResponse2026.decodeOptional(Array(probe.body.utf8)) else {
                return FinalSubmissionResponse2026.noneBody
            }
            return JSONText.pydantic(f.json)
        default: throw WireDecodingError(path: probe.path, problem: "no response type for \(probe.method)")
        }
    }

    @Test func theFixtureHoldsTheProbed2xxBodies() {
        #expect(Self.bodies.filter { $0.status < 300 }.count == 30)
    }

    @Test(arguments: bodies.filter { $0.status < 300 || $0.body.hasPrefix("{\"detail\"") })
    func rewritesTheProbedBody(_ probe: WireFixtures.ProbedBody) throws {
        #expect(try Self.rewrite(probe) == probe.body)
    }

    /// The handout's normalised example (§3.4) is `wireJSON` of the shared example config.
    @Test func theNormalisedExampleIsWireJSON() throws {
        let expected = #"{"architecture_config":{"attention_bias":false,"head_dim":64,"hidden_size":448,"intermediate_size":1280,"num_attention_heads":7,"num_hidden_layers":9,"num_key_value_heads":7,"rms_norm_eps":1e-6,"rope_theta":1000000,"tie_word_embeddings":false,"dtype":"bfloat16","vocab_size":32000},"optimizer_config":{"lr_scheduler":{"peak_value":0.0003,"final_lr_frac":0.1,"warmup_frac":0.05,"init_value":0.0},"weight_decay":0.01,"beta1":0.9,"beta2":0.95,"eps":1e-8,"eps_root":1e-8,"grad_clip_norm":1.0},"train_batch_size":128,"val_batch_size":32,"n_evals":16,"total_train_tokens":1048576,"max_runtime_seconds":30.0,"model_seed":0}"#
        #expect(JSONText.pydantic(TrainingConfig.handoutExample.wireJSON) == expected)
        #expect(try TrainingConfig(json: JSONText.parse(Array(expected.utf8))) == .handoutExample)
    }

    /// The lifecycle probe's objects built from values (not read back), as the mock builds them.
    @Test func buildsTheLifecycleBodies() throws {
        let us = { (s: String) in WireTimestamp.microseconds(from: s)! }
        let sgd = TrainingConfig(
            architecture: TrainingConfig.handoutExample.architecture,
            optimizer: .sgd(SGDConfig()), trainBatchSize: 128, valBatchSize: 32, totalTrainTokens: 1_048_576,
            maxRuntimeSeconds: 30)
        let running = ExperimentResponse2026(
            experimentID: 6, trainingConfig: sgd,
            status: .running(queuedAt: us("2026-11-22T08:04:23.473480Z"), dispatchedAt: us("2026-11-22T08:04:40.572419Z"),
                             runID: "fc-TEST6", valLosses: [9.625, 8.92578125]))
        let probe = try #require(Self.bodies.first { $0.title == "running with losses" })
        #expect(JSONText.pydantic(running.json) == probe.body)
        let budget = BudgetSummary2026(usedSeconds: 10.18408550300228 + 30 + 1 + 30)
        #expect(JSONText.pydantic(budget.json) == #"{"used_seconds":71.18408550300228,"remaining_seconds":43128.815914497,"total_budget_seconds":43200.0}"#)
        #expect(JSONText.pydantic(ErrorDetail2026.insufficientBudget(BudgetSummary2026(usedSeconds: 43_000)).json)
                == #"{"detail":{"message":"insufficient budget","budget_summary":{"used_seconds":43000.0,"remaining_seconds":200.0,"total_budget_seconds":43200.0}}}"#)
    }
}
