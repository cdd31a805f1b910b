import Foundation

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
}
