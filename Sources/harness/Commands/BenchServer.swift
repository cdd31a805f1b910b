import ArgumentParser
import Foundation
import MockAPIServer
import Scaling

/// `harness bench server`: bounded load on loopback against the mock, in memory and with
/// `--state`, then a check of every key's accounts.
struct BenchServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Load the mock API on loopback: requests/s and p50/p99 latency, in memory and with a SQLite state file.",
        discussion: """
            Each client is one HTTP/1.1 keep-alive connection on its own thread sending /loss \
            requests for seeded choices of key and query (new queries are charged and stored, \
            repeats are free, large ones run into the cap). Afterwards every key's spending must \
            equal the sum over its distinct accepted queries and stay within the budget. Measure \
            in release: swift build -c release --scratch-path .build-release.

            Examples:
              .build-release/release/harness bench server
              .build-release/release/harness bench server --clients 2 --requests 500 --keys 1
            """)

    @Option(help: "Scenario behind the API.") var scenario: String = defaultScenarioPath
    @Option(help: "Concurrent connections.") var clients: Int = 8
    @Option(help: "Requests per connection.") var requests: Int = 3000
    @Option(help: "API keys the load is spread over.") var keys: Int = 4
    @Option(help: "Distinct queries per key.") var configurations: Int = 200
    @Option(help: "Seed of the choices. (default: 1)", transform: SeedArgument.parse) var seed: UInt64 = 1

    func validate() throws {
        guard clients >= 1, requests >= 1, keys >= 1, configurations >= 1 else {
            throw ValidationError("--clients, --requests, --keys and --configurations must be at least 1")
        }
        guard clients * requests <= 1_000_000 else {
            throw ValidationError("--clients x --requests is \(clients * requests); keep the load bounded (at most 1,000,000 requests)")
        }
    }

    func run() async throws {
        let oracle = try loadLossOracle(scenarioPath: scenario)
        let plan = LoadPlan(clients: clients, requestsPerClient: requests, keyCount: keys, configurationsPerKey: configurations, seed: seed)
        let pool = plan.pool(rules: oracle.rules)
        print("load: \(clients) connections x \(requests) requests, \(keys) keys, \(configurations) queries per key, seed \(seed)")
        print("mode      requests   seconds      req/s   p50 ms   p99 ms  answers")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("harness-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (mode, state) in [("memory", nil), ("--state", folder.appendingPathComponent("state.sqlite").path)] as [(String, String?)] {
            let api = try makeTrainingAPI(oracle: oracle, keysFile: nil, stateFile: state)
            let server = try await MockServer.start(service: api)
            let result: LoadGenerator.Result
            do { result = try await LoadGenerator.runOffPool(port: server.port, plan: plan, pool: pool) } catch {
                await server.stop()
                throw error
            }
            await server.stop()
            let answers = result.statusCounts.keys.sorted().map { "\($0): \(result.statusCounts[$0]!)" }.joined(separator: ", ")
            print(pad(mode, 8) + pad("\(result.requests)", 10, right: true) + pad(String(format: "%.2f", result.seconds), 10, right: true)
                  + pad(String(format: "%.0f", result.requestsPerSecond), 11, right: true)
                  + pad(String(format: "%.3f", 1000 * result.percentile(0.5)), 9, right: true)
                  + pad(String(format: "%.3f", 1000 * result.percentile(0.99)), 9, right: true) + "  " + answers)
            try check(api: api, plan: plan, pool: pool, result: result, mode: mode)
        }
    }

    /// Every key: spending == sum of train_flops over its distinct accepted queries <= budget, and
    /// /previous_runs lists exactly those queries.
    func check(api: TrainingAPI, plan: LoadPlan, pool: [Query], result: LoadGenerator.Result, mode: String) throws {
        for key in plan.keys {
            let accepted = result.accepted[key] ?? []
            let expected = accepted.reduce(Int64(0)) { $0 + pool[$1].trainFlops }
            let spent = api.ledger.spent(key)
            let listed = Set(api.ledger.runs(key).map(\.query))
            guard spent == expected, spent <= api.rules.budget, listed == Set(accepted.map { pool[$0] }),
                  listed.count == api.ledger.runs(key).count else {
                throw BenchCheckFailure(description: "\(mode): key \(key) spent \(spent) but its \(accepted.count) distinct accepted queries sum to \(expected) (budget \(api.rules.budget), \(listed.count) listed)")
            }
        }
        print("  check: every key's spending equals the sum over its distinct accepted queries and stays within \(api.rules.budget)")
    }
}

struct BenchCheckFailure: Error, CustomStringConvertible {
    let description: String
}
