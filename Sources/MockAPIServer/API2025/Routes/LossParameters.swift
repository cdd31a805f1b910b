import Scaling

/// Reads the parameters of `/loss` into a `Query`, with a clear message for each way they can be
/// wrong. Range checks are not done here: they are `APIRules.violations(of:)`, shared with the client.
///
/// Integers (`d_model`, `num_layers`, `num_heads`, `batch_size`, `train_flops`) accept a decimal
/// integer or a float spelling of a whole number (`1e16`, `1e+16`, `512.0`), see `WireNumber`;
/// `learning_rate` accepts any finite float. NaN, infinity, text and fractions are refused (422).
enum LossParameters {
    static let integerNames = ["d_model", "num_layers", "num_heads", "batch_size", "train_flops"]

    /// The query, and the spelling of each whole number too large for Int64 (it stands in the
    /// query as Int64.max or .min, which no range admits; the range error shows the spelling).
    static func query(from parameters: [String: String]) -> Result<(query: Query, spelled: [String: String]), ParameterError> {
        var ints: [String: Int64] = [:]
        var spelled: [String: String] = [:]
        for name in integerNames {
            guard let raw = parameters[name] else { return .failure(.missing(name)) }
            switch WireNumber.classify(raw) {
            case .whole(let value):
                ints[name] = value
            case .outOfRange(let negative):
                ints[name] = negative ? .min : .max
                spelled[name] = raw
            case .notWhole:
                return .failure(.malformed(name, raw, "a whole number" + (name == "train_flops" ? " of FLOPs, e.g. 10000000000000000 or 1e16" : "")))
            }
        }
        guard let rawRate = parameters["learning_rate"] else { return .failure(.missing("learning_rate")) }
        guard let rate = WireNumber.finite(rawRate) else {
            return .failure(.malformed("learning_rate", rawRate, "a finite number, e.g. 0.001"))
        }
        // Int64 -> Int is lossless on 64-bit Linux; values far out of range then fail the range check.
        func int(_ name: String) -> Int { Int(truncatingIfNeeded: ints[name] ?? 0) }
        let configuration = Configuration(
            dModel: int("d_model"), numLayers: int("num_layers"), numHeads: int("num_heads"),
            batchSize: int("batch_size"), learningRate: rate)
        return .success((Query(configuration: configuration, trainFlops: ints["train_flops"] ?? 0), spelled))
    }

    enum ParameterError: Error {
        case missing(String)
        case malformed(String, String, String)

        var message: String {
            switch self {
            case .missing(let name):
                "missing query parameter \(name); /loss needs d_model, num_layers, num_heads, batch_size, learning_rate, train_flops and api_key"
            case let .malformed(name, raw, expected):
                "\(name) must be \(expected), got '\(raw)'"
            }
        }
    }
}
