/// The two ways the 2026 service writes a float (docs/api-2026-contract.md §1).
///
/// Both use the shortest digit string that reads back as the same Double (and of those, the
/// one nearest the exact value); they differ only in layout. With the value written as
/// `d.ddd × 10^e`:
///
/// | style | plain notation when | otherwise |
/// |---|---|---|
/// | pydantic-core (2xx bodies; Rust's ryu) | −5 ≤ e < 16: `30.0`, `0.00001`, `1234567890123456.0` | `1e-6`, `1.5e16`, `1e-7` |
/// | Python `repr` (422 bodies, the canonical hash) | −4 ≤ e < 16: `0.0001`, `30.0` | `1e-05`, `1e+16`, `1.5e-07` |
///
/// Plain notation always shows a fractional digit (`3.0`). Python's exponent has a sign and
/// at least two digits; ryu's has neither padding nor `+`. `-0.0` keeps its sign in both.
/// Non-finite values: Python writes `NaN`, `Infinity`, `-Infinity` (allowed only with
/// `allow_nan`); pydantic-core writes `null` (its `ser_json_inf_nan='null'` default).
public enum FloatText {
    /// Shortest round-trip decimal digits of a finite, non-zero `|x|` (no leading or trailing
    /// zeros) and the exponent `e` of the first digit, from Swift's shortest-digits
    /// `description` (Swift, Python and ryu agree on the digits; only layout differs).
    static func shortestDigits(_ x: Double) -> (digits: [UInt8], exponent: Int) {
        let text = Array(abs(x).description.utf8)
        var mantissa: [UInt8] = []
        var pointAt: Int? = nil
        var exp = 0
        var i = 0
        while i < text.count {
            let c = text[i]
            if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                exp = Int(String(decoding: text[(i + 1)...], as: UTF8.self)) ?? 0
                break
            }
            if c == UInt8(ascii: ".") { pointAt = mantissa.count } else { mantissa.append(c - 48) }
            i += 1
        }
        // value = 0.m1m2... × 10^(intDigits + exp), where intDigits is the digits before the point
        var decimalPoint = (pointAt ?? mantissa.count) + exp
        while let first = mantissa.first, first == 0 { mantissa.removeFirst(); decimalPoint -= 1 }
        while let last = mantissa.last, last == 0 { mantissa.removeLast() }
        return (mantissa, decimalPoint - 1)
    }

    /// Lays out digits `d1 d2 ... × 10^e` in plain notation with at least one fractional digit.
    private static func plain(_ digits: [UInt8], _ e: Int) -> String {
        let ds = digits.map { Character(Unicode.Scalar($0 + 48)) }
        if e < 0 {
            return "0." + String(repeating: "0", count: -e - 1) + String(ds)
        }
        if ds.count <= e + 1 {
            return String(ds) + String(repeating: "0", count: e + 1 - ds.count) + ".0"
        }
        return String(ds[0...e]) + "." + String(ds[(e + 1)...])
    }

    private static func scientificMantissa(_ digits: [UInt8]) -> String {
        let ds = digits.map { Character(Unicode.Scalar($0 + 48)) }
        return ds.count == 1 ? String(ds) : String(ds[0]) + "." + String(ds[1...])
    }

    /// Python's `repr(float)`: `1e-05`, `0.0001`, `30.0`, `1e+16`, `-0.0`, `nan`-free
    /// (`NaN`/`Infinity`/`-Infinity` as `json.dumps` writes them).
    public static func python(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Infinity" : "Infinity" }
        if x == 0 { return x.sign == .minus ? "-0.0" : "0.0" }
        let (digits, e) = shortestDigits(x)
        let sign = x < 0 ? "-" : ""
        if e >= -4 && e < 16 { return sign + plain(digits, e) }
        let expText = String(abs(e))
        return sign + scientificMantissa(digits) + "e" + (e < 0 ? "-" : "+")
            + (expText.count < 2 ? "0" + expText : expText)
    }

    /// pydantic-core's JSON float: `1e-6`, `0.00001`, `30.0`, `1e16`, `1.5e16`, `-0.0`; `null`
    /// for NaN and infinities.
    public static func pydantic(_ x: Double) -> String {
        if !x.isFinite { return "null" }
        if x == 0 { return x.sign == .minus ? "-0.0" : "0.0" }
        let (digits, e) = shortestDigits(x)
        let sign = x < 0 ? "-" : ""
        if e >= -5 && e < 16 { return sign + plain(digits, e) }
        return sign + scientificMantissa(digits) + "e" + String(e)
    }
}
