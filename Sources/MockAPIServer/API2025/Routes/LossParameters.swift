import Scaling

/// Reads the parameters of `/loss` into a `Query`, with a clear message for each way they can be
/// wrong. Range checks are not done here: they are `APIRules.violations(of:)`, shared with the client.
///
/// Integers (`d_model`, `num_layers`, `num_heads`, `batch_size`, `train_flops`) accept a decimal
/// integer or a float spelling of a whole number (`1e16`, `1e+16`, `512.0`), see `WireNumber`;
/// `learning_rate` accepts any finite float. NaN, infinity, text and fractions are refused (422).
enum LossParameters {
    static let integerNames = ["d_model", "num_layers", "num_heads", "batch_size", "train_flops"]

    static func query(from parameters: [String: String]) -> Result<Query, ParameterError> {
        var ints: [String: Int64] = [:]
        for name in integerNames {
            guard let raw = parameters[name] else { return .failure(.missing(name)) }
            guard let value = WireNumber.wholeNumber(raw) else {
                return .failure(.malformed(name, raw, "a whole number" + (name == "train_flops" ? " of FLOPs, e.g. 10000000000000000 or 1e16" : "")))
            }
            ints[name] = value
        }
        guard let rawRate = parameters["learning_rate"] else { return .failure(.missing("learning_rate")) }
        guard let rate = WireNumber.finite(rawRate) else {
            return .failure(.malformed("learning_rate", rawRate, "a finite number, e.g. 0.001"))
        }
        // Int64 -> Int is lossless on 64-bit Linux; values far out of range then fail the range check.
        let configuration = Configuration(
            dModel: Int(ints["d_model"]!), numLayers: Int(ints["num_layers"]!), numHeads: Int(ints["num_heads"]!),
            batchSize: Int(ints["batch_size"]!), learningRate: rate)
        return .success(Query(configuration: configuration, trainFlops: ints["train_flops"]!))
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
