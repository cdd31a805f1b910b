import Foundation

/// Number formats shared by tables, plots and write-ups (C's `printf`, locale-independent).
public enum NumberFormat {
    /// Scientific with `digits` significant digits: `sci(70050000000) == "7.005e+10"`.
    public static func sci(_ x: Double, digits: Int = 4) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        return String(format: "%.\(max(1, digits) - 1)e", x)
    }

    /// `digits` significant digits, plain or scientific as `%g` chooses: `general(0.46868) == "0.4687"`.
    public static func general(_ x: Double, digits: Int = 4) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        return String(format: "%.\(max(1, digits))g", x)
    }

    /// `value [lower, upper]` in the given style.
    public static func interval(_ estimate: Double, _ lower: Double?, _ upper: Double?, _ style: (Double) -> String) -> String {
        guard let lower, let upper else { return style(estimate) }
        return "\(style(estimate)) [\(style(lower)), \(style(upper))]"
    }
}
