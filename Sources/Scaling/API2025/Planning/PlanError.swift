/// A design that cannot be built or read: the message names the field or line and the value.
public struct PlanError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
