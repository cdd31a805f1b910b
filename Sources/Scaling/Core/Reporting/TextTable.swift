/// A plain-text table for terminals: a header row, a rule, then rows; the first column is
/// left-aligned (labels), the others right-aligned (numbers).
///
/// ```swift
/// var t = TextTable(["C", "N_opt"])
/// t.append(["6e18", "1.2e8"])
/// print(t.rendered)
/// ```
public struct TextTable: Sendable {
    public var header: [String]
    public var rows: [[String]] = []
    public var title: String?

    public init(_ header: [String], title: String? = nil) {
        self.header = header
        self.title = title
    }

    public mutating func append(_ row: [String]) {
        rows.append(row + Array(repeating: "", count: max(0, header.count - row.count)))
    }

    public var rendered: String {
        let all = [header] + rows
        let widths = header.indices.map { j in all.map { $0.count > j ? $0[j].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { j, cell in
                let pad = String(repeating: " ", count: max(0, widths[j] - cell.count))
                return j == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        var out: [String] = []
        if let title { out.append(title) }
        out.append(line(header))
        out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}
