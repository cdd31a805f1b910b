/// Where a value lies against a closed range, and the nearest value inside it: the one rule for
/// holding a chosen value (a learning rate, say) inside what is allowed, so each caller can say
/// which end it was held at instead of clamping silently.
public enum RangePlacement: Sendable, Equatable {
    case inside
    case below
    case above

    public init(_ value: Double, in range: ClosedRange<Double>) {
        self = value < range.lowerBound ? .below : value > range.upperBound ? .above : .inside
    }
}

extension ClosedRange where Bound == Double {
    /// The nearest value of the range to `value`, and where `value` lay.
    public func held(_ value: Double) -> (value: Double, placement: RangePlacement) {
        let placement = RangePlacement(value, in: self)
        switch placement {
        case .inside: return (value, placement)
        case .below: return (lowerBound, placement)
        case .above: return (upperBound, placement)
        }
    }
}
