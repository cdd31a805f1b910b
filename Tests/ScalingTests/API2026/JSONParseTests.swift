import Foundation
import Testing
@testable import Scaling

/// `JSONText.parse` against `json-loads.json`: 648 bodies (hand-written edge cases, other
/// encodings, invalid bytes and seeded mutations) with what CPython 3.12's `json.loads(bytes)`
/// returned or raised (`generators/make_tables.py`).
@Suite struct JSONParseTests {
    struct Row: CustomStringConvertible {
        var bytes: [UInt8], value: String?, error: String?, pos: Int?, kind: String?
        var description: String { String(decoding: bytes.prefix(60), as: UTF8.self) }
    }

    static let rows: [Row] = {
        guard case .array(let items) = try? WireFixtures.json("json-loads.json") else { return [] }
        return items.compactMap { v in
            guard let hex = v["hex"]?.stringValue else { return nil }
            let bytes = WireFixtures.bytes(hex: hex)
            let pos: Int? = if case .int(let p) = v["pos"] { p } else { nil }
            return Row(bytes: bytes, value: v["value"]?.stringValue, error: v["error"]?.stringValue, pos: pos,
                       kind: v["kind"]?.stringValue)
        }
    }()

    @Test func theTableIsComplete() { #expect(Self.rows.count == 648) }

    @Test func agreesWithCPython() {
        var disagreements: [String] = []
        for row in Self.rows {
            let got: String
            do {
                let v = try JSONText.parse(row.bytes)
                got = row.kind == nil && row.value == nil ? "lone surrogate" : "value " + JSONText.python(v)
            } catch {
                got = error.kind == .otherError ? "other" : "error \(error.message) at \(error.offset)"
            }
            let want = switch row.kind {
            case "decode": "error \(row.error ?? "") at \(row.pos ?? -1)"
            case "other": "other"
            default: row.value.map { "value " + $0 } ?? "lone surrogate"
            }
            if got != want { disagreements.append("\(row): want \(want), got \(got)") }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements: \(disagreements.prefix(8))")
    }

    @Test func keepsOrderTypesAndTheLastDuplicate() throws {
        let v = try JSONText.parse(Array(#"{"b": 1, "a": 2.0, "b": 3, "c": 10000000000000000000000}"#.utf8))
        #expect(v == .object([JSONMember(key: "b", value: .int(3)), JSONMember(key: "a", value: .double(2)),
                              JSONMember(key: "c", value: .bigInt("10000000000000000000000"))]))
        #expect(JSONText.python(v) == #"{"b":3,"a":2.0,"c":10000000000000000000000}"#)
    }

    @Test func textInputRefusesABOM() throws {
        #expect(throws: JSONSyntaxError(offset: 0, message: "Unexpected UTF-8 BOM (decode using utf-8-sig)")) {
            try JSONText.parse(text: "\u{FEFF}[1]")
        }
        #expect(try JSONText.parse(text: "[1]") == [1])
    }

    @Test func writersEscapeAsPythonAndPydanticDo() {
        let s: JSONValue = .string("a\"b\\c\n\r\t\u{08}\u{0C}\u{01}\u{7F}é😀")
        #expect(JSONText.python(s) == "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\u{7F}é😀\"")
        #expect(JSONText.pydantic(s) == JSONText.python(s))
        #expect(JSONText.pythonCanonical(s) == "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u007f\\u00e9\\ud83d\\ude00\"")
        #expect(JSONText.pythonCompliant([1.0, .double(.nan)]) == nil)
        #expect(JSONText.pythonCompliant([1.0, 2]) == "[1.0,2]")
    }
}
