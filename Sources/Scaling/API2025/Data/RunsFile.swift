import Foundation

/// Runs a user already has, for `harness fit`: any of
/// - a run journal (JSON Lines, one answered query a line, as the client writes it),
/// - a `/previous_runs` dump (`{"previous_runs": [...]}`) or a bare JSON array of runs,
/// - a CSV with the six inputs and the loss (`d_model,num_layers,num_heads,batch_size,learning_rate,train_flops,loss`).
///
/// Every error names the file and the line or entry at fault; a loss must be finite and positive.
public enum RunsFile {
    public static func load(path: String) throws(PlanError) -> [Run] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PlanError("\(path): no such file or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw PlanError("\(path): not UTF-8 text") }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let runs: [Run]
        if trimmed.hasPrefix("[") || (trimmed.hasPrefix("{") && trimmed.contains("\"previous_runs\"") && !isJSONLines(trimmed)) {
            runs = try parseJSON(data, path: path)
        } else if trimmed.hasPrefix("{") {
            runs = try parseJSONLines(trimmed, path: path)
        } else {
            runs = try parseCSV(trimmed, path: path)
        }
        guard !runs.isEmpty else { throw PlanError("\(path): no runs in the file") }
        return runs
    }

    static func isJSONLines(_ text: String) -> Bool {
        let lines = text.split(whereSeparator: \.isNewline)
        return lines.count > 1 && lines.allSatisfy { $0.trimmingCharacters(in: .whitespaces).hasPrefix("{") }
    }

    static func run(from field: (String) -> String?, at place: String) throws(PlanError) -> Run {
        let q = try PlanFile.query(from: field, at: place)
        guard let raw = field("loss") else { throw PlanError("\(place): missing field 'loss'") }
        guard let loss = Double(raw), loss.isFinite, loss > 0 else {
            throw PlanError("\(place): loss must be a finite positive number, got '\(raw)'")
        }
        return Run(configuration: q.configuration, trainFlops: q.trainFlops, loss: loss)
    }

    static func parseJSON(_ data: Data, path: String) throws(PlanError) -> [Run] {
        try JSONRecords.array(data, path: path, containers: ["previous_runs"], what: "runs")
            .map { r throws(PlanError) in try run(from: r.field, at: r.place) }
    }

    static func parseJSONLines(_ text: String, path: String) throws(PlanError) -> [Run] {
        var out: [Run] = []
        for (i, line) in text.split(whereSeparator: \.isNewline).enumerated() where !line.allSatisfy(\.isWhitespace) {
            let r = try JSONRecords.object(Data(line.utf8), at: "\(path): line \(i + 1)")
            out.append(try run(from: r.field, at: r.place))
        }
        return out
    }

    static func parseCSV(_ text: String, path: String) throws(PlanError) -> [Run] {
        let table = try CSVTable(text: text, path: path, required: Configuration.keys + ["train_flops", "loss"])
        return try table.rows.map { row throws(PlanError) in try run(from: row.field, at: row.place) }
    }
}

/// One entry of a plan or runs file, CSV row or JSON object alike: its fields as text by name,
/// and where it stands in its file (for errors).
struct Record {
    let place: String
    let field: (String) -> String?
}

/// JSON entries as records: an array of objects, or an object holding such an array under one
/// of `containers`. A journal line may nest its run under "run"; a dump entry is flat.
enum JSONRecords {
    static func array(_ data: Data, path: String, containers: [String], what: String) throws(PlanError) -> [Record] {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw PlanError("\(path): invalid JSON (\(error.localizedDescription))")
        }
        let dict = object as? [String: Any]
        guard let entries = (object as? [Any]) ?? containers.lazy.compactMap({ dict?[$0] as? [Any] }).first else {
            throw PlanError("\(path): expected a JSON array of \(what)" + containers.map { " or {\"\($0)\": [...]}" }.joined())
        }
        var out: [Record] = []
        for (i, entry) in entries.enumerated() { out.append(try record(entry, at: "\(path): entry \(i)")) }
        return out
    }

    static func object(_ data: Data, at place: String) throws(PlanError) -> Record {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch { throw PlanError("\(place): invalid JSON") }
        return try record(object, at: place)
    }

    static func record(_ object: Any, at place: String) throws(PlanError) -> Record {
        guard let dict = object as? [String: Any] else { throw PlanError("\(place): not a JSON object") }
        let fields = (dict["run"] as? [String: Any]) ?? dict
        return Record(place: place, field: { fields[$0].map { "\($0)" } })
    }
}

/// A CSV file with a header row: the columns by name, each data row a record.
struct CSVTable {
    let rows: [Record]

    init(text: String, path: String, required: [String]) throws(PlanError) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let header = lines.first else { throw PlanError("\(path): empty file") }
        let columns = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for r in required where !columns.contains(r) {
            throw PlanError("\(path): the CSV header lacks column '\(r)'; it must name \(required.joined(separator: ", "))")
        }
        var rows: [Record] = []
        for (i, line) in lines.enumerated().dropFirst() where !line.isEmpty && !line.hasPrefix("#") {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == columns.count else {
                throw PlanError("\(path): line \(i + 1) has \(cells.count) cells, the header has \(columns.count)")
            }
            rows.append(Record(place: "\(path): line \(i + 1)", field: { name in columns.firstIndex(of: name).map { cells[$0] } }))
        }
        self.rows = rows
    }
}
