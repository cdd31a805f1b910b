/// A plain-text table for terminals: a header row, a rule, then rows. The first column (labels)
/// and every column of text are left-aligned; a column whose cells all read as numbers (`1.5`,
/// `-0.07`, `7.005e+10 [4.2e+10, 1.3e+11]`, `2e18`) is right-aligned. A table wider than
/// `width` (100 columns) is printed as several tables one under the other, each with the label
/// column and as many of the other columns as fit; a cell too wide to fit beside the label column
/// even alone is wrapped onto several lines within its column; a title longer than `width` is
/// wrapped.
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
    /// The widest a line may be (a table of one label and one very wide column may still exceed it).
    public var width = 100

    public init(_ header: [String], title: String? = nil) {
        self.header = header
        self.title = title
    }

    public mutating func append(_ row: [String]) {
        rows.append(row + Array(repeating: "", count: max(0, header.count - row.count)))
    }

    /// Whether a cell reads as a number (or a number with its interval, unit-free): it starts
    /// with a digit, a sign or a decimal point and a digit, and holds no letter but an exponent's
    /// `e` (`7.005e+10 [4.2e+10, 1.3e+11]`, `+0.4882`, `88.8%`; not `1232/20/22, batch 128`).
    static func isNumeric(_ cell: String) -> Bool {
        var rest = Substring(cell)
        if rest.first == "-" || rest.first == "+" || rest.first == "±" { rest = rest.dropFirst() }
        if rest.first == "." { rest = rest.dropFirst() }
        guard rest.first?.isNumber == true else { return false }
        var previous: Character = " "
        for c in cell {
            if c.isLetter && !((c == "e" || c == "E") && (previous.isNumber || previous == ".")) { return false }
            previous = c
        }
        return true
    }

    public var rendered: String {
        let all = [header] + rows
        var widths = header.indices.map { j in all.map { $0.count > j ? $0[j].count : 0 }.max() ?? 0 }
        // No column wider than what is left beside the label column (its cells wrap).
        let widest = max(20, width - widths[0] - 2)
        for j in widths.indices.dropFirst() { widths[j] = min(widths[j], widest) }
        let right = header.indices.map { j in
            j > 0 && rows.contains { !$0[j].isEmpty } && rows.allSatisfy { $0[j].isEmpty || Self.isNumeric($0[j]) }
        }
        func line(_ cells: [String], _ columns: [Int]) -> String {
            let wrapped = columns.map { j in TextWrap.lines(j < cells.count ? cells[j] : "", width: widths[j], indent: "  ") }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { k in
                let text = zip(columns, wrapped).map { j, parts in
                    let cell = k < parts.count ? parts[k] : ""
                    let fill = String(repeating: " ", count: max(0, widths[j] - cell.count))
                    return right[j] ? fill + cell : cell + fill
                }.joined(separator: "  ")
                return String(text.reversed().drop { $0 == " " }.reversed())
            }.joined(separator: "\n")
        }
        var out: [String] = []
        if let title { out += TextWrap.lines(title, width: width) }
        for (k, group) in columnGroups(widths).enumerated() {
            if k > 0 { out.append("") }
            let columns = [0] + group
            out.append(line(header, columns))
            out.append(columns.map { String(repeating: "-", count: widths[$0]) }.joined(separator: "  "))
            out += rows.map { line($0, columns) }
        }
        return out.joined(separator: "\n")
    }

    /// The columns after the first, in order, cut into runs that fit `width` beside the first.
    func columnGroups(_ widths: [Int]) -> [[Int]] {
        guard widths.count > 1 else { return [[]] }
        var groups: [[Int]] = [[]]
        var used = widths[0]
        for j in 1..<widths.count {
            if !groups[groups.count - 1].isEmpty && used + 2 + widths[j] > width {
                groups.append([])
                used = widths[0]
            }
            groups[groups.count - 1].append(j)
            used += 2 + widths[j]
        }
        return groups
    }
}

/// Prose for a terminal, wrapped at word boundaries.
public enum TextWrap {
    /// `text` cut into lines of at most `width` characters at spaces (a single longer word stays
    /// whole); the first line keeps the text's leading spaces and its runs of spaces (a padded
    /// name column), the others start with `indent`.
    public static func lines(_ text: String, width: Int = 100, indent: String = "") -> [String] {
        guard text.count > width else { return [text] }
        let lead = String(text.prefix { $0 == " " })
        var lines: [String] = []
        var current = lead
        var empty = true    // nothing but the lead or the indent on the current line yet
        // Empty pieces are the extra spaces of a run: kept inside a line, dropped at a break.
        for word in text.dropFirst(lead.count).split(separator: " ", omittingEmptySubsequences: false) {
            if word.isEmpty {
                if !empty { current += " " }
                continue
            }
            if !empty && current.count + 1 + word.count > width {
                lines.append(String(current.reversed().drop { $0 == " " }.reversed()))
                current = indent + word
            } else {
                current += (empty ? "" : " ") + word
            }
            empty = false
        }
        if !empty { lines.append(current) }
        return lines
    }

    /// Every line of `text` longer than `width` wrapped, its continuation lines indented under its
    /// text (past a leading `- `, `! ` or `* ` bullet); shorter lines, tables among them, unchanged.
    public static func wrapEachLine(_ text: String, width: Int = 100) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            let lead = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(lead)
            let bullet = ["- ", "! ", "* "].contains { rest.hasPrefix($0) } ? 2 : 0
            return lines(String(line), width: width, indent: String(repeating: " ", count: lead + bullet + 2))
        }.joined(separator: "\n")
    }

    /// `lines` joined with newlines.
    public static func wrap(_ text: String, width: Int = 100, indent: String = "") -> String {
        lines(text, width: width, indent: indent).joined(separator: "\n")
    }
}
