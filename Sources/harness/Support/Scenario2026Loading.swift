import Foundation
import SyntheticTrainer
import Yams

/// Which protocol a `--scenario` argument names.
enum Scenario2026Loading {
    /// The 2026 scenario file `nameOrPath` names, or nil when it is a 2025 scenario: a path to
    /// a file whose top level says `api: 2026`, or a name found in `scenarios/2026/`.
    static func locate(_ nameOrPath: String) throws -> URL? {
        if FileManager.default.fileExists(atPath: nameOrPath) {
            let url = URL(fileURLWithPath: nameOrPath)
            guard let text = try? String(contentsOf: url, encoding: .utf8),
                  let node = try? Yams.compose(yaml: text), let mapping = node.mapping else { return nil }
            return mapping["api"]?.string == "2026" ? url : nil
        }
        let named = Scenario2026.directory.appendingPathComponent(nameOrPath + ".yaml")
        return FileManager.default.fileExists(atPath: named.path) ? named : nil
    }
}
