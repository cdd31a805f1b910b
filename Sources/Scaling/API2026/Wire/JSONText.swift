/// Reading and writing the 2026 service's JSON text.
///
/// The service writes two dialects (docs/api-2026-contract.md §1), both compact (no spaces after `,` and
/// `:`, no trailing newline), keys in the value's own order, non-ASCII characters as UTF-8, and
/// the same string escapes (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other control characters
/// as `\u00XX` in lowercase hex):
///
/// * `pydantic`: the 2xx bodies, written by pydantic-core: floats in ryu's layout (`1e-6`,
///   `1e16`), NaN and infinities as `null`.
/// * `python`: the 422 bodies, written by Starlette's `json.dumps(..., ensure_ascii=False,
///   separators=(",", ":"))`: floats in Python's `repr` layout (`1e-06`, `1e+16`).
///
/// ```swift
/// let v: JSONValue = ["eps": 1e-8, "n": 16, "clip": nil]
/// JSONText.pydantic(v)   // {"eps":1e-8,"n":16,"clip":null}
/// JSONText.python(v)     // {"eps":1e-08,"n":16,"clip":null}
/// ```
public enum JSONText {
    /// pydantic-core's compact JSON (2xx bodies).
    public static func pydantic(_ v: JSONValue) -> String {
        var out = ""
        write(v, into: &out, style: .pydantic)
        return out
    }

    /// Python's `json.dumps` with `ensure_ascii=False` and compact separators, as FastAPI
    /// writes a 422. NaN and infinities come out as `NaN`, `Infinity`, `-Infinity`
    /// (`allow_nan=True`); Starlette itself refuses them, see `pythonCompliant`.
    public static func python(_ v: JSONValue) -> String {
        var out = ""
        write(v, into: &out, style: .python)
        return out
    }

    /// What Starlette's `JSONResponse` writes (`allow_nan=False`), or `nil` where it raises
    /// `ValueError: Out of range float values are not JSON compliant` — the real app then
    /// answers 500 `Internal Server Error` (text/plain). That happens when a 422's echoed
    /// `input` holds a NaN or an infinity sent as a JSON literal.
    public static func pythonCompliant(_ v: JSONValue) -> String? {
        v.containsNonFiniteDouble ? nil : python(v)
    }

    /// The canonical text of §7's hash: Python's `json.dumps(sort_keys=True,
    /// separators=(",", ":"), ensure_ascii=True)`; keys sorted by code point.
    public static func pythonCanonical(_ v: JSONValue) -> String {
        var out = ""
        write(v, into: &out, style: .canonical)
        return out
    }

    enum Style { case pydantic, python, canonical }

    static func write(_ v: JSONValue, into out: inout String, style: Style) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .bigInt(let digits): out += digits
        case .double(let d): out += style == .pydantic ? FloatText.pydantic(d) : FloatText.python(d)
        case .string(let s): writeString(s, into: &out, asciiOnly: style == .canonical)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, into: &out, style: style)
            }
            out += "]"
        case .object(let members):
            out += "{"
            let ordered = style == .canonical
                ? members.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
                : members
            for (i, m) in ordered.enumerated() {
                if i > 0 { out += "," }
                writeString(m.key, into: &out, asciiOnly: style == .canonical)
                out += ":"
                write(m.value, into: &out, style: style)
            }
            out += "}"
        }
    }

    private static let hexDigits = Array("0123456789abcdef")

    private static func appendEscape(_ unit: UInt32, into out: inout String) {
        out += "\\u"
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hexDigits[Int((unit >> UInt32(shift)) & 0xF)])
        }
    }

    /// A JSON string literal. `asciiOnly` is Python's `ensure_ascii=True`: everything outside
    /// `' '...'~'` is escaped, astral characters as a surrogate pair.
    static func writeString(_ s: String, into out: inout String, asciiOnly: Bool) {
        // Most strings (keys, names, numbers' text) are printable ASCII with nothing to escape:
        // copied whole.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E && $0 != 0x22 && $0 != 0x5C }) {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                let v = scalar.value
                if v < 0x20 {
                    appendEscape(v, into: &out)
                } else if asciiOnly && v > 0x7E {
                    if v >= 0x10000 {
                        let u = v - 0x10000
                        appendEscape(0xD800 + (u >> 10), into: &out)
                        appendEscape(0xDC00 + (u & 0x3FF), into: &out)
                    } else {
                        appendEscape(v, into: &out)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
