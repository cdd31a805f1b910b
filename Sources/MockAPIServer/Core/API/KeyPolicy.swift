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
    /// Exactly these keys, byte for byte (`ExactKey`).
    case only(Set<ExactKey>)

    /// One key per line. Only the line break is removed (`\n`, or `\r\n` for a file written on
    /// Windows); every other character, spaces included, is part of the key. Empty lines are skipped.
    /// Refused, naming the line: an invisible character (a zero-width space, a byte-order mark,
    /// a control character: kept, it would make a key nobody can type), and two keys that look
    /// the same but differ in their bytes (Unicode normalisation: `é` written two ways), which
    /// would be two accounts.
    public static func load(file: String) throws -> KeyPolicy {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw KeyFileError("--keys \(file): cannot read it (no such file, or not readable)")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw KeyFileError("--keys \(file): not UTF-8 text; expected one API key per line")
        }
        var keys = Set<ExactKey>()
        var looks: [String: Int] = [:] // canonical form -> line
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let key = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            if key.isEmpty { continue }
            if let (offset, scalar) = key.unicodeScalars.enumerated().first(where: { Self.isInvisible($0.element) }) {
                throw KeyFileError("--keys \(file), line \(n + 1): the key has the invisible character U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(4)) at character \(offset + 1); keys are compared byte for byte, so remove it (or write the key without it)")
            }
            if let first = looks[key], !keys.contains(ExactKey(key)) {
                throw KeyFileError("--keys \(file), lines \(first) and \(n + 1): two keys that look the same but differ in their bytes (Unicode normalisation); keys are compared byte for byte, keep the one students use")
            }
            looks[key] = looks[key] ?? n + 1
            keys.insert(ExactKey(key))
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
        case .only(let keys): keys.contains(ExactKey(key))
        }
    }

    /// Characters that do not show: controls (tab included), format characters (zero-width
    /// space and joiners, the byte-order mark, direction marks), and line or paragraph separators.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: scalar.value == 0x200B || scalar.value == 0xFEFF
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

public struct KeyFileError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
