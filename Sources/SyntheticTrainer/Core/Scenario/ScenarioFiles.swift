import Foundation
import Yams

/// Where scenario files are found, for every protocol.
public enum ScenarioFiles {
    /// Resolves what a user typed after `--scenario`: a path to a file when one exists there,
    /// else a scenario name looked up as `<directory>/<name>.yaml`.
    public static func locate(_ nameOrPath: String, in directory: URL = URL(fileURLWithPath: "scenarios")) throws(ScenarioError) -> URL {
        if FileManager.default.fileExists(atPath: nameOrPath) { return URL(fileURLWithPath: nameOrPath) }
        let named = directory.appendingPathComponent(nameOrPath + ".yaml")
        if FileManager.default.fileExists(atPath: named.path) { return named }
        let known = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted() ?? []
        throw ScenarioError(file: nameOrPath, field: "", value: "no such scenario file",
                            allowed: "give a path to a .yaml file or one of the names in \(directory.path)/: \(known.isEmpty ? "(none found)" : known.joined(separator: ", "))")
    }

    /// The YAML of one scenario file, composed but not yet read as a scenario (`nil` when the
    /// file is empty). A file that cannot be read or is not YAML is a `ScenarioError` naming it.
    public static func composeYAML(at url: URL) throws(ScenarioError) -> Node? {
        let file = url.path
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ScenarioError(file: file, field: "", value: "cannot be read", allowed: "expected a readable UTF-8 YAML file (\(error.localizedDescription))")
        }
        do { return try Yams.compose(yaml: text) } catch {
            throw ScenarioError(file: file, field: "", value: "not valid YAML", allowed: "\(error)")
        }
    }
}
