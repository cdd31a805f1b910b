/// An API key as its UTF-8 bytes, for comparing and hashing keys byte for byte.
///
/// Swift's `String` compares by canonical equivalence: `"é"` (U+00E9) equals `"e\u{301}"`, the
/// Ohm sign equals Omega, and Hangul written as one syllable equals its jamo. The live service
/// compares bytes, so two such keys are two accounts; every key-indexed table of the mock uses
/// this type, never `String`, as its dictionary key.
///
/// ```swift
/// ExactKey("caf\u{E9}") == ExactKey("cafe\u{301}")   // false
/// "caf\u{E9}" == "cafe\u{301}"                       // true: never compare keys as Strings
/// ```
public struct ExactKey: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let bytes: [UInt8]
    public init(_ key: String) { bytes = Array(key.utf8) }
    public init(stringLiteral value: String) { self.init(value) }
    /// The key as text (the bytes are UTF-8 by construction).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    public var description: String { text }
}
