import ArgumentParser

/// A FLOP count on the command line: `2e18`, `2000000000000000000` or `1.5e17`; must be a whole,
/// positive number below 9.2e18 (Int64). Options read it with `transform: FlopsArgument.parse`,
/// so a bad value says why (`--budget 2e19`: too large), and give their default in the help text.
struct FlopsArgument: ExpressibleByArgument, Sendable {
    let value: Int64

    init(_ value: Int64) { self.value = value }

    init?(argument: String) { try? self.init(parsing: argument) }

    init(parsing text: String) throws {
        let accepted = "a whole number of FLOPs in 1...9.2e18 (it must fit in a 64-bit integer), e.g. 2e18"
        guard let d = Double(text), d.isFinite else { throw ValidationError("not a number; give \(accepted)") }
        guard d >= 1 else { throw ValidationError("\(text) is below 1; give \(accepted)") }
        guard d < 9.2e18 else { throw ValidationError("\(text) is too large; give \(accepted)") }
        guard d.rounded() == d else { throw ValidationError("\(text) is not a whole number; give \(accepted)") }
        value = Int64(d)
    }

    @Sendable static func parse(_ text: String) throws -> FlopsArgument { try FlopsArgument(parsing: text) }

    /// What `--help` shows as the default: the number as a user would type it (`2e18`).
    var defaultValueDescription: String { FlopsText.typed(Double(value)) }
}

/// A compute budget that may exceed Int64 (a target such as 1e19 or 1e24): any finite positive number.
/// Read with `transform: ComputeArgument.parse` for the same reason as `FlopsArgument`.
struct ComputeArgument: ExpressibleByArgument, Sendable {
    let value: Double
    init(_ value: Double) { self.value = value }
    init?(argument: String) { try? self.init(parsing: argument) }

    init(parsing text: String) throws {
        guard let d = Double(text), d.isFinite, d > 0 else {
            throw ValidationError("not a positive number of FLOPs; give a finite number above 0, e.g. 1e19")
        }
        value = d
    }

    @Sendable static func parse(_ text: String) throws -> ComputeArgument { try ComputeArgument(parsing: text) }

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
