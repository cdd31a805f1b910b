import ArgumentParser

/// `harness bench ...`: wall-time benchmarks of the hot paths. Timing lives here, never in tests.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the hot paths (fitting, loss evaluation, the server, the tournament).",
        discussion: """
            Wall times belong to a release build; a debug build is many times slower.

            Examples:
              swift build -c release --scratch-path .build-release
              .build-release/release/harness bench fit
              .build-release/release/harness bench rehearsal --count 5
            """,
        subcommands: [
            // One subcommand per area, each in its own Bench*.swift file.
            BenchFit.self,
            BenchTruth.self,
            BenchServer.self,
            BenchServer2026.self,
            BenchRehearsal.self,
        ]
    )
}
