/// Numbers as they arrive in a query string or on a command line.
///
/// Python clients send `train_flops` as an integer (`10000000000000000`) or, when they computed
/// it, as a float (`1e+16`, `1e16`, `1.0e16`, `10000000000000000.0`). Both are accepted when the
/// float is exactly a whole number that fits Int64: a Double holds every allowed `train_flops`
/// value exactly (each is a multiple of 2^13 below 2^61 with a quotient below 2^53), so an exact
/// float spelling of an allowed value maps to that value and nothing else. A float that is not
/// whole (`1.5`) or is NaN or infinite is refused, never rounded.
///
/// Only decimal spellings are numbers: `[+-]digits[.digits][(e|E)[+-]digits]` and `.5`, nothing
/// else. Swift's `Double(_:)` (C's strtod) would also read hex floats (`0x1p-10`, `0x200`) and
/// stop at a NUL byte (`512%00junk` read as 512); both are refused here.
public enum WireNumber {
    /// An integer from its decimal spelling, or from a float spelling whose value is a whole number
    /// within Int64. `nil` for anything else (including NaN, infinity, 1.5, empty text, hex).
    public static func wholeNumber(_ text: String) -> Int64? {
        if case .whole(let n) = classify(text) { return n }
        return nil
    }

    /// What a spelling is, as an integer parameter reads it.
    public enum Whole: Sendable, Hashable {
        /// A whole number within Int64.
        case whole(Int64)
        /// A whole number outside Int64 (`9223372036854775808`, `1e30`): out of any range, not
        /// malformed (the service answers its range error).
        case outOfRange(negative: Bool)
        /// Not a whole decimal number.
        case notWhole
    }

    public static func classify(_ text: String) -> Whole {
        guard isDecimal(text) else { return .notWhole }
        if let exact = Int64(text) { return .whole(exact) }
        let negative = text.utf8.first == UInt8(ascii: "-")
        if text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }) {
            return .outOfRange(negative: negative) // digits only, past Int64
        }
        guard let d = Double(text), d.rounded(.towardZero) == d else { return .notWhole }
        guard d.isFinite, d >= -9.223372036854775e18, d < 9.223372036854775e18 else { return .outOfRange(negative: negative) }
        return .whole(Int64(d))
    }

    /// A finite Double written in decimal (`Double("nan")`, `Double("inf")` and hex parse in
    /// Swift; they are refused here).
    public static func finite(_ text: String) -> Double? {
        guard isDecimal(text), let d = Double(text), d.isFinite else { return nil }
        return d
    }

    /// Whether `text` is a decimal number: sign, digits with at most one point (at least one
    /// digit), optional exponent with digits. ASCII only.
    static func isDecimal(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits() -> Int {
            var n = 0
            while let b = bytes.first, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") { bytes = bytes.dropFirst(); n += 1 }
            return n
        }
        if let b = bytes.first, b == UInt8(ascii: "+") || b == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        var mantissa = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let b = bytes.first, b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let s = bytes.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
