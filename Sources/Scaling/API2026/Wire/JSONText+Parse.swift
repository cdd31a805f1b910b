/// Why a body did not parse, as Python's `json.loads` reports it.
///
/// `offset` is 0-based and counts code points of the decoded text, as Python's
/// `JSONDecodeError.pos` does (FastAPI puts it in the 422's `loc`); `message` is the decoder's
/// `msg` without the line and column suffix (FastAPI puts it in `ctx.error`).
///
/// Two failures of `json.loads` are not `JSONDecodeError`s: bytes that do not decode in the
/// detected encoding (`UnicodeDecodeError`) and an integer literal of more than 4300 digits
/// (`ValueError`, Python's int-conversion limit). FastAPI answers those with 400
/// `{"detail":"There was an error parsing the body"}`, not 422; `kind` tells them apart.
public struct JSONSyntaxError: Error, Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `json.JSONDecodeError`: FastAPI's 422 `json_invalid`.
        case decodeError
        /// Any other exception from `json.loads`: FastAPI's 400.
        case otherError
    }

    public var offset: Int
    public var message: String
    public var kind: Kind

    public init(offset: Int, message: String, kind: Kind = .decodeError) {
        self.offset = offset
        self.message = message
        self.kind = kind
    }
}

extension JSONText {
    /// Python's limit on the digits of an integer converted from text (`sys.int_info.default_max_str_digits`).
    static let pythonMaxIntDigits = 4300

    /// Parses a request body as Starlette's `request.json()` does: `json.loads(bytes)`, so the
    /// encoding is detected as `json.detect_encoding` does (UTF-8 by default, UTF-8 with a BOM,
    /// UTF-16 and UTF-32 by BOM or by the pattern of zero bytes) and decoded with
    /// `surrogatepass`; then CPython 3.12's scanner: `NaN`, `Infinity` and `-Infinity` accepted,
    /// integers of any length up to 4300 digits, duplicate keys resolved last-wins at the first
    /// key's place, control characters refused inside strings, whitespace only ` \t\n\r`.
    ///
    /// A lone surrogate (`"\ud800"`, or one passed through by `surrogatepass`) has no Swift
    /// `String` form; it becomes U+FFFD in the value (offsets still count it as Python does).
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        let text = try PythonTextDecoding.decode(Array(bytes))
        var scanner = PythonJSONScanner(text: text)
        return try scanner.document()
    }

    /// Parses text that is already decoded (Python's `json.loads(str)`): a leading U+FEFF is
    /// refused as Python refuses it.
    public static func parse(text: String) throws(JSONSyntaxError) -> JSONValue {
        let scalars = text.unicodeScalars.map(\.value)
        if scalars.first == 0xFEFF {
            throw JSONSyntaxError(offset: 0, message: "Unexpected UTF-8 BOM (decode using utf-8-sig)")
        }
        var scanner = PythonJSONScanner(text: scalars)
        return try scanner.document()
    }
}

/// `bytes.decode(json.detect_encoding(b), 'surrogatepass')`, to code points (surrogates kept).
enum PythonTextDecoding {
    static func decode(_ b: [UInt8]) throws(JSONSyntaxError) -> [UInt32] {
        func starts(_ prefix: [UInt8]) -> Bool { b.count >= prefix.count && Array(b.prefix(prefix.count)) == prefix }
        if starts([0x00, 0x00, 0xFE, 0xFF]) { return try utf32(b.dropFirst(4), bigEndian: true) }
        if starts([0xFF, 0xFE, 0x00, 0x00]) { return try utf32(b.dropFirst(4), bigEndian: false) }
        if starts([0xFE, 0xFF]) { return try utf16(b.dropFirst(2), bigEndian: true) }
        if starts([0xFF, 0xFE]) { return try utf16(b.dropFirst(2), bigEndian: false) }
        if starts([0xEF, 0xBB, 0xBF]) { return try utf8(b.dropFirst(3)) }
        if b.count >= 4 {
            if b[0] == 0 { return b[1] != 0 ? try utf16(b[...], bigEndian: true) : try utf32(b[...], bigEndian: true) }
            if b[1] == 0 { return b[2] != 0 || b[3] != 0 ? try utf16(b[...], bigEndian: false) : try utf32(b[...], bigEndian: false) }
        } else if b.count == 2 {
            if b[0] == 0 { return try utf16(b[...], bigEndian: true) }
            if b[1] == 0 { return try utf16(b[...], bigEndian: false) }
        }
        return try utf8(b[...])
    }

    static func failure(_ codec: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: 0, message: "'\(codec)' codec can't decode the body", kind: .otherError)
    }

    /// Strict UTF-8 as Python decodes it, except that encoded surrogates (ED A0..BF xx) pass.
    static func utf8(_ b: ArraySlice<UInt8>) throws(JSONSyntaxError) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(b.count)
        var i = b.startIndex
        while i < b.endIndex {
            let c0 = b[i]
            if c0 < 0x80 { out.append(UInt32(c0)); i += 1; continue }
            let need: Int
            var cp: UInt32
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c0 {
            case 0xC2...0xDF: need = 1; cp = UInt32(c0 & 0x1F)
            case 0xE0: need = 2; cp = 0; lo = 0xA0
            case 0xE1...0xEF: need = 2; cp = UInt32(c0 & 0x0F)
            case 0xF0: need = 3; cp = 0; lo = 0x90
            case 0xF1...0xF3: need = 3; cp = UInt32(c0 & 0x07)
            case 0xF4: need = 3; cp = 4; hi = 0x8F
            default: throw failure("utf-8")
            }
            guard b.endIndex - i > need else { throw failure("utf-8") }
            for k in 1...need {
                let c = b[i + k]
                let (l, h) = k == 1 ? (lo, hi) : (UInt8(0x80), UInt8(0xBF))
                guard c >= l && c <= h else { throw failure("utf-8") }
                cp = cp << 6 | UInt32(c & 0x3F)
            }
            out.append(cp)
            i += need + 1
        }
        return out
    }

    static func utf16(_ b: ArraySlice<UInt8>, bigEndian: Bool) throws(JSONSyntaxError) -> [UInt32] {
        guard b.count % 2 == 0 else { throw failure("utf-16") }
        var units: [UInt32] = []
        units.reserveCapacity(b.count / 2)
        var i = b.startIndex
        while i < b.endIndex {
            let (x, y) = (UInt32(b[i]), UInt32(b[i + 1]))
            units.append(bigEndian ? x << 8 | y : y << 8 | x)
            i += 2
        }
        var out: [UInt32] = []
        var k = 0
        while k < units.count {
            let u = units[k]
            if (0xD800...0xDBFF).contains(u), k + 1 < units.count, (0xDC00...0xDFFF).contains(units[k + 1]) {
                out.append(0x10000 + ((u - 0xD800) << 10) + (units[k + 1] - 0xDC00))
                k += 2
            } else {
                out.append(u)
                k += 1
            }
        }
        return out
    }

    static func utf32(_ b: ArraySlice<UInt8>, bigEndian: Bool) throws(JSONSyntaxError) -> [UInt32] {
        guard b.count % 4 == 0 else { throw failure("utf-32") }
        var out: [UInt32] = []
        var i = b.startIndex
        while i < b.endIndex {
            let q = (0..<4).map { UInt32(b[i + $0]) }
            let cp = bigEndian ? q[0] << 24 | q[1] << 16 | q[2] << 8 | q[3] : q[3] << 24 | q[2] << 16 | q[1] << 8 | q[0]
            guard cp <= 0x10FFFF else { throw failure("utf-32") }
            out.append(cp)
            i += 4
        }
        return out
    }
}

/// CPython 3.12's `_json` scanner over code points, with its messages and positions.
struct PythonJSONScanner {
    let s: [UInt32]
    init(text: [UInt32]) { s = text }

    private static func isWhitespace(_ c: UInt32) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
    private static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }

    /// `noValue` is Python's StopIteration ("no value starts here"), reported as "Expecting value".
    private enum Failure: Error {
        case noValue(Int)
        case syntax(JSONSyntaxError)
    }

    private func skipWhitespace(_ i: inout Int) {
        while i < s.count && Self.isWhitespace(s[i]) { i += 1 }
    }

    mutating func document() throws(JSONSyntaxError) -> JSONValue {
        var i = 0
        skipWhitespace(&i)
        let value: JSONValue, end: Int
        do {
            (value, end) = try scanOnce(i)
        } catch {
            switch error {
            case .noValue(let at): throw JSONSyntaxError(offset: at, message: "Expecting value")
            case .syntax(let e): throw e
            }
        }
        var j = end
        skipWhitespace(&j)
        if j != s.count { throw JSONSyntaxError(offset: j, message: "Extra data") }
        return value
    }

    private func matches(_ word: String, at i: Int) -> Bool {
        let w = word.unicodeScalars.map(\.value)
        guard i + w.count <= s.count else { return false }
        return Array(s[i..<(i + w.count)]) == w
    }

    private func scanOnce(_ idx: Int) throws(Failure) -> (JSONValue, Int) {
        guard idx < s.count else { throw .noValue(idx) }
        let n = s.count
        switch s[idx] {
        case 0x22: // "
            let (text, end) = try scanString(idx + 1)
            return (.string(text), end)
        case 0x7B: return try parseObject(idx + 1)
        case 0x5B: return try parseArray(idx + 1)
        case 0x6E where idx + 3 < n && matches("null", at: idx): return (.null, idx + 4)
        case 0x74 where idx + 3 < n && matches("true", at: idx): return (.bool(true), idx + 4)
        case 0x66 where idx + 4 < n && matches("false", at: idx): return (.bool(false), idx + 5)
        case 0x4E where idx + 2 < n && matches("NaN", at: idx): return (.double(.nan), idx + 3)
        case 0x49 where idx + 7 < n && matches("Infinity", at: idx): return (.double(.infinity), idx + 8)
        case 0x2D where idx + 8 < n && matches("-Infinity", at: idx): return (.double(-.infinity), idx + 9)
        default: break
        }
        return try matchNumber(idx)
    }

    private func matchNumber(_ start: Int) throws(Failure) -> (JSONValue, Int) {
        let endIdx = s.count - 1
        var idx = start
        if s[idx] == 0x2D {
            idx += 1
            if idx > endIdx { throw .noValue(start) }
        }
        if s[idx] >= 0x31 && s[idx] <= 0x39 {
            idx += 1
            while idx <= endIdx && Self.isDigit(s[idx]) { idx += 1 }
        } else if s[idx] == 0x30 {
            idx += 1
        } else {
            throw .noValue(start)
        }
        var isFloat = false
        if idx < endIdx && s[idx] == 0x2E && Self.isDigit(s[idx + 1]) {
            isFloat = true
            idx += 2
            while idx <= endIdx && Self.isDigit(s[idx]) { idx += 1 }
        }
        if idx < endIdx && (s[idx] == 0x65 || s[idx] == 0x45) {
            let eStart = idx
            idx += 1
            if idx < endIdx && (s[idx] == 0x2D || s[idx] == 0x2B) { idx += 1 }
            while idx <= endIdx && Self.isDigit(s[idx]) { idx += 1 }
            if Self.isDigit(s[idx - 1]) { isFloat = true } else { idx = eStart }
        }
        let literal = String(decoding: s[start..<idx].map { UInt8($0) }, as: UTF8.self)
        if isFloat {
            // Python's float() of a JSON literal: correctly rounded, overflow to ±inf.
            return (.double(Double(literal) ?? .nan), idx)
        }
        if let v = Int(literal) { return (.int(v), idx) }
        let digits = literal.hasPrefix("-") ? literal.count - 1 : literal.count
        if digits > JSONText.pythonMaxIntDigits {
            throw .syntax(JSONSyntaxError(
                offset: start,
                message: "Exceeds the limit (\(JSONText.pythonMaxIntDigits) digits) for integer string conversion: value has \(digits) digits; use sys.set_int_max_str_digits() to increase the limit",
                kind: .otherError))
        }
        return (.bigInt(literal), idx)
    }

    private func syntax(_ message: String, _ at: Int) -> Failure {
        .syntax(JSONSyntaxError(offset: at, message: message))
    }

    private static func hexValue(_ c: UInt32) -> UInt32? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }

    /// `scanstring_unicode(strict=True)` from just after the opening quote; returns the text
    /// and the index after the closing quote.
    private func scanString(_ startAfterQuote: Int) throws(Failure) -> (String, Int) {
        let len = s.count
        let begin = startAfterQuote - 1
        var out: [UInt32] = []
        var end = startAfterQuote
        while true {
            var next = end
            var c: UInt32 = 0
            while next < len {
                c = s[next]
                if c == 0x22 || c == 0x5C { break }
                if c <= 0x1F { throw syntax("Invalid control character at", next) }
                next += 1
            }
            if next >= len { throw syntax("Unterminated string starting at", begin) }
            out.append(contentsOf: s[end..<next])
            if c == 0x22 { return (Self.string(out), next + 1) }
            next += 1 // the backslash
            if next == len { throw syntax("Unterminated string starting at", begin) }
            c = s[next]
            if c != 0x75 {
                end = next + 1
                let mapped: UInt32? = switch c {
                case 0x22, 0x5C, 0x2F: c
                case 0x62: 0x08
                case 0x66: 0x0C
                case 0x6E: 0x0A
                case 0x72: 0x0D
                case 0x74: 0x09
                default: nil
                }
                guard let m = mapped else { throw syntax("Invalid \\escape", end - 2) }
                out.append(m)
            } else {
                next += 1
                end = next + 4
                if end >= len { throw syntax("Invalid \\uXXXX escape", next - 1) }
                var u: UInt32 = 0
                while next < end {
                    guard let h = Self.hexValue(s[next]) else { throw syntax("Invalid \\uXXXX escape", end - 5) }
                    u = u << 4 | h
                    next += 1
                }
                if (0xD800...0xDBFF).contains(u) && end + 6 < len && s[next] == 0x5C && s[next + 1] == 0x75 {
                    next += 2
                    end += 6
                    var u2: UInt32 = 0
                    while next < end {
                        guard let h = Self.hexValue(s[next]) else { throw syntax("Invalid \\uXXXX escape", end - 5) }
                        u2 = u2 << 4 | h
                        next += 1
                    }
                    if (0xDC00...0xDFFF).contains(u2) {
                        u = 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00)
                    } else {
                        end -= 6
                    }
                }
                out.append(u)
            }
        }
    }

    /// Code points to a String; lone surrogates become U+FFFD.
    private static func string(_ cps: [UInt32]) -> String {
        var text = String.UnicodeScalarView()
        for cp in cps { text.append(Unicode.Scalar(cp) ?? "\u{FFFD}") }
        return String(text)
    }

    private func parseObject(_ start: Int) throws(Failure) -> (JSONValue, Int) {
        var members: [JSONMember] = []
        var positions: [String: Int] = [:]
        var idx = start
        skipWhitespace(&idx)
        if idx >= s.count || s[idx] != 0x7D {
            while true {
                guard idx < s.count, s[idx] == 0x22 else {
                    throw syntax("Expecting property name enclosed in double quotes", idx)
                }
                let (key, afterKey) = try scanString(idx + 1)
                idx = afterKey
                skipWhitespace(&idx)
                guard idx < s.count, s[idx] == 0x3A else { throw syntax("Expecting ':' delimiter", idx) }
                idx += 1
                skipWhitespace(&idx)
                let (value, afterValue) = try scanOnce(idx)
                if let p = positions[key] {
                    members[p].value = value
                } else {
                    positions[key] = members.count
                    members.append(JSONMember(key: key, value: value))
                }
                idx = afterValue
                skipWhitespace(&idx)
                if idx < s.count && s[idx] == 0x7D { break }
                guard idx < s.count, s[idx] == 0x2C else { throw syntax("Expecting ',' delimiter", idx) }
                idx += 1
                skipWhitespace(&idx)
            }
        }
        return (.object(members), idx + 1)
    }

    private func parseArray(_ start: Int) throws(Failure) -> (JSONValue, Int) {
        var items: [JSONValue] = []
        var idx = start
        skipWhitespace(&idx)
        if idx >= s.count || s[idx] != 0x5D {
            while true {
                let (value, after) = try scanOnce(idx)
                items.append(value)
                idx = after
                skipWhitespace(&idx)
                if idx < s.count && s[idx] == 0x5D { break }
                guard idx < s.count, s[idx] == 0x2C else { throw syntax("Expecting ',' delimiter", idx) }
                idx += 1
                skipWhitespace(&idx)
            }
        }
        return (.array(items), idx + 1)
    }
}
