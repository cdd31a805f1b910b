import ArgumentParser

/// A FLOP count on the command line: `2e18`, `2000000000000000000` or `1.5e17`; must be a whole,
/// positive number below 9.2e18 (Int64).
struct FlopsArgument: ExpressibleByArgument, Sendable {
    let value: Int64

    init(_ value: Int64) { self.value = value }

    init?(argument: String) {
        guard let d = Double(argument), d.isFinite, d >= 1, d < 9.2e18, d.rounded() == d else { return nil }
        value = Int64(d)
    }

    /// What `--help` shows as the default: the number as a user would type it (`2e18`).
    var defaultValueDescription: String { FlopsText.typed(Double(value)) }
}

/// A compute budget that may exceed Int64 (a target such as 1e19 or 1e24): any finite positive number.
struct ComputeArgument: ExpressibleByArgument, Sendable {
    let value: Double
    init(_ value: Double) { self.value = value }
    init?(argument: String) {
        guard let d = Double(argument), d.isFinite, d > 0 else { return nil }
        value = d
    }

    var defaultValueDescription: String { FlopsText.typed(value) }
}

enum FlopsText {
    /// The shortest spelling that reads back to `x`, without `+` or a trailing `.0`:
    /// 2e18, 1e19, 1.5e17, 1000.
    static func typed(_ x: Double) -> String {
        var text = "\(x)".replacingOccurrences(of: "e+", with: "e")
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
