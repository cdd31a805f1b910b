import Foundation
import Scaling
import Yams

extension Scenario {
    /// Reads, decodes and validates one scenario file. Every failure is a `ScenarioError`
    /// naming the file, the field, the bad value and what is allowed.
    public static func load(from url: URL) throws(ScenarioError) -> Scenario {
        let file = url.path
        let node = try ScenarioFiles.composeYAML(at: url)
        guard let node, node.mapping != nil else {
            throw ScenarioError(file: file, field: "", value: "not a YAML mapping", allowed: "expected the keys \(ScenarioFile.schema[""]!.joined(separator: ", "))")
        }
        try checkKeys(node, path: "", file: file)
        let raw: ScenarioFile
        do { raw = try YAMLDecoder().decode(ScenarioFile.self, from: node) } catch let error as DecodingError {
            throw describe(error, file: file)
        } catch {
            throw ScenarioError(file: file, field: "", value: "cannot be decoded", allowed: "\(error)")
        }
        return try ScenarioValidator(file: file).scenario(from: raw)
    }

    /// Every `*.yaml` scenario in `directory`, sorted by name. Fails on the first bad file.
    public static func loadAll(in directory: URL) throws(ScenarioError) -> [Scenario] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
            throw ScenarioError(file: directory.path, field: "", value: "cannot be listed", allowed: "expected a directory of *.yaml scenario files")
        }
        var scenarios: [Scenario] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            scenarios.append(try load(from: directory.appendingPathComponent(name)))
        }
        return scenarios.sorted { $0.name < $1.name }
    }

    /// Rejects keys the schema does not list (Codable would ignore a misspelt key silently).
    private static func checkKeys(_ node: Node, path: String, file: String) throws(ScenarioError) {
        guard let mapping = node.mapping, let allowed = ScenarioFile.schema[path] else { return }
        for (key, value) in mapping {
            let name = key.string ?? "\(key)"
            let field = path.isEmpty ? name : path + "." + name
            guard allowed.contains(name) else {
                throw ScenarioError(file: file, field: field, value: "(unknown key)",
                                    allowed: "\(path.isEmpty ? "the top level" : path) accepts only \(allowed.joined(separator: ", "))")
            }
            try checkKeys(value, path: field, file: file)
        }
    }

    private static func describe(_ error: DecodingError, file: String) -> ScenarioError {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case let .keyNotFound(key, context):
            return ScenarioError(file: file, field: path(context.codingPath + [key]), value: "(missing)", allowed: "this field is required")
        case let .typeMismatch(type, context):
            return ScenarioError(file: file, field: path(context.codingPath), value: "(wrong type)", allowed: "expected \(type): \(context.debugDescription)")
        case let .valueNotFound(type, context):
            return ScenarioError(file: file, field: path(context.codingPath), value: "(empty)", allowed: "expected \(type)")
        case let .dataCorrupted(context):
            return ScenarioError(file: file, field: path(context.codingPath), value: "(unreadable)", allowed: context.debugDescription)
        @unknown default:
            return ScenarioError(file: file, field: "", value: "cannot be decoded", allowed: "\(error)")
        }
    }
}
