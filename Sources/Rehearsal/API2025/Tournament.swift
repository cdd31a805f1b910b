import Foundation
import Scaling
import SyntheticTrainer

/// Every strategy on every scenario under several truth seeds: the rehearsals that a leaderboard
/// summarises.
///
/// The rehearsals are independent, so they run `jobs` at a time in a task group; each result is
/// stored at its own index (scenario, then strategy, then seed), so the entries never depend on
/// scheduling and the same tournament always gives the same entries. A rehearsal that throws is
/// recorded as a failure of its strategy (`TournamentEntry.Failure`), never aborts the rest.
/// Each scenario's truth is computed once, since it does not depend on the noise seed.
///
/// ```swift
/// let t = Tournament(scenarios: try Scenario.loadAll(in: dir), strategies: StrategyCatalog.all, seeds: 1...30)
/// let board = Leaderboard(try await t.run())
/// ```
public struct Tournament: Sendable {
    public var scenarios: [Scenario]
    public var strategies: [any Strategy]
    /// The truth noise seeds; each rehearsal uses one as its scenario's noise seed.
    public var seeds: [UInt64]
    /// Rehearsals in flight at once.
    public var jobs: Int
    public var connection: Rehearsal.Connection
    /// The predictor's bootstrap resamples. Scores use point estimates, which do not depend on
    /// it; only the predictions' intervals (and their width warnings) do.
    public var bootstrapResamples: Int

    public init(scenarios: [Scenario], strategies: [any Strategy], seeds: [UInt64],
                jobs: Int = Parallel.coreCount, connection: Rehearsal.Connection = .inProcess,
                bootstrapResamples: Int = 0) {
        self.scenarios = scenarios
        self.strategies = strategies
        self.seeds = seeds
        self.jobs = max(1, jobs)
        self.connection = connection
        self.bootstrapResamples = bootstrapResamples
    }

    /// Rehearsals in the tournament.
    public var count: Int { scenarios.count * strategies.count * seeds.count }

    /// Called after each finished rehearsal with how many are done.
    public typealias Progress = @Sendable (_ done: Int) -> Void

    /// Every rehearsal's entry, ordered by scenario, strategy, seed. Throws only when a
    /// scenario's truth cannot be computed (that is no strategy's failure).
    public func run(progress: Progress? = nil) async throws -> [TournamentEntry] {
        let truths = try await truthReports()
        let strategies = strategies, seeds = seeds, scenarios = scenarios
        let connection = connection, bootstrap = bootstrapResamples
        let perScenario = strategies.count * seeds.count
        return await withTaskGroup(of: (Int, TournamentEntry).self) { group in
            var entries = [TournamentEntry?](repeating: nil, count: count)
            var next = 0, done = 0
            func launch(_ i: Int) {
                let scenario = scenarios[i / perScenario]
                let strategy = strategies[(i % perScenario) / seeds.count]
                let seed = seeds[i % seeds.count]
                let truth = truths[i / perScenario]
                group.addTask {
                    let rehearsal = Rehearsal(scenario: scenario, strategy: strategy, noiseSeed: seed, connection: connection,
                                              bootstrapResamples: bootstrap, truth: truth)
                    do {
                        let result = try await rehearsal.run()
                        return (i, TournamentEntry(scenario: rehearsal.scenario, strategy: strategy.name, seed: seed, result: result))
                    } catch {
                        return (i, TournamentEntry(scenario: scenario.name, strategy: strategy.name, seed: seed, error: error))
                    }
                }
            }
            while next < min(jobs, count) { launch(next); next += 1 }
            for await (i, entry) in group {
                entries[i] = entry
                done += 1
                progress?(done)
                if next < count { launch(next); next += 1 }
            }
            return entries.map { $0! }
        }
    }

    /// Each scenario's truth, computed in parallel (they are independent).
    private func truthReports() async throws -> [TruthReport] {
        try await withThrowingTaskGroup(of: (Int, TruthReport).self) { group in
            for (i, s) in scenarios.enumerated() {
                group.addTask {
                    do { return (i, try s.truthReport()) } catch {
                        throw TournamentError("scenario '\(s.name)': its truth cannot be computed: \(error)")
                    }
                }
            }
            var truths = [TruthReport?](repeating: nil, count: scenarios.count)
            for try await (i, t) in group { truths[i] = t }
            return truths.map { $0! }
        }
    }
}

/// Why a tournament cannot run at all (as opposed to a rehearsal failing inside it).
public struct TournamentError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
