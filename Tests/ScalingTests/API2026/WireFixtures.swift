import Foundation
@testable import Scaling

/// The wire fixtures of `Tests/Fixtures/api2026/`, read with the wire layer's own parser.
enum WireFixtures {
    static let directory = TestData.root.appendingPathComponent("Tests/Fixtures/api2026")

    static func json(_ name: String) throws -> JSONValue {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONText.parse(Array(data))
    }

    /// One reconstructed request of `validation-cases.json` and the answer the real app gave.
    struct ProbeCase: CustomStringConvertible {
        var title: String
        var source: String
        var method: String
        var path: String
        var withAPIKey: Bool
        var requestBody: String
        var contentType: String?
        var status: Int
        var responseBody: String
        var stateDependent: Bool
        var description: String { "\(source): \(title)" }
    }

    static func probeCases() throws -> [ProbeCase] {
        guard case .array(let items) = try json("validation-cases.json") else { return [] }
        return items.map { v in
            ProbeCase(
                title: v["title"]?.stringValue ?? "", source: v["source"]?.stringValue ?? "",
                method: v["method"]?.stringValue ?? "", path: v["path"]?.stringValue ?? "",
                withAPIKey: v["with_api_key"] == .bool(true), requestBody: v["request_body"]?.stringValue ?? "",
                contentType: v["content_type"]?.stringValue, status: { if case .int(let i) = v["status"] { i } else { 0 } }(),
                responseBody: v["response_body"]?.stringValue ?? "", stateDependent: v["state_dependent"] == .bool(true))
        }
    }

    /// A probed answer other than a 422 (`response-bodies.json`), copied from the probes.
    struct ProbedBody: CustomStringConvertible {
        var title: String, source: String, method: String, path: String, status: Int, body: String
        var description: String { "\(source): \(title)" }
    }

    static func probedBodies() throws -> [ProbedBody] {
        guard case .array(let items) = try json("response-bodies.json") else { return [] }
        return items.map { v in
            ProbedBody(title: v["title"]?.stringValue ?? "", source: v["source"]?.stringValue ?? "",
                       method: v["method"]?.stringValue ?? "", path: v["path"]?.stringValue ?? "",
                       status: { if case .int(let i) = v["status"] { i } else { 0 } }(), body: v["body"]?.stringValue ?? "")
        }
    }

    static func bytes(hex: String) -> [UInt8] {
        let chars = Array(hex.utf8)
        return stride(from: 0, to: chars.count, by: 2).map { UInt8(String(decoding: chars[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }

    /// The base config of docs/api-2026-contract.md §3.4 as the probes sent it.
    static let baseBody = #"{"architecture_config":{"attention_bias":false,"head_dim":64,"hidden_size":448,"intermediate_size":1280,"num_attention_heads":7,"num_hidden_layers":9,"num_key_value_heads":7,"rms_norm_eps":1e-6,"rope_theta":1000000,"tie_word_embeddings":false,"dtype":"bfloat16","vocab_size":32000},"optimizer_config":{"lr_scheduler":{"peak_value":0.0003,"final_lr_frac":0.1,"warmup_frac":0.05,"init_value":0.0},"weight_decay":0.01,"beta1":0.9,"beta2":0.95,"eps":1e-8,"eps_root":1e-8,"grad_clip_norm":1.0},"train_batch_size":128,"val_batch_size":32,"n_evals":16,"total_train_tokens":1048576,"max_runtime_seconds":30.0,"model_seed":0}"#

    static func base() throws -> JSONValue { try JSONText.parse(Array(baseBody.utf8)) }
}

/// What the 2026 app answers a request body at a route, up to the handler (no auth, no state):
/// the status and body of a 4xx/5xx, or the validated value.
enum WireAnswer: Equatable {
    case answer(status: Int, body: String)
    case submit(TrainingConfig)
    case final(FinalSubmissionRequest2026)
    case experimentID(Int64)

    static func of(method: String, path: String, body: String, contentType: String?, schema: WireSchema2026) -> WireAnswer {
        of(path: path, body: Array(body.utf8), contentType: contentType, schema: schema)
    }

    static func of(path: String, body: [UInt8], contentType: String?, schema: WireSchema2026) -> WireAnswer {
        if path.hasPrefix("/experiment/") {
            switch PathParameter2026.experimentID(String(path.dropFirst("/experiment/".count))) {
            case .success(let id?): return .experimentID(id)
            case .success(nil): return .answer(status: 500, body: RequestBody2026.internalServerErrorBody)
            case .failure(let issues): return unprocessable(issues)
            }
        }
        let reading = RequestBody2026.read(body: body, contentType: contentType)
        switch reading.validationInput {
        case .failure(.unprocessable(let issues)): return unprocessable(issues)
        case .failure(.badRequest): return .answer(status: 400, body: RequestBody2026.parseErrorBody)
        case .failure(.internalServerError): return .answer(status: 500, body: RequestBody2026.internalServerErrorBody)
        case .success(let value):
            if path == "/final_submission" {
                switch FinalSubmissionRequest2026.validate(value, schema: schema) {
                case .success(let r): return .final(r)
                case .failure(let issues): return unprocessable(issues)
                }
            }
            switch TrainingConfig.validate(value, at: ["body"], schema: schema) {
            case .success(let c): return .submit(c)
            case .failure(let issues): return unprocessable(issues)
            }
        }
    }

    static func unprocessable(_ issues: [ValidationIssue]) -> WireAnswer {
        guard let text = ValidationIssue.detailText(issues) else {
            return .answer(status: 500, body: RequestBody2026.internalServerErrorBody)
        }
        return .answer(status: 422, body: text)
    }
}
