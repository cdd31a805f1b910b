/// pydantic-core 2.41.5's lax ("python") mode for the scalar types of the 2026 schema, applied
/// to what `json.loads` produced. Each rule below was checked against pydantic 2.12.5 running a
/// replica of the schema (see `Tests/ScalingTests/API2026`):
///
/// * **int**: an int as is; `true`/`false` as 1/0; a float only when whole (`128.0`), else
///   `int_from_float`; a whole float beyond Int64 is `int_parsing_size`; NaN and infinities
///   `finite_number`; a string after trimming Unicode whitespace, with an optional sign, single
///   `_` between digits, leading zeros, and an optional `.0…0` tail (`"1_28.0"` is 128; `"128."`,
///   `"1e2"`, `"0x80"` and full-width digits are `int_parsing`); anything else `int_type`.
/// * **float**: ints and bools convert; an int too large for a Double is `float_type`; a string
///   after trimming, with `_` only between digits, in Rust's float grammar (`"1."`, `".5"`,
///   `"1e5"`, `"inf"`, `"Infinity"`, `"-nan"`; not `"0x1p4"` or non-ASCII digits), else
///   `float_parsing`; anything else `float_type`. NaN and infinities are accepted.
/// * **bool**: `true`/`false`; ints 0 and 1 (other ints `bool_parsing`, ints beyond Int64
///   `bool_type`); floats 0.0 and 1.0 (others `bool_type`); the strings `0 off f false n no
///   1 on t true y yes` in any case but untrimmed (others `bool_parsing`); anything else
///   `bool_type`.
/// * **bounds** compare as `!(x <= le)` etc., so NaN fails every bound; `le` is checked
///   before `ge` (a float field holding NaN reports its `le`).
enum Lax {
    /// An integer as pydantic holds it: a Python int has no bound, so values beyond `Int` are
    /// kept by sign (`saturated` is `Int.max` or `Int.min`) for the bound and rule checks.
    struct WideInt: Hashable {
        var saturated: Int
        var fitsInt: Bool
        static func small(_ v: Int) -> WideInt { WideInt(saturated: v, fitsInt: true) }
        static func big(negative: Bool) -> WideInt { WideInt(saturated: negative ? .min : .max, fitsInt: false) }
    }

    static func isWhitespace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }

    static func trimmed(_ s: String) -> Substring.UnicodeScalarView {
        let scalars = s.unicodeScalars
        var lo = scalars.startIndex, hi = scalars.endIndex
        while lo < hi && isWhitespace(scalars[lo]) { lo = scalars.index(after: lo) }
        while hi > lo && isWhitespace(scalars[scalars.index(before: hi)]) { hi = scalars.index(before: hi) }
        return Substring(s)[lo..<hi].unicodeScalars
    }

    /// Lowercases A-Z only (Rust's `eq_ignore_ascii_case`).
    static func asciiLowercased(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { (65...90).contains($0.value) ? Unicode.Scalar($0.value + 32)! : $0 }))
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

    /// Removes `_` that stand between two ASCII digits; `nil` if any other `_` occurs.
    static func strippingUnderscores(_ chars: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        var out: [Unicode.Scalar] = []
        for (i, c) in chars.enumerated() {
            if c == "_" {
                guard i > 0, i + 1 < chars.count, isDigit(chars[i - 1]), isDigit(chars[i + 1]) else { return nil }
                continue
            }
            out.append(c)
        }
        return out
    }

    /// The integer a string spells, or `nil` (`int_parsing`).
    static func integer(fromString text: String) -> WideInt? {
        var chars = Array(trimmed(text))
        if let dot = chars.firstIndex(of: ".") {
            let tail = chars[(dot + 1)...]
            guard !tail.isEmpty, tail.allSatisfy({ $0 == "0" }) else { return nil }
            chars = Array(chars[..<dot])
        }
        var negative = false
        if let first = chars.first, first == "+" || first == "-" {
            negative = first == "-"
            chars.removeFirst()
        }
        guard !chars.isEmpty, isDigit(chars[0]), let digits = strippingUnderscores(chars),
              digits.allSatisfy(isDigit) else { return nil }
        let text = String(String.UnicodeScalarView(digits))
        if let v = Int(text) { return .small(negative ? -v : v) }
        if negative, let v = Int("-" + text) { return .small(v) }
        let significant = text.drop(while: { $0 == "0" })
        return significant.isEmpty ? .small(0) : .big(negative: negative)
    }

    /// Rust's `f64::from_str` grammar after pydantic's underscore rule, or `nil` (`float_parsing`).
    static func double(fromString text: String) -> Double? {
        guard let chars = strippingUnderscores(Array(trimmed(text))), !chars.isEmpty else { return nil }
        var i = 0
        var negative = false
        if chars[0] == "+" || chars[0] == "-" { negative = chars[0] == "-"; i = 1 }
        let rest = asciiLowercased(String(String.UnicodeScalarView(chars[i...])))
        if rest == "inf" || rest == "infinity" { return negative ? -.infinity : .infinity }
        if rest == "nan" { return .nan }
        let body = Array(chars[i...])
        var k = 0
        var intDigits = 0, fracDigits = 0
        while k < body.count && isDigit(body[k]) { k += 1; intDigits += 1 }
        if k < body.count && body[k] == "." {
            k += 1
            while k < body.count && isDigit(body[k]) { k += 1; fracDigits += 1 }
        }
        guard intDigits + fracDigits > 0 else { return nil }
        if k < body.count && (body[k] == "e" || body[k] == "E") {
            k += 1
            if k < body.count && (body[k] == "+" || body[k] == "-") { k += 1 }
            var expDigits = 0
            while k < body.count && isDigit(body[k]) { k += 1; expDigits += 1 }
            guard expDigits > 0 else { return nil }
        }
        guard k == body.count else { return nil }
        var literal = String(String.UnicodeScalarView(body))
        if literal.hasPrefix(".") { literal = "0" + literal }
        guard let magnitude = Double(literal) else { return nil }
        return negative ? -magnitude : magnitude
    }

    static func int(_ v: JSONValue, at loc: [JSONValue]) -> Result<WideInt, ValidationIssue> {
        switch v {
        case .int(let i): return .success(.small(i))
        case .bigInt(let digits): return .success(.big(negative: digits.hasPrefix("-")))
        case .bool(let b): return .success(.small(b ? 1 : 0))
        case .double(let d):
            guard d.isFinite else { return .failure(.finiteNumber(at: loc, input: v)) }
            guard d.rounded(.towardZero) == d else { return .failure(.intFromFloat(at: loc, input: v)) }
            guard d >= -9.223372036854775808e18 && d < 9.223372036854775808e18 else {
                return .failure(.intParsingSize(at: loc, input: v))
            }
            return .success(.small(Int(d)))
        case .string(let s):
            guard let i = integer(fromString: s) else { return .failure(.intParsing(at: loc, input: v)) }
            return .success(i)
        case .null, .array, .object: return .failure(.intType(at: loc, input: v))
        }
    }

    static func double(_ v: JSONValue, at loc: [JSONValue]) -> Result<Double, ValidationIssue> {
        switch v {
        case .double(let d): return .success(d)
        case .int(let i): return .success(Double(i))
        case .bigInt(let digits):
            guard let d = Double(digits), d.isFinite else { return .failure(.floatType(at: loc, input: v)) }
            return .success(d)
        case .bool(let b): return .success(b ? 1 : 0)
        case .string(let s):
            guard let d = double(fromString: s) else { return .failure(.floatParsing(at: loc, input: v)) }
            return .success(d)
        case .null, .array, .object: return .failure(.floatType(at: loc, input: v))
        }
    }

    static func bool(_ v: JSONValue, at loc: [JSONValue]) -> Result<Bool, ValidationIssue> {
        switch v {
        case .bool(let b): return .success(b)
        case .int(let i):
            if i == 0 || i == 1 { return .success(i == 1) }
            return .failure(.boolParsing(at: loc, input: v))
        case .double(let d):
            if d == 0 || d == 1 { return .success(d == 1) }
            return .failure(.boolType(at: loc, input: v))
        case .string(let s):
            switch asciiLowercased(s) {
            case "0", "off", "f", "false", "n", "no": return .success(false)
            case "1", "on", "t", "true", "y", "yes": return .success(true)
            default: return .failure(.boolParsing(at: loc, input: v))
            }
        case .bigInt, .null, .array, .object: return .failure(.boolType(at: loc, input: v))
        }
    }
}
