/// FLOPs, the 2025 protocol's budget unit (an integer on the wire).
public struct FLOPs: ScalarBudgetAmount, Codable {
    public var value: Int64
    public init(_ value: Int64) { self.value = value }
    public static let zero = FLOPs(0)
    public static let maximum = FLOPs(.max)
    public func saturatingAdd(_ other: FLOPs) -> FLOPs {
        let (s, overflow) = value.addingReportingOverflow(other.value)
        return overflow ? .maximum : FLOPs(s)
    }
    public func floorSubtract(_ other: FLOPs) -> FLOPs {
        let (d, overflow) = value.subtractingReportingOverflow(other.value)
        return overflow || d < 0 ? .zero : FLOPs(d)
    }
    public var description: String { "\(value)" }
    /// The 2025 API's own refusal text (`BudgetExceeded`).
    public static func shortfallDescription(cap: FLOPs, committed: FLOPs, requested: FLOPs) -> String {
        BudgetExceeded(budget: cap.value, used: committed.value, requested: requested.value).description
    }
}
