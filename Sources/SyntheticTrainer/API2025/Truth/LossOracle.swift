import Scaling

/// What the mock API needs from a ground truth: the rules it serves under and the loss it
/// answers for a query. The answer must be a pure function of the query: bit-identical on every
/// call, for every key, as on the live service.
public protocol LossOracle: Sendable {
    /// The API's rules (ranges, allowed FLOPs, the per-key budget).
    var rules: APIRules { get }
    /// The observed (noisy) loss of a valid query.
    func observedLoss(_ query: Query) -> Double
}
