import ArgumentParser
import Foundation
import Scaling

/// `harness plan`: the dry run. Spends nothing.
struct Plan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Dry-run a design: its runs, the cost per budget and in total, every rule it breaks.",
        discussion: """
            Exits 0 when the design can run within the API's rules and the budget, 1 otherwise.
            For a sequential strategy only its opening moves are known in advance; its worst-case
            spend is the budget, since the campaign refuses anything past it.

            Examples:
              harness plan --strategy seed-grid
              harness plan --strategy isoflop --json
              harness plan --plan my-sweep.csv --budget 2e18
            """)

    @OptionGroup var design: StrategySelection

    @Option(help: "The FLOPs the campaign may spend.")
    var budget: FlopsArgument = FlopsArgument(2_000_000_000_000_000_000)

    @Flag(help: "Print the report as JSON instead of a table.")
    var json = false

    func run() async throws {
        let strategy = try design.resolve()
        let report = try PlanReport(strategy: strategy, rules: .live, budget: budget.value)
        if json {
            print(try JSONOutput.string(report), terminator: "")
        } else {
            print(Self.render(report, summary: strategy.summary))
        }
        if !report.isRunnable { throw ExitCode(1) }
    }
}
