import ArgumentParser
import Foundation
import MockAPIServer
import Scaling

/// `harness serve`: the mock training API on HTTP, for a student's own script or for our client.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the mock CS336 training API (/loss, /total_flops_used, /previous_runs, /openapi.json, /docs).",
        discussion: """
            Answers as the live 2025 service does (docs/api-2025.md), from the losses of a synthetic \
            scenario. Prints 'listening on http://HOST:PORT' (flushed) once it accepts connections \
            and stops cleanly on SIGINT or SIGTERM.

            Keys are compared exactly: 'abc', 'abc ' and 'abc<newline>' are three keys. \
            Unknown keys get HTTP 401 {"message": "Invalid API key provided: <key>"}; out-of-range \
            values 404; missing, non-numeric, NaN or infinite values 422; a query past the budget 403.

            Examples:
              harness serve
              harness serve --scenario scenarios/chinchilla-2022.yaml --port 0
              harness serve --keys keys.txt --state runs/state.sqlite
            """)

    @Option(help: "Scenario file whose losses the API serves.")
    var scenario: String = defaultScenarioPath

    @Option(help: "Address to bind (keep 127.0.0.1 unless others must reach it).")
    var host: String = "127.0.0.1"

    @Option(help: "Port to bind (0: any free port, printed on start).")
    var port: Int = 8000

    @Option(help: "File of admitted API keys, one per line, compared exactly. Without it any non-empty key is admitted on first use.")
    var keys: String?

    @Option(help: "SQLite file keeping every key's runs and spending across restarts. Without it state lives in memory.")
    var state: String?

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be in 0...65535, got \(port)")
        }
    }

    func run() async throws {
        let oracle = try loadLossOracle(scenarioPath: scenario)
        let api = try makeTrainingAPI(oracle: oracle, keysFile: keys, stateFile: state)
        do {
            try await MockServer.runUntilSignalled(service: api, host: host, port: port) { host, port in
                print("listening on http://\(host):\(port)")
                fflush(nil) // all C streams: a waiting script sees the line at once
            }
        } catch {
            throw ServeError(description: "--host \(host) --port \(port): cannot serve (\(error)); is another server on that port? --port 0 picks a free one")
        }
    }
}

struct ServeError: Error, CustomStringConvertible {
    let description: String
}
