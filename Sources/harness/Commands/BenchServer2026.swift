import ArgumentParser
import Foundation
import MockAPIServer
import Scaling

/// `harness bench server-2026`: the 2026 mock under HTTP load on loopback, then a whole key's
/// budget of experiments simulated in process on a virtual clock.
struct BenchServer2026: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server-2026",
        abstract: "Load the 2026 mock on loopback (submit-or-poll requests/s, p50/p99) and time a 12-hour budget simulated in process.",
        discussion: """
            HTTP: each connection is one student (its own 8-digit key) on its own thread; every \
            --submit-every-th request (on average) submits a new config, the others poll one of \
            its experiments. Afterwards every key's budget must equal the sum over its experiments, within \
            43,200 s. In process: --experiments configs of one key kept --in-flight at a time and \
            polled every --poll-seconds virtual seconds until each ends; the accounting is checked. \
            Measure in release: swift build -c release --scratch-path .build-release.

            Examples:
              .build-release/release/harness bench server-2026
              .build-release/release/harness bench server-2026 --clients 2 --requests 2000 --experiments 100
            """)

    @Option(help: ArgumentHelp("Scenario behind the API (a name in scenarios/2026/ or a file).", valueName: "name-or-path"))
    var scenario: String = defaultScenario2026
    @Option(help: "Concurrent connections (one key each).") var clients: Int = 4
    @Option(help: "Requests per connection.") var requests: Int = 5000
    @Option(help: "One submit in this many requests, on average.") var submitEvery: Int = 10
    @Option(help: "Experiments of the in-process budget simulation.") var experiments: Int = 300
    @Option(help: "Experiments in flight at once in the simulation.") var inFlight: Int = 50
    @Option(help: "Virtual seconds between polls in the simulation.") var pollSeconds: Double = 30
    @Option(help: "Seed of the service and of the load. (default: 1)", transform: SeedArgument.parse) var seed: UInt64 = 1

    func validate() throws {
        guard clients >= 1, requests >= 1, submitEvery >= 1, experiments >= 1, inFlight >= 1 else {
            throw ValidationError("--clients, --requests, --submit-every, --experiments and --in-flight must be at least 1")
        }
        guard clients * requests <= 1_000_000, experiments <= 10_000 else {
            throw ValidationError("keep the load bounded: --clients x --requests at most 1,000,000 (got \(clients * requests)), --experiments at most 10,000 (got \(experiments))")
        }
        guard pollSeconds.isFinite, pollSeconds >= 0.001, pollSeconds <= 3600 else {
            throw ValidationError("--poll-seconds must be in [0.001, 3600], got \(pollSeconds)")
        }
    }

    func options() -> ServeOptions2026 {
        ServeOptions2026(scenario: scenario, keysFile: nil, stateFile: nil, timeScale: 1, schema: .v26_0_2, apiVersion: "26.0.2",
                         seed: seed, epochMicros: TrainingAPI2026.defaultEpochMicros, admin: false)
    }

    func run() async throws {
        let api = try makeTrainingAPI2026(options(), time: .realTime(scale: 1))
        let server = try await MockServer.start(service: api)
        let load: Load2026.Result
        do { load = try await Load2026.run(port: server.port, clients: clients, requestsPerClient: requests, submitEvery: submitEvery, seed: seed) } catch {
            await server.stop()
            throw error
        }
        await server.stop()
        let answers = load.statusCounts.keys.sorted().map { "\($0): \(load.statusCounts[$0] ?? 0)" }.joined(separator: ", ")
        print("HTTP: \(clients) connections x \(requests) requests (1 in \(submitEvery) a submit), seed \(seed)")
        print(String(format: "  %d requests in %.2f s: %.0f req/s, p50 %.3f ms, p99 %.3f ms  (%@)", load.requests, load.seconds,
                     load.requestsPerSecond, 1000 * load.percentile(0.5), 1000 * load.percentile(0.99), answers))
        let accepted = load.statusCounts[200] ?? 0
        for client in 0..<clients {
            let key = Load2026.key(client)
            let budget = api.engine.budget(of: key)
            guard budget.usedSeconds <= BudgetState2026.totalSeconds,
                  budget.usedSeconds == api.engine.experiments(of: key).reduce(0.0, { $0 + $1.chargedSeconds }) else {
                throw BenchCheckFailure(description: "key \(key): used \(budget.usedSeconds) s does not match its experiments")
            }
        }
        print("  check: every key's budget is the sum over its experiments and within 43200 s (\(accepted) answers 200)")

        let clock = VirtualClock()
        let simulated = try makeTrainingAPI2026(options(), time: .virtualClock(clock))
        var configs: [TrainingConfig] = []
        // The handout's model on 33M to 268M tokens (about 40 to 330 s each on the live
        // scenario), 400 s reserved: a few hundred of these use up the 43,200 s.
        for i in 0..<experiments {
            var c = TrainingConfig.handoutExample
            c.totalTrainTokens = 1_048_576 * 32 * (1 + i % 8)
            c.modelSeed = i
            c.maxRuntimeSeconds = 400
            configs.append(c)
        }
        let t0 = ContinuousClock.now
        let r = try await BudgetSimulation2026.run(api: simulated, clock: clock, key: "06123456", configs: configs,
                                                   maxInFlight: inFlight, pollSeconds: pollSeconds)
        let wall = ContinuousClock.now - t0
        let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) * 1e-18
        print("in process: \(r.submitted) experiments submitted (\(r.refused) refused), \(r.completed) completed, \(r.failed) failed, \(r.abandoned) stuck")
        print(String(format: "  %.1f virtual hours, %d requests, %.1f of 43200 s used: %.3f s wall", r.virtualSeconds / 3600, r.requests,
                     r.usedSeconds, seconds))
    }
}
