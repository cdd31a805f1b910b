import ArgumentParser
import Scaling

/// `harness sync`: pull the key's /previous_runs into the journal.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Copy the key's runs from /previous_runs into the journal (e.g. after a notebook crashed after spending).",
        discussion: """
            Runs already in the journal are left as they are; the others are appended with source "sync".

            Examples:
              harness sync --api-key-file key.txt
              harness sync --api-url http://hyperturing.stanford.edu:8000 --api-key-file key.txt
            """)

    @OptionGroup var service: ServiceOptions

    func run() async throws {
        guard !service.useCachedOnly else {
            throw ValidationError("--use-cached-only: sync needs the network; drop the flag")
        }
        let client = try service.makeClient()
        let (added, listed) = try await client.sync()
        let runs = await client.knownRuns
        let spent = await client.spent
        print("\(client.endpoint) lists \(listed) run\(listed == 1 ? "" : "s") for key \(client.apiKey.masked); added \(added) to \(service.journal), which now holds \(runs.count) (\(spent) FLOPs)")
    }
}
