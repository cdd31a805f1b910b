import Foundation
import MockAPIServer
import Rehearsal
import Scaling
import SyntheticTrainer
import Testing

/// Whole 2026 rehearsals in process: the engine drives the real client against the mock on a
/// virtual clock; the budget is never exceeded and the client's mirror agrees with /budget.
@Suite("Rehearsal2026")
struct Rehearsal2026Tests {
    static let live: Scenario2026? = try? Scenario2026.load(from: ScenarioFiles.locate("cs336-2026-live", in: repositoryScenarios2026))
    static let repositoryScenarios2026 = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scenarios/2026")

    /// A stand-in for the truth's best loss (the real search is a benchmark's cost, not a
    /// test's): the budget and failure checks do not depend on it.
    static func bestLoss(_ s: Scenario2026) -> Double { s.truth.expectedFinalLoss(.handoutExample) }

    @Test(arguments: ["naive", "isotime", "adaptive"])
    func aRehearsalKeepsTheBudgetAndAgreesWithTheService(strategy: String) async throws {
        let s = try #require(Self.live)
        let r = try await Rehearsal2026(scenario: s, strategy: try StrategyCatalog2026.named(strategy), predictor: BestRunBaseline2026(),
                                        bestLoss: Self.bestLoss(s), seed: 1).run()
        let card = try #require(r.scorecard, "\(r.predictionError ?? "")")
        #expect(!card.overBudget, "charged \(card.chargedSeconds)")
        #expect(r.reconciliation.agrees, "\(r.reconciliation)")
        #expect(r.reconciliation.service.usedSeconds <= CampaignRules2026.totalBudgetSeconds)
    }
}

@Suite("Tournament2026")
struct Tournament2026Tests {
    @Test func shardsMergedGiveExactlyTheLeaderboardOfOneRun() async throws {
        let s = try #require(Rehearsal2026Tests.live)
        let strategies: [any Strategy2026] = [NaiveStrategy2026(), NaiveStrategy2026(maxInFlight: 2, reservationSeconds: 1800, tokenCounts: [33_554_432])]
        func tournament(_ shard: (Int, Int)?) -> Tournament2026 {
            Tournament2026(scenarios: [s], strategies: strategies, predictor: BestRunBaseline2026(), seeds: [1, 2], jobs: 2,
                           shard: shard.map { (index: $0.0, count: $0.1) })
        }
        let whole = try await tournament(nil).run()
        var shards: [Tournament2026.Shard] = []
        for i in [3, 1, 2] { shards.append(try await tournament((i, 3)).runShard()) }
        // Through JSON as `score --shard` writes it and `score merge` reads it, as shard files travel between machines.
        let decoded = try shards.map { try JSONOutput.decodeExact(Tournament2026.Shard.self, from: JSONOutput.encodeExact($0)) }
        let merged = try Tournament2026.merge(decoded)
        #expect(merged == whole)
        #expect(try JSONOutput.string(Leaderboard2026(merged)) == JSONOutput.string(Leaderboard2026(whole)))
        #expect(Leaderboard2026(merged).markdown == Leaderboard2026(whole).markdown)
        #expect(throws: TournamentError.self) { _ = try Tournament2026.merge(Array(decoded.prefix(2))) }
        #expect(throws: TournamentError.self) { _ = try Tournament2026.merge(decoded + [decoded[0]]) }
    }
}
