import Foundation

/// Which API keys the mock admits.
///
/// Keys are compared exactly, byte for byte, as the live service does: `abc`, `abc\n` and
/// `abc ` are three different keys. With a key file, only its keys are admitted; without one,
/// any non-empty key is admitted on first use and kept apart from every other key (2025), or
/// any key of exactly eight ASCII digits, a student id such as `06123456` (2026).
public enum KeyPolicy: Sendable, Hashable {
    case anyNonEmpty
    case anyStudentID
    case only(Set<String>)

    /// One key per line. Only the line break is removed (`\n`, or `\r\n` for a file written on
    /// Windows); every other character, spaces included, is part of the key. Empty lines are skipped.
    public static func load(file: String) throws -> KeyPolicy {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw KeyFileError("--keys \(file): cannot read it (\(error.localizedDescription))")
        }
        var keys = Set<String>()
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let key = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            if !key.isEmpty { keys.insert(key) }
        }
        guard !keys.isEmpty else {
            throw KeyFileError("--keys \(file): no keys in it; expected one API key per line")
        }
        return .only(keys)
    }

    public func admits(_ key: String) -> Bool {
        switch self {
        case .anyNonEmpty: !key.isEmpty
        case .anyStudentID: key.utf8.count == 8 && key.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        case .only(let keys): keys.contains(key)
        }
    }
}

public struct KeyFileError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
