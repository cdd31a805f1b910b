/// Numbers as they arrive in a query string or on a command line.
///
/// Python clients send `train_flops` as an integer (`10000000000000000`) or, when they computed
/// it, as a float (`1e+16`, `1e16`, `1.0e16`, `10000000000000000.0`). Both are accepted when the
/// float is exactly a whole number that fits Int64: a Double holds every allowed `train_flops`
/// value exactly (each is a multiple of 2^13 below 2^61 with a quotient below 2^53), so an exact
/// float spelling of an allowed value maps to that value and nothing else. A float that is not
/// whole (`1.5`) or is NaN or infinite is refused, never rounded.
public enum WireNumber {
    /// An integer from its decimal spelling, or from a float spelling whose value is a whole number
    /// within Int64. `nil` for anything else (including NaN, infinity, 1.5, empty text).
    public static func wholeNumber(_ text: String) -> Int64? {
        if let exact = Int64(text) { return exact }
        guard let d = finite(text), d.rounded(.towardZero) == d,
              d >= -9.223372036854775e18, d < 9.223372036854775e18 else { return nil }
        return Int64(d)
    }

    /// A finite Double (`Double("nan")` and `Double("inf")` parse in Swift; they are refused here).
    public static func finite(_ text: String) -> Double? {
        guard let d = Double(text), d.isFinite else { return nil }
        return d
    }
}
