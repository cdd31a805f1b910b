import ArgumentParser
import Foundation
import Scaling
import SyntheticTrainer

/// `harness scenarios`: the shipped scenarios and what each tests.
struct Scenarios: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the scenarios (ground truths) with their one-line descriptions.",
        discussion: """
            Loads and validates every *.yaml file of the directory (the 2025 protocol) and of its \
            2026/ subdirectory (the 2026 protocol); a bad file is reported by name, field and value.

            Examples:
              harness scenarios
              harness scenarios --dir my-scenarios --json
            """)

    @Option(help: "The directory of scenario files.")
    var dir = "scenarios"

    @Flag(help: "Print JSON (name, api, description, file) instead of a table.")
    var json = false

    /// Text for a 100-column terminal (long lines wrapped); JSON as it is.
    static func fit(_ text: String, json: Bool) -> String { json ? text : TextWrap.wrapEachLine(text) }

    func run() throws {
        let directory = URL(fileURLWithPath: dir)
        let scenarios = try Scenario.loadAll(in: directory)
        // Paths as the user wrote the directory, so the output does not depend on the cwd.
        func file(_ dir: String, _ name: String) -> String {
            let named = (dir.hasSuffix("/") ? dir : dir + "/") + name + ".yaml"
            return FileManager.default.fileExists(atPath: named) ? named : dir
        }
        var rows = scenarios.map { TruthOutput.Listing(name: $0.name, api: 2025, description: $0.summary, file: file(dir, $0.name)) }
        let dir2026 = (dir.hasSuffix("/") ? dir : dir + "/") + "2026"
        if FileManager.default.fileExists(atPath: dir2026) {
            rows += try Scenario2026.loadAll(in: URL(fileURLWithPath: dir2026)).map {
                TruthOutput.Listing(name: $0.name, api: 2026, description: $0.description, file: file(dir2026, $0.name))
            }
        }
        print(Self.fit(try TruthOutput.listing(rows, json: json), json: json), terminator: "")
    }
}
