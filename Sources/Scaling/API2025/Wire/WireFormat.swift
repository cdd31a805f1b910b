import Foundation

/// The bodies of the training API (api-2025.md), written and read in one place: the mock server
/// writes them with the functions below and the client reads them with the decoders below.
///
/// Numbers are written as Python's `json.dumps` writes them, because the live service is a
/// Python service: a float in its shortest round-trip form with Python's switch to exponent
/// notation (Swift's `description` of a Double uses the same rule: `650000000000000.0`, `1e+16`,
/// `0.0001`, `1e-05`), an integer as digits.
public enum WireFormat {
    public static let lossPath = "/loss"
    public static let totalFlopsUsedPath = "/total_flops_used"
    public static let previousRunsPath = "/previous_runs"

    /// `{"loss": 9.07103488440561, "total_flops_used": 10000000000000000}`.
    public static func lossBody(loss: Double, totalFlopsUsed: Int64) -> String {
        "{\"loss\": \(loss), \"total_flops_used\": \(totalFlopsUsed)}"
    }

    /// A bare float: `0.0` for a fresh key, `650000000000000.0`, `2e+18`.
    public static func totalFlopsUsedBody(_ total: Int64) -> String {
        "\(Double(total))"
    }

    /// `{"previous_runs": [{...}, ...]}`, entries in the order given.
    public static func previousRunsBody(_ runs: [Run]) -> String {
        var out = "{\"previous_runs\": ["
        for (i, run) in runs.enumerated() {
            if i > 0 { out += ", " }
            out += runObject(run)
        }
        return out + "]}"
    }

    /// One run as the API writes it (the fields of /previous_runs, in the API's order).
    public static func runObject(_ run: Run, extra: String = "") -> String {
        let c = run.configuration
        return "{\"d_model\": \(c.dModel), \"num_layers\": \(c.numLayers), \"num_heads\": \(c.numHeads), "
            + "\"batch_size\": \(c.batchSize), \"learning_rate\": \(c.learningRate), "
            + "\"train_flops\": \(run.trainFlops), \"loss\": \(run.loss)\(extra)}"
    }

    /// `{"message": "..."}`, the body of every refusal.
    public static func messageBody(_ message: String) -> String {
        "{\"message\": \(jsonString(message))}"
    }

    /// A JSON string literal as Python's `json.dumps` writes it without `ensure_ascii`: quotes,
    /// backslashes and control characters escaped (the 2026 wire layer's writer, shared).
    public static func jsonString(_ text: String) -> String {
        var out = ""
        JSONText.writeString(text, into: &out, asciiOnly: false)
        return out
    }

    // MARK: Reading

    struct LossBody: Decodable {
        var loss: Double
        var total_flops_used: Int64
    }

    struct MessageBody: Decodable { var message: String }

    struct PreviousRunsBody: Decodable { var previous_runs: [Run] }

    /// `(loss, total_flops_used)` of a `/loss` answer.
    public static func decodeLoss(_ body: Data) throws -> (loss: Double, totalFlopsUsed: Int64) {
        let b = try JSONDecoder().decode(LossBody.self, from: body)
        guard b.loss.isFinite, b.total_flops_used >= 0 else {
            throw DecodingError.dataCorrupted(.init(codingPath: [],
                debugDescription: "/loss answered loss \(b.loss) and total_flops_used \(b.total_flops_used); expected a finite loss and a total of 0 or more"))
        }
        return (b.loss, b.total_flops_used)
    }

    /// The bare number of `/total_flops_used` as whole FLOPs (exact: see `WireNumber`).
    public static func decodeTotalFlopsUsed(_ body: Data) throws -> Int64 {
        let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let total = WireNumber.wholeNumber(text), total >= 0 else {
            throw DecodingError.dataCorrupted(.init(codingPath: [],
                debugDescription: "/total_flops_used answered '\(text.prefix(80))', expected a number of FLOPs"))
        }
        return total
    }

    public static func decodePreviousRuns(_ body: Data) throws -> [Run] {
        let runs = try JSONDecoder().decode(PreviousRunsBody.self, from: body).previous_runs
        if let bad = runs.firstIndex(where: { $0.trainFlops <= 0 || !$0.loss.isFinite }) {
            throw DecodingError.dataCorrupted(.init(codingPath: [],
                debugDescription: "/previous_runs entry \(bad + 1) has train_flops \(runs[bad].trainFlops) and loss \(runs[bad].loss); expected positive FLOPs and a finite loss"))
        }
        return runs
    }

    /// The server's `message`, if the body is `{"message": ...}`; FastAPI's `{"detail": ...}` and
    /// anything else come back as their raw text.
    public static func decodeMessage(_ body: Data) -> String {
        if let m = try? JSONDecoder().decode(MessageBody.self, from: body) { return m.message }
        return String(decoding: body.prefix(500), as: UTF8.self)
    }
}
