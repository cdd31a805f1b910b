/// `POST /final_submission`'s body (docs/api-2026-contract.md §4.5): `{"training_config": TrainingConfig,
/// "predicted_final_loss": float > 0}`, unknown keys forbidden. The config's own value error
/// sits at `["body","training_config"]`; the loss's bound error has `ctx {"gt":0.0}`.
public struct FinalSubmissionRequest2026: Hashable, Sendable {
    public var trainingConfig: TrainingConfig
    public var predictedFinalLoss: Double

    public init(trainingConfig: TrainingConfig, predictedFinalLoss: Double) {
        self.trainingConfig = trainingConfig
        self.predictedFinalLoss = predictedFinalLoss
    }

    public static func validate(_ body: JSONValue, schema: WireSchema2026) -> Result<Self, [ValidationIssue]> {
        let loc: [JSONValue] = ["body"]
        var issues: [ValidationIssue] = []
        guard var m = ModelInput.open(body, at: loc, issues: &issues) else { return .failure(issues) }
        let config = m.model("training_config") { v, at in TrainingConfig.validateModel(v, at: at, schema: schema) }
        let loss = m.float("predicted_final_loss", bounds: [FloatBound(kind: .gt, value: 0, shown: "0")])
        let found = m.finish(declared: ["training_config", "predicted_final_loss"])
        guard found.isEmpty, let config, let loss else { return .failure(found) }
        if let first = m.unrepresentable.first { return .failure([first]) }
        return .success(Self(trainingConfig: config, predictedFinalLoss: loss))
    }

    /// The request as the official client sends it: the normalised config and the loss.
    public var json: JSONValue {
        .object(["training_config": trainingConfig.wireJSON, "predicted_final_loss": .double(predictedFinalLoss)])
    }
}

/// The final submission as the service answers it (POST, and GET when there is one):
/// `{"training_config", "predicted_final_loss", "submitted_at"}`. `GET /final_submission`
/// answers the literal `null` when there is none (`FinalSubmissionResponse2026.noneBody`).
public struct FinalSubmissionResponse2026: Hashable, Sendable {
    public var trainingConfig: TrainingConfig
    public var predictedFinalLoss: Double
    /// Microseconds since the Unix epoch.
    public var submittedAt: Int64

    /// The 4-byte body of `GET /final_submission` with nothing submitted.
    public static let noneBody = "null"

    public init(trainingConfig: TrainingConfig, predictedFinalLoss: Double, submittedAt: Int64) {
        self.trainingConfig = trainingConfig
        self.predictedFinalLoss = predictedFinalLoss
        self.submittedAt = submittedAt
    }

    public var json: JSONValue {
        .object([
            "training_config": trainingConfig.wireJSON, "predicted_final_loss": .double(predictedFinalLoss),
            "submitted_at": .string(WireTimestamp.string(microsecondsSinceEpoch: submittedAt)),
        ])
    }

    public init(json: JSONValue) throws(WireDecodingError) {
        let o = try WireObject(json, "final submission")
        trainingConfig = try o.nested("training_config") { v throws(WireDecodingError) in try TrainingConfig(json: v) }
        predictedFinalLoss = try o.double("predicted_final_loss")
        submittedAt = try o.timestamp("submitted_at")
    }

    /// `GET /final_submission`'s answer: `nil` for `null` or an empty body (the official
    /// client accepts both, §11).
    public static func decodeOptional(_ body: [UInt8]) throws(WireDecodingError) -> Self? {
        let text = body.drop(while: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
        if text.isEmpty { return nil }
        let v: JSONValue
        do { v = try JSONText.parse(body) } catch {
            throw WireDecodingError(path: "", problem: "final submission is not JSON: \(error.message) at \(error.offset)")
        }
        return v == .null ? nil : try Self(json: v)
    }
}
