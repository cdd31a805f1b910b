import Foundation

/// A flat CSV export beside a command's JSON (`runs.csv`, `prediction.csv`, `rehearsals.csv`):
/// one header row, then one row per record, so `pd.read_csv(path)` reads it as it is. Columns are
/// snake_case like the JSON's keys; numbers are written in full (Swift's shortest round-trip
/// form: `1e+19`, `0.001`, `3.1111370608393`); a non-finite or missing number is an empty cell
/// (NaN to pandas); text is quoted when it holds a comma, a quote or a line break (RFC 4180).
///
/// ```swift
/// var csv = CSVOutput(["quantity", "estimate"])
/// csv.append([.text("n_opt"), .number(3.6e8)])
/// try csv.write(to: folder.appendingPathComponent("prediction.csv"))   // quantity,estimate\nn_opt,360000000.0\n
/// ```
public struct CSVOutput: Sendable {
    public enum Cell: Sendable {
        case text(String)
        case number(Double)
        case integer(Int64)
        case bool(Bool)
        case empty

        var rendered: String {
            switch self {
            case .text(let s): return CSVOutput.quoted(s)
            case .number(let x): return x.isFinite ? "\(x)" : ""
            case .integer(let n): return "\(n)"
            case .bool(let b): return b ? "true" : "false"
            case .empty: return ""
            }
        }
    }

    public let header: [String]
    public private(set) var rows: [[Cell]] = []

    public init(_ header: [String]) { self.header = header }

    /// Adds a row; a short row is filled with empty cells, a long one is an error in the caller.
    public mutating func append(_ cells: [Cell]) {
        precondition(cells.count <= header.count, "CSV row of \(cells.count) cells for \(header.count) columns")
        rows.append(cells + Array(repeating: .empty, count: header.count - cells.count))
    }

    public var text: String {
        ([header.map(Self.quoted).joined(separator: ",")] + rows.map { $0.map(\.rendered).joined(separator: ",") })
            .joined(separator: "\n") + "\n"
    }

    /// Writes the file, creating the parent folder.
    public func write(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    static func quoted(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
