/// A scenario file that cannot be used, said the way a user can fix it:
/// `scenarios/noisy.yaml: noise.sigma = -0.1 is not allowed: must be a finite number >= 0`.
public struct ScenarioError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (as given), the field's dotted path, the offending value and what is accepted.
    public let file: String
    public let field: String
    public let value: String
    public let allowed: String

    public init(file: String, field: String, value: String, allowed: String) {
        self.file = file; self.field = field; self.value = value; self.allowed = allowed
    }

    public var description: String {
        if field.isEmpty { return "\(file): \(value): \(allowed)" }
        return "\(file): \(field) = \(value) is not allowed: \(allowed)"
    }
}
