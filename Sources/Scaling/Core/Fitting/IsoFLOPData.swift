import Foundation

/// Reads the assignment's IsoFLOP file (`data/isoflops_curves.json`): a JSON array of
/// `{"parameters": N, "compute_budget": C, "final_loss": L}`.
///
/// Every value must be a positive finite number; the first bad entry ends the load with an
/// error naming the file, the entry (0-based index) and the field.
///
/// ```swift
/// let points = try IsoFLOPData.load(path: "data/isoflops_curves.json")   // 72 points
/// ```
public enum IsoFLOPData {
    public static let fields = ["parameters", "compute_budget", "final_loss"]

    public static func load(path: String) throws(IsoFLOPDataError) -> [Observation] {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path) }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try decode(data, source: path)
    }

    /// Decode the file's contents; `source` names it in errors.
    public static func decode(_ data: Data, source: String) throws(IsoFLOPDataError) -> [Observation] {
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: data) } catch {
            throw .invalidJSON(path: source, reason: (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)")
        }
        guard let entries = json as? [Any] else { throw .notAnArray(path: source) }
        guard !entries.isEmpty else { throw .empty(path: source) }
        var points: [Observation] = []
        for (index, entry) in entries.enumerated() {
            guard let object = entry as? [String: Any] else { throw .notAnObject(path: source, entry: index) }
            var values: [Double] = []
            for field in fields {
                guard let raw = object[field] else { throw .missingField(path: source, entry: index, field: field) }
                guard let number = raw as? NSNumber, case let value = number.doubleValue, value.isFinite, value > 0 else {
                    throw .badValue(path: source, entry: index, field: field, value: describe(raw))
                }
                values.append(value)
            }
            points.append(Observation(parameters: values[0], compute: values[1], loss: values[2]))
        }
        return points
    }

    private static func describe(_ raw: Any) -> String {
        switch raw {
        case let s as String: "\"\(s)\""
        case is NSNull: "null"
        case let n as NSNumber: "\(n)"
        default: "\(raw)"
        }
    }
}

/// Why an IsoFLOP file could not be loaded; each case names the file and, where it applies, the
/// entry and field.
public enum IsoFLOPDataError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingFile(path: String)
    case unreadable(path: String, reason: String)
    case invalidJSON(path: String, reason: String)
    case notAnArray(path: String)
    case empty(path: String)
    case notAnObject(path: String, entry: Int)
    case missingField(path: String, entry: Int, field: String)
    case badValue(path: String, entry: Int, field: String, value: String)

    public var description: String {
        let accepted = "expected a JSON array of {\"parameters\": N, \"compute_budget\": C, \"final_loss\": L}"
        return switch self {
        case let .missingFile(path): "\(path): no such file (pass the IsoFLOP runs with --data)"
        case let .unreadable(path, reason): "\(path): cannot be read: \(reason)"
        case let .invalidJSON(path, reason): "\(path): invalid JSON: \(reason)"
        case let .notAnArray(path): "\(path): \(accepted)"
        case let .empty(path): "\(path): the array of runs is empty; \(accepted)"
        case let .notAnObject(path, entry): "\(path): entry \(entry) is not an object; \(accepted)"
        case let .missingField(path, entry, field): "\(path): entry \(entry) has no field '\(field)'; every entry needs \(IsoFLOPData.fields.map { "'\($0)'" }.joined(separator: ", "))"
        case let .badValue(path, entry, field, value): "\(path): entry \(entry), field '\(field)' must be a positive finite number, got \(value)"
        }
    }
}
