import ArgumentParser

@main
struct Harness: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harness",
        abstract: "Plan, rehearse and score compute-optimal scaling-law experiments.",
        discussion: """
            Rehearse a CS336-style scaling-law campaign offline against a synthetic ground truth \
            served by a faithful mock of the training API, then point the same client at the live \
            service with --api-url and --api-key-file.

            Examples:
              harness isoflops
              harness plan --strategy isoflop
              harness run --scenario chinchilla-2022 --strategy adaptive
              harness help run
            """,
        version: HarnessVersion.current,
        subcommands: [
            // Each command lives in its own file under Sources/harness/Commands/; what they print and
            // write is under Rendering/, shared arguments and loading under Support/.
            Plan.self,
            RunCommand.self,
            FitCommand.self,
            Score.self,
            Compare.self,
            Bench.self,
            IsoFLOPs.self,
            Truth.self,
            CalibrateCommand.self,
            Scenarios.self,
            Serve.self,
            QueryCommand.self,
            RunsCommand.self,
            SyncCommand.self,
        ]
    )

    /// ArgumentParser's `main`, after the conventions every command shares (a negative number
    /// after an option is its value; "did you mean" for a misspelt subcommand).
    static func main() async {
        let arguments = CommandLineConventions.joiningNegativeValues(Array(CommandLine.arguments.dropFirst()))
        if let message = CommandLineConventions.misspeltSubcommand(arguments, root: Harness.self) {
            exit(withError: ValidationError(message))
        }
        await main(arguments)
    }
}

/// What `harness --version` prints; raise it with each tagged release.
enum HarnessVersion {
    static let current = "0.1.0"
}
