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

    /// Engineering form, the exponent a multiple of three, with `digits` significant digits and
    /// no `+` or leading zeros in the exponent: `engineering(2e18) == "2.000e18"`,
    /// `engineering(3.636e8) == "363.6e6"`, `engineering(0.00161) == "1.610e-3"`, `engineering(42) == "42.00"`.
    public static func engineering(_ x: Double, digits: Int = 4) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        guard x != 0 else { return "0" }
        let digits = max(1, digits)
        // Round to `digits` significant digits first, so 999.96e3 becomes 1.000e6, not 1000e3.
        let rounded = Double(String(format: "%.\(digits - 1)e", x))!
        let exponent = Int((log10(abs(rounded)) / 3).rounded(.down)) * 3
        let mantissa = rounded / pow(10, Double(exponent))
        let integerDigits = abs(mantissa) >= 100 ? 3 : abs(mantissa) >= 10 ? 2 : 1
        let text = String(format: "%.\(max(0, digits - integerDigits))f", mantissa)
        return exponent == 0 ? text : "\(text)e\(exponent)"
    }

    /// `value [lower, upper]` in the given style.
    public static func interval(_ estimate: Double, _ lower: Double?, _ upper: Double?, _ style: (Double) -> String) -> String {
        guard let lower, let upper else { return style(estimate) }
        return "\(style(estimate)) [\(style(lower)), \(style(upper))]"
    }
}
