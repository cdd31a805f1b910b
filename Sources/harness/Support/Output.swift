import Foundation
import Scaling

/// Number formatting and JSON encoding shared by every command, so output is identical run to run.
enum Output {
    static func sci(_ v: Double) -> String { v.scientific }

    static func percent(_ v: Double) -> String { String(format: "%.1f%%", 100 * v) }

    /// Pretty, key-sorted JSON: the same input gives the same bytes.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }
}
