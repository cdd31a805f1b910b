/// The `application/x-www-form-urlencoded` query string of a GET request, as Python `requests`
/// writes it and as FastAPI reads it. The client encodes with it and the mock server decodes
/// with it, so both sides agree byte for byte on what a key or a number was.
///
/// Encoding keeps only RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) and percent-encodes
/// every other UTF-8 byte, so `+`, `/` and `=` of a base64 key, or a stray newline, survive the
/// trip exactly. Decoding turns `+` into a space (form encoding) and `%XY` into the byte 0xXY;
/// a `%` not followed by two hex digits is kept literally, as Starlette does.
public enum QueryString {
    /// `d_model=512&api_key=ab%2Bc`: each pair encoded, in the given order.
    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    /// The pairs of a raw query string, in order; a name given twice keeps its last value in
    /// `parameters(_:)`, as FastAPI does for a scalar parameter.
    public static func decode(_ raw: Substring) -> [(String, String)] {
        raw.split(separator: "&", omittingEmptySubsequences: true).map { item in
            if let eq = item.firstIndex(of: "=") {
                return (unescape(item[..<eq]), unescape(item[item.index(after: eq)...]))
            }
            return (unescape(item), "")
        }
    }

    /// Name to value, the last occurrence winning.
    public static func parameters(_ raw: Substring) -> [String: String] {
        var out: [String: String] = [:]
        for (name, value) in decode(raw) { out[name] = value }
        return out
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 15)])
            }
        }
        return out
    }

    static func unescape(_ text: Substring) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else {
            return String(text)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if b == UInt8(ascii: "%"), i + 2 < bytes.count,
                      let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 2
            } else {
                out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF")

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
