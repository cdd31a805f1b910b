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
              harness plan --api 2026 --strategy naive

            With --api 2026 the design is priced in GPU-seconds by the cautious runtime and \
            memory priors (nothing has run yet): each run's reservation, expected charge and \
            memory, the expected wall time at the strategy's concurrency within the 43,200 s \
            budget, and every run expected to time out or run out of memory.
            """)

    @Option(help: "Which API: 2025 or 2026.")
    var api: Serve.APIYear = .y2025

    @OptionGroup var design: StrategySelection

    @Option(help: "The FLOPs the campaign may spend. (default: 2e18)", transform: FlopsArgument.parse)
    var budget: FlopsArgument = FlopsArgument(2_000_000_000_000_000_000)

    @Flag(help: "Print the report as JSON instead of a table.")
    var json = false

    func run() async throws {
        if api == .y2026 {
            guard design.plan == nil, design.strategyFile == nil else {
                throw ValidationError("--plan and --strategy-file apply only to --api 2025; with --api 2026 give --strategy \(StrategyCatalog2026.names.joined(separator: "|"))")
            }
            let strategy: any Strategy2026
            do { strategy = try StrategyCatalog2026.named(design.strategy ?? "") } catch { throw ValidationError("--strategy: \(error)") }
            let report = try PlanReport2026(strategy: strategy)
            print(json ? try JSONOutput.string(report) : Self.render(report, summary: strategy.summary), terminator: json ? "" : "\n")
            if !report.isRunnable { throw ExitCode(1) }
            return
        }
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
