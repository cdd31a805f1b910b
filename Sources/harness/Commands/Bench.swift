import ArgumentParser

/// `harness bench ...`: wall-time benchmarks of the hot paths. Timing lives here, never in tests.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the hot paths (fitting, loss evaluation, the server, the tournament).",
        subcommands: [
            // One subcommand per area, each in its own Bench*.swift file.
            BenchFit.self,
            BenchTruth.self,
            BenchServer.self,
            BenchRehearsal.self,
        ]
    )
}
