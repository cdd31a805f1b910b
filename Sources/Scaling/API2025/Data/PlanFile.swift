import Foundation

/// A user's own design: a list of queries in a JSON or CSV file, so the sweep one intends to spend
/// real budget on can be dry-run (`harness plan --plan FILE`) and rehearsed first.
///
/// JSON: an array of objects with the API's names, or `{"queries": [...]}`, or a `/previous_runs`
/// dump `{"previous_runs": [...]}` (its `loss` fields are ignored):
///
///     [{"d_model": 512, "num_layers": 8, "num_heads": 8, "batch_size": 128,
///       "learning_rate": 0.001, "train_flops": 100000000000000000}]
///
/// CSV: a header naming the six columns in any order (`d_model,num_layers,num_heads,batch_size,
/// learning_rate,train_flops`; other columns such as `loss` are ignored), then one query a line.
/// `train_flops` may be written `1e17`, but must be a whole number.
public struct PlanFile: StaticDesign {
    public let path: String
    public let queries: [Query]

    public var name: String { "plan:" + (path as NSString).lastPathComponent }
    public var summary: String { "user plan \(path): \(queries.count) queries" }
    public func design(rules: APIRules) throws -> [Query] { queries }

    public init(path: String, queries: [Query]) {
        self.path = path
        self.queries = queries
    }

    /// Reads a plan; every error names the file and the entry or line at fault.
    public static func load(path: String) throws(PlanError) -> PlanFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PlanError("\(path): no such file or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PlanError("\(path): not UTF-8 text")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let queries = trimmed.hasPrefix("[") || trimmed.hasPrefix("{")
            ? try parseJSON(data, path: path) : try parseCSV(text, path: path)
        guard !queries.isEmpty else { throw PlanError("\(path): the plan lists no queries") }
        return PlanFile(path: path, queries: queries)
    }

    static func parseJSON(_ data: Data, path: String) throws(PlanError) -> [Query] {
        try JSONRecords.array(data, path: path, containers: ["queries", "previous_runs"], what: "queries")
            .map { r throws(PlanError) in try query(from: r.field, at: r.place) }
    }

    static func parseCSV(_ text: String, path: String) throws(PlanError) -> [Query] {
        let table = try CSVTable(text: text, path: path, required: Configuration.keys + ["train_flops"])
        return try table.rows.map { row throws(PlanError) in try query(from: row.field, at: row.place) }
    }

    /// One query from named text fields; `place` says where, for the error.
    static func query(from field: (String) -> String?, at place: String) throws(PlanError) -> Query {
        func value(_ key: String) throws(PlanError) -> String {
            guard let v = field(key) else { throw PlanError("\(place): missing field '\(key)'") }
            return v
        }
        func int(_ key: String) throws(PlanError) -> Int {
            let raw = try value(key)
            guard let v = Int(raw) else { throw PlanError("\(place): \(key) must be a whole number, got '\(raw)'") }
            return v
        }
        let rawLR = try value("learning_rate")
        guard let lr = Double(rawLR), lr.isFinite else {
            throw PlanError("\(place): learning_rate must be a finite number, got '\(rawLR)'")
        }
        let rawFlops = try value("train_flops")
        guard let flops = Double(rawFlops), flops.isFinite, flops >= 1, flops < 9.2e18, flops.rounded() == flops else {
            throw PlanError("\(place): train_flops must be a whole positive number of FLOPs, got '\(rawFlops)'")
        }
        let c = Configuration(dModel: try int("d_model"), numLayers: try int("num_layers"),
                              numHeads: try int("num_heads"), batchSize: try int("batch_size"), learningRate: lr)
        return Query(configuration: c, trainFlops: Int64(flops))
    }
}
