import Foundation
import Scaling
import SyntheticTrainer

/// One rehearsal of a 2026 tournament: which strategy on which scenario under which seed, and
/// its scorecard, or why there is none. Codable, so shards written on different machines merge.
public struct TournamentEntry2026: Codable, Sendable, Equatable {
    public var scenario: String
    public var strategy: String
    public var seed: UInt64
    public var scorecard: Scorecard2026?
    /// Why the rehearsal has no scorecard (the campaign threw, or the predictor found nothing).
    public var failure: String?

    public init(scenario: String, strategy: String, seed: UInt64, scorecard: Scorecard2026?, failure: String?) {
        self.scenario = scenario
        self.strategy = strategy
        self.seed = seed
        self.scorecard = scorecard
        self.failure = failure
    }
}

/// Every 2026 strategy on every 2026 scenario under several seeds, or one shard of that.
///
/// The rehearsals are independent and run `jobs` at a time; each result is stored at its own
/// index (scenario, then strategy, then seed), so the entries never depend on scheduling.
/// Shard `I/N` (1-based) runs the indices `i` with `i mod N = I − 1`; `merge` puts shards back
/// in index order, so merged shards give exactly the entries (and the leaderboard) of one run.
///
/// ```swift
/// let t = Tournament2026(scenarios: try Scenario2026.loadAll(), strategies: StrategyCatalog2026.all,
///                        predictor: BestRunBaseline2026(), seeds: Array(1...30))
/// let board = Leaderboard2026(try await t.run())
/// ```
public struct Tournament2026: Sendable {
    public var scenarios: [Scenario2026]
    public var strategies: [any Strategy2026]
    public var predictor: any FinalRunPredictor2026
    public var seeds: [UInt64]
    public var jobs: Int
    /// (index, count), 1-based; nil for the whole tournament.
    public var shard: (index: Int, count: Int)?

    public init(scenarios: [Scenario2026], strategies: [any Strategy2026], predictor: any FinalRunPredictor2026,
                seeds: [UInt64], jobs: Int = Parallel.coreCount, shard: (index: Int, count: Int)? = nil) {
        self.scenarios = scenarios
        self.strategies = strategies
        self.predictor = predictor
        self.seeds = seeds
        self.jobs = max(1, jobs)
        self.shard = shard
    }

    /// Rehearsals in the whole tournament.
    public var count: Int { scenarios.count * strategies.count * seeds.count }

    /// The indices this run (or shard) rehearses.
    public var indices: [Int] {
        guard let shard else { return Array(0..<count) }
        return (0..<count).filter { $0 % shard.count == shard.index - 1 }
    }

    /// What a shard file holds: the tournament it belongs to and its entries by index.
    public struct Shard: Codable, Sendable, Equatable {
        public var scenarios: [String]
        public var strategies: [String]
        public var seeds: [UInt64]
        public var predictor: String
        public var shard: Int
        public var shards: Int
        public var indices: [Int]
        public var entries: [TournamentEntry2026]
    }

    public typealias Progress = @Sendable (_ done: Int) -> Void

    /// This run's entries in index order. Throws only when a scenario's target cannot be found.
    public func run(progress: Progress? = nil) async throws -> [TournamentEntry2026] {
        try await runShard(progress: progress).entries
    }

    public func runShard(progress: Progress? = nil) async throws -> Shard {
        let wanted = indices
        let perScenario = strategies.count * seeds.count
        let neededScenarios = Set(wanted.map { $0 / perScenario })
        var best: [Int: Double] = [:]
        for i in neededScenarios.sorted() {
            do { best[i] = try scenarios[i].target().loss } catch {
                throw TournamentError("scenario '\(scenarios[i].name)': its target cannot be found: \(error)")
            }
        }
        let scenarios = scenarios, strategies = strategies, seeds = seeds, predictor = predictor, bestLoss = best
        let entries = await withTaskGroup(of: (Int, TournamentEntry2026).self) { group in
            var out = [TournamentEntry2026?](repeating: nil, count: wanted.count)
            var next = 0, done = 0
            func launch(_ k: Int) {
                let i = wanted[k]
                let scenario = scenarios[i / perScenario]
                let strategy = strategies[(i % perScenario) / seeds.count]
                let seed = seeds[i % seeds.count]
                let loss = bestLoss[i / perScenario] ?? .nan
                group.addTask {
                    let r = Rehearsal2026(scenario: scenario, strategy: strategy, predictor: predictor, bestLoss: loss, seed: seed)
                    do {
                        let result = try await r.run()
                        return (k, TournamentEntry2026(scenario: scenario.name, strategy: strategy.name, seed: seed,
                                                       scorecard: result.scorecard, failure: result.predictionError))
                    } catch {
                        return (k, TournamentEntry2026(scenario: scenario.name, strategy: strategy.name, seed: seed,
                                                       scorecard: nil, failure: "the campaign failed: \(error)"))
                    }
                }
            }
            while next < min(jobs, wanted.count) { launch(next); next += 1 }
            for await (k, entry) in group {
                out[k] = entry
                done += 1
                progress?(done)
                if next < wanted.count { launch(next); next += 1 }
            }
            return out.compactMap { $0 }
        }
        return Shard(scenarios: scenarios.map(\.name), strategies: strategies.map(\.name), seeds: seeds, predictor: predictor.name,
                     shard: shard?.index ?? 1, shards: shard?.count ?? 1, indices: wanted, entries: entries)
    }

    /// The whole tournament's entries from its shards, in index order. Refuses shards of
    /// different tournaments, a shard given twice, and a missing index, naming which.
    public static func merge(_ shards: [Shard]) throws(TournamentError) -> [TournamentEntry2026] {
        guard let first = shards.first else { throw TournamentError("no shard files to merge") }
        for s in shards where s.scenarios != first.scenarios || s.strategies != first.strategies || s.seeds != first.seeds
            || s.predictor != first.predictor || s.shards != first.shards {
            throw TournamentError("shard \(s.shard)/\(s.shards) belongs to another tournament than shard \(first.shard)/\(first.shards) (scenarios, strategies, seeds, predictor or shard count differ)")
        }
        let count = first.scenarios.count * first.strategies.count * first.seeds.count
        var byIndex = [TournamentEntry2026?](repeating: nil, count: count)
        for s in shards {
            guard s.indices.count == s.entries.count else {
                throw TournamentError("shard \(s.shard)/\(s.shards) lists \(s.indices.count) indices but holds \(s.entries.count) entries")
            }
            for (i, e) in zip(s.indices, s.entries) {
                guard byIndex.indices.contains(i) else { throw TournamentError("shard \(s.shard)/\(s.shards): index \(i) is outside 0..<\(count)") }
                guard byIndex[i] == nil else { throw TournamentError("rehearsal \(i) appears twice (shard \(s.shard)/\(s.shards) given twice?)") }
                byIndex[i] = e
            }
        }
        if let missing = byIndex.firstIndex(where: { $0 == nil }) {
            let absent = Set(0..<first.shards).subtracting(shards.map { $0.shard - 1 }).sorted().map { "\($0 + 1)/\(first.shards)" }
            throw TournamentError("rehearsal \(missing) is in no shard given; missing shard(s): \(absent.isEmpty ? "none (a shard is incomplete)" : absent.joined(separator: ", "))")
        }
        return byIndex.compactMap { $0 }
    }
}

/// A 2026 tournament summarised per scenario and overall: for each strategy the median regret,
/// the median |predicted − achieved loss|, the coverage of the predicted 95% interval, the
/// final runs that failed (timeout or OOM), the campaigns' timeouts and OOMs, budget overruns,
/// the median seconds charged and wasted and the median virtual wall time. Quantiles are GSL's
/// (`Quantiles`) over the scored rehearsals; a pure function of the entries.
public struct Leaderboard2026: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public var strategy: String
        public var rehearsals: Int
        public var scored: Int
        public var medianRegret: Double?
        public var medianAbsLossError: Double?
        public var coverage95: Double?
        public var finalFailures: Int
        public var timeouts: Int
        public var outOfMemory: Int
        public var overBudget: Int
        public var medianChargedSeconds: Double?
        public var medianWastedSeconds: Double?
        public var medianWallHours: Double?
        /// The first failure message (rehearsals without a scorecard), if any.
        public var firstFailure: String?

        enum CodingKeys: String, CodingKey {
            case strategy, rehearsals, scored, medianRegret = "median_regret", medianAbsLossError = "median_abs_loss_error"
            case coverage95 = "coverage_95", finalFailures = "final_failures", timeouts, outOfMemory = "out_of_memory"
            case overBudget = "over_budget", medianChargedSeconds = "median_charged_seconds"
            case medianWastedSeconds = "median_wasted_seconds", medianWallHours = "median_wall_hours", firstFailure = "first_failure"
        }

        init(strategy: String, entries: [TournamentEntry2026]) {
            let cards = entries.compactMap(\.scorecard)
            func median(_ v: [Double]) -> Double? { (try? Quantiles.of(v.filter(\.isFinite), at: [0.5]))?.first }
            self.strategy = strategy
            rehearsals = entries.count
            scored = cards.count
            medianRegret = median(cards.map(\.regret))
            medianAbsLossError = median(cards.map { abs($0.lossError) })
            coverage95 = cards.isEmpty ? nil : Double(cards.filter(\.covered).count) / Double(cards.count)
            finalFailures = cards.filter(\.finalFailed).count
            timeouts = cards.reduce(0) { $0 + $1.timeouts }
            outOfMemory = cards.reduce(0) { $0 + $1.outOfMemory }
            overBudget = cards.filter(\.overBudget).count
            medianChargedSeconds = median(cards.map(\.chargedSeconds))
            medianWastedSeconds = median(cards.map(\.wastedSeconds))
            medianWallHours = median(cards.map { $0.wallSeconds / 3600 })
            firstFailure = entries.compactMap(\.failure).first
        }
    }

    public typealias ScenarioRows = LeaderboardScenarioRows<Row>

    public var scenarios: [String]
    public var strategies: [String]
    public var seeds: [UInt64]
    public var overall: [Row]
    public var perScenario: [ScenarioRows]

    enum CodingKeys: String, CodingKey { case scenarios, strategies, seeds, overall, perScenario = "per_scenario" }

    public init(_ entries: [TournamentEntry2026]) {
        let g = LeaderboardGroups(entries, scenario: \.scenario, strategy: \.strategy, seed: \.seed) { name, subset in
            Row(strategy: name, entries: subset)
        }
        scenarios = g.scenarios
        strategies = g.strategies
        seeds = g.seeds
        overall = g.overall
        perScenario = g.perScenario
    }

    /// Whether any rehearsal spent past its budget.
    public var anyOverBudget: Bool { overall.contains { $0.overBudget > 0 } }

    /// The leaderboard as markdown tables (overall, then per scenario).
    public var markdown: String {
        func f(_ v: Double?, _ digits: Int) -> String { v.map { String(format: "%.\(digits)f", $0) } ?? "–" }
        func table(_ rows: [Row]) -> String {
            var t = "| strategy | scored | median regret | median abs(pred−achieved) | 95% coverage | failed finals | timeouts | OOMs | over budget | median charged s | median wasted s | median wall h |\n"
            t += "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
            for r in rows {
                t += "| \(r.strategy) | \(r.scored)/\(r.rehearsals) | \(f(r.medianRegret, 4)) | \(f(r.medianAbsLossError, 4)) | \(f(r.coverage95.map { $0 * 100 }, 0))% | \(r.finalFailures) | \(r.timeouts) | \(r.outOfMemory) | \(r.overBudget) | \(f(r.medianChargedSeconds, 0)) | \(f(r.medianWastedSeconds, 0)) | \(f(r.medianWallHours, 2)) |\n"
            }
            return t
        }
        var text = "# 2026 leaderboard\n\n\(scenarios.count) scenario(s) × \(strategies.count) strategies × \(seeds.count) seed(s)\n\n## Overall\n\n" + table(overall)
        for s in perScenario { text += "\n## \(s.scenario)\n\n" + table(s.rows) }
        let failures = overall.compactMap { r in r.firstFailure.map { "- \(r.strategy): \($0)" } }
        if !failures.isEmpty { text += "\n## Rehearsals without a scorecard (first of each strategy)\n\n" + failures.joined(separator: "\n") + "\n" }
        return text
    }
}
