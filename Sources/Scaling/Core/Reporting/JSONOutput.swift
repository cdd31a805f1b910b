import Foundation

/// The one JSON style of every command's machine-readable output: pretty-printed, keys sorted
/// (so the same result gives the same bytes), keys in snake_case (`exponent_error`, `n_opt_law`;
/// dictionary keys, which are data such as scenario names, are kept as they are), and every
/// non-finite number written as `null` (JSON has no literal for NaN or infinity; undefined
/// standard errors are NaN), so `pd.json_normalize`, R's jsonlite and `json.load` read numbers as
/// numbers.
///
/// Files that `harness` reads back (the shards of `score --api 2026 --shard`) use `encodeExact`:
/// keys as the types declare them and non-finite numbers as the strings "nan", "inf", "-inf", so
/// `decodeExact` reads back exactly the same values (a snake_case conversion would not survive the
/// way back: `convertFromSnakeCase` misses keys declared in snake_case).
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = makeEncoder(nonFinite: nullMarker)
        var text = String(decoding: try encoder.encode(value), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"\(escapedNullMarker)\"", with: "null")
        return Data((text + "\n").utf8)
    }

    public static func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }

    /// Write `value` to `url`, creating the parent folder.
    public static func write<T: Encodable>(_ value: T, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encode(value).write(to: url, options: .atomic)
    }

    /// The same style with non-finite numbers as "nan", "inf", "-inf", for files read back.
    public static func encodeExact<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// Reads what `encodeExact` wrote.
    public static func decodeExact<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(type, from: data)
    }

    /// A string no output holds: the encoder writes it for every non-finite number, and `encode`
    /// turns each (quoted, with its control characters escaped) into `null`.
    private static let nullMarker = "\u{1}non-finite\u{1}"
    private static let escapedNullMarker = "\\u0001non-finite\\u0001"

    private static func makeEncoder(nonFinite marker: String) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: marker, negativeInfinity: marker, nan: marker)
        return encoder
    }
}
