import ArgumentParser
import Foundation
import Scaling

/// `harness runs`: what the journal holds and what it cost.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the runs of a journal, the spending per train_flops value and the total.",
        discussion: """
            Examples:
              harness runs
              harness runs --journal results/run-chinchilla-2022-adaptive/journal.jsonl --json
              harness runs --csv > runs.csv
            """)

    @Option(help: ArgumentHelp("Run journal (JSON Lines).", valueName: "file"))
    var journal: String = ServiceOptions.defaultJournal

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Print CSV instead of a table: one row per run, the columns 'harness fit --runs' reads, and the source.")
    var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("give --json or --csv, not both") }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: journal) else {
            throw CommandFailure.Message("--journal \(journal): no such file (it is written by 'harness query', 'harness sync' and 'harness run')")
        }
        let summary = JournalSummary(entries: try RunJournal(path: journal).load(), budget: APIRules.live.budget)
        print(json ? summary.json : csv ? CSVExports.runs(summary.runs.map(\.0), sources: summary.runs.map(\.1.rawValue)).text : summary.table, terminator: "")
    }
}
