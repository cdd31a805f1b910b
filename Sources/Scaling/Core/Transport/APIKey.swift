import Foundation

/// An API key of the training API, read from a file or the environment and never shown in full.
///
/// The key is sent byte for byte; the service compares keys exactly, so a key with a stray
/// newline or a space is a *different* key (students paste SSH public keys, which end with a
/// newline and contain spaces). Loading therefore strips trailing line breaks only and refuses
/// any other whitespace with a message that says where it is.
public struct APIKey: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    /// The environment variable read when no key file is given.
    public static let environmentVariable = "CS336_API_KEY"

    /// `source` names where the text came from, for the error message.
    public init(_ raw: String, source: String) throws(APIKeyError) {
        var text = raw
        while let last = text.unicodeScalars.last, last == "\n" || last == "\r" {
            text.unicodeScalars.removeLast()
        }
        guard !text.isEmpty else {
            throw APIKeyError("\(source): the API key is empty")
        }
        if let (offset, scalar) = text.unicodeScalars.enumerated().first(where: {
            $0.element.properties.isWhitespace || $0.element.value < 0x20
        }) {
            let what = scalar == " " ? "a space" : scalar == "\n" ? "a line break" : scalar == "\t" ? "a tab" : "whitespace (U+\(String(scalar.value, radix: 16, uppercase: true)))"
            throw APIKeyError("""
                \(source): the API key contains \(what) at character \(offset + 1) of \(text.unicodeScalars.count). \
                The service compares keys exactly, so this would be a different key. Put only the key itself in \
                the file (a pasted SSH public key has spaces: check which part is your key); one trailing newline is fine.
                """)
        }
        value = text
    }

    /// From `file` if given, else from `CS336_API_KEY`.
    public static func load(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(APIKeyError) -> APIKey {
        if let file {
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw APIKeyError("--api-key-file \(file): cannot read it (\(error.localizedDescription))")
            }
            return try APIKey(text, source: "--api-key-file \(file)")
        }
        guard let text = environment[environmentVariable] else {
            throw APIKeyError("no API key: pass --api-key-file FILE (one line, the key) or set \(environmentVariable)")
        }
        return try APIKey(text, source: "environment variable \(environmentVariable)")
    }

    /// At most a quarter of the characters, and never more than the first 4 and last 2:
    /// `abcd…yz` for a key of 24 characters or more, `ab…z` for 12, `…(7 characters)` below 8.
    public var masked: String {
        let chars = Array(value)
        let shown = min(6, chars.count / 4)
        guard chars.count >= 8, shown >= 2 else { return "…(\(chars.count) characters)" }
        let tail = shown / 3
        return String(chars.prefix(shown - tail)) + "…" + String(chars.suffix(tail))
    }

    /// The masked form: printing a key never shows it.
    public var description: String { masked }
}

public struct APIKeyError: Error, Sendable, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}
