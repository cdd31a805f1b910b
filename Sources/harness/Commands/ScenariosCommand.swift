import ArgumentParser
import Foundation
import SyntheticTrainer

/// `harness scenarios`: the shipped scenarios and what each tests.
struct Scenarios: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the scenarios (ground truths) with their one-line descriptions.",
        discussion: """
            Loads and validates every *.yaml file of the directory; a bad file is reported by \
            name, field and value.

            Examples:
              harness scenarios
              harness scenarios --dir my-scenarios --json
            """)

    @Option(help: "The directory of scenario files.")
    var dir = "scenarios"

    @Flag(help: "Print JSON (name, description, file) instead of a table.")
    var json = false

    func run() throws {
        let directory = URL(fileURLWithPath: dir)
        let scenarios = try Scenario.loadAll(in: directory)
        // Paths as the user wrote the directory, so the output does not depend on the cwd.
        let files = scenarios.map { s in
            let named = (dir.hasSuffix("/") ? dir : dir + "/") + s.name + ".yaml"
            return FileManager.default.fileExists(atPath: named) ? named : dir
        }
        print(try TruthOutput.listing(Array(zip(scenarios, files)), json: json), terminator: "")
    }
}
