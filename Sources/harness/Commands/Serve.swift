import ArgumentParser
import Foundation
import MockAPIServer
import Scaling

/// `harness serve`: the mock training API on HTTP, for a student's own script or for our client.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the mock CS336 training API: 2025 (/loss, ...) or 2026 (/submit, /experiments, ...).",
        discussion: """
            --api 2025 (the default) answers as the live 2025 service does (docs/api-2025.md), from \
            the losses of a synthetic scenario. Keys are compared exactly: 'abc', 'abc ' and \
            'abc<newline>' are three keys. Unknown keys get HTTP 401 {"message": "Invalid API key \
            provided: <key>"}; out-of-range values 404; missing, non-numeric, NaN or infinite values \
            422; a query past the budget 403.

            --api 2026 answers as the live 2026 service does (docs/api-2026.md): \
            experiments are queued, run and finish in virtual time (--time-scale virtual seconds per \
            real second) on a scenario's truth and service behaviour. Without --keys any 8-digit key \
            is admitted; others get 401 {"detail":"invalid API key"}. --admin adds POST \
            /_mock/clock/advance {"seconds": x} and GET /_mock/clock (never in /openapi.json).

            Prints 'listening on http://HOST:PORT' (flushed) once it accepts connections and stops \
            cleanly on SIGINT or SIGTERM.

            Examples:
              harness serve
              harness serve --scenario scenarios/chinchilla-2022.yaml --port 0
              harness serve --keys keys.txt --state runs/state.sqlite
              harness serve --scenario cs336-live --replay runs/journal.jsonl
              harness serve --api 2026 --time-scale 100 --state runs/state-2026.sqlite
              harness serve --api 2026 --api-version 26.0.1 --scenario flaky-2026 --seed 7 --admin
            """)

    @Option(help: "Which API to serve: 2025 or 2026.")
    var api: APIYear = .y2025

    @Option(help: ArgumentHelp("Scenario behind the API: a file, or a name in scenarios/ (2026: scenarios/2026/). Default: \(defaultScenarioPath) (2025), \(defaultScenario2026) (2026).", valueName: "name-or-path"))
    var scenario: String?

    @Option(help: ArgumentHelp("2025 only: answer every query recorded in FILE (a journal, a /previous_runs dump, a JSON array such as data/live-2025/*.json, a CSV) exactly as recorded, the rest by the scenario; the budget still counts. Repeat for several files.", valueName: "file"))
    var replay: [String] = []

    @Option(help: "Address to bind (keep 127.0.0.1 unless others must reach it).")
    var host: String = "127.0.0.1"

    @Option(help: "Port to bind (0: any free port, printed on start).")
    var port: Int = 8000

    @Option(help: "File of admitted API keys, one per line, compared exactly. Without it any non-empty key (2025) or any 8-digit key (2026) is admitted.")
    var keys: String?

    @Option(help: "SQLite file keeping every key's runs and spending (2026: every accepted request and the virtual clock) across restarts. Without it state lives in memory.")
    var state: String?

    @Option(help: ArgumentHelp("2026 only: virtual seconds per real second (default 1).", valueName: "K"))
    var timeScale: Double?

    @Option(help: ArgumentHelp("2026 only: the release to mimic, 26.0.1 (max_runtime_seconds at most 43200) or 26.0.2 (no upper bound; the default).", valueName: "version"))
    var apiVersion: String?

    @Option(help: "2026 only: seed of every random choice of the service (default: the scenario's).", transform: SeedArgument.parse)
    var seed: UInt64?

    @Option(help: ArgumentHelp("2026 only: the wall-clock time that virtual time 0 stands for, ISO 8601 UTC (default 2026-04-29T23:46:36Z).", valueName: "time"))
    var start: String?

    @Flag(help: "2026 only: serve the hidden clock routes /_mock/clock and /_mock/clock/advance.")
    var admin = false

    enum APIYear: String, ExpressibleByArgument, CaseIterable {
        case y2025 = "2025"
        case y2026 = "2026"
    }

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be in 0...65535, got \(port)")
        }
        if api == .y2025 {
            let only2026 = [("--time-scale", timeScale != nil), ("--api-version", apiVersion != nil), ("--seed", seed != nil),
                            ("--start", start != nil), ("--admin", admin)]
            if let (flag, _) = only2026.first(where: \.1) {
                throw ValidationError("\(flag) applies only to --api 2026 (this is --api 2025)")
            }
        }
        if api == .y2026 && !replay.isEmpty {
            throw ValidationError("--replay applies only to --api 2025 (recorded /loss answers)")
        }
        _ = try serveOptions2026()
    }

    /// The 2026 flags, checked: each error names the flag, the bad value and what is accepted.
    func serveOptions2026() throws -> ServeOptions2026 {
        let scale = timeScale ?? 1
        guard scale.isFinite, scale > 0, scale <= 1_000_000 else {
            throw ValidationError("--time-scale must be a number in (0, 1000000] (virtual seconds per real second), got \(scale)")
        }
        let version = apiVersion ?? "26.0.2"
        guard let schema = WireSchema2026(version: version) else {
            throw ValidationError("--api-version must be 26.0.1 or 26.0.2, got '\(version)'")
        }
        var epoch = TrainingAPI2026.defaultEpochMicros
        if let start {
            guard let date = ISO8601DateFormatter().date(from: start) else {
                throw ValidationError("--start must be an ISO 8601 UTC time such as 2026-05-01T09:00:00Z, got '\(start)'")
            }
            epoch = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        }
        return ServeOptions2026(scenario: scenario ?? defaultScenario2026, keysFile: keys, stateFile: state, timeScale: scale,
                                schema: schema, apiVersion: version, seed: seed, epochMicros: epoch, admin: admin)
    }

    func run() async throws {
        let service: any HTTPService
        switch api {
        case .y2025:
            let oracle = try CommandFailure.reporting { try loadLossOracle(scenarioPath: scenario ?? defaultScenarioPath, replay: replay) }
            service = try makeTrainingAPI(oracle: oracle, keysFile: keys, stateFile: state)
        case .y2026:
            service = try makeTrainingAPI2026(try serveOptions2026(), time: .realTime(scale: timeScale ?? 1))
        }
        do {
            try await MockServer.runUntilSignalled(service: service, host: host, port: port) { host, port in
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
