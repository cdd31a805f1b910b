import Foundation
import Rehearsal
import Scaling
import SyntheticTrainer
import Testing

/// A small tournament: 2 scenarios x 2 strategies x 2 seeds without bootstrap.
@Suite struct TournamentTests {
    static func tournament(jobs: Int) throws -> Tournament {
        let folder = Fixtures.repositoryRoot.appendingPathComponent("scenarios")
        let scenarios = try ["chinchilla-2022", "kaplan-2020"].map { try Scenario.load(from: ScenarioFiles.locate($0, in: folder)) }
        return Tournament(scenarios: scenarios, strategies: [SeedGridStrategy(), IsoFLOPStrategy()], seeds: [1, 2],
                          jobs: jobs, connection: .inProcess, bootstrapResamples: 0)
    }

    @Test func leaderboardHasItsStructureAndIsDeterministic() async throws {
        let first = try await Self.tournament(jobs: 2).run()
        let second = try await Self.tournament(jobs: 1).run()
        #expect(first == second, "the entries do not depend on scheduling or the number of jobs")
        #expect(first.map(\.scenario) == ["chinchilla-2022"] * 4 + ["kaplan-2020"] * 4)
        #expect(first.map(\.strategy) == ["seed-grid", "seed-grid", "isoflop", "isoflop"] * 2)
        #expect(first.map(\.seed) == [1, 2, 1, 2, 1, 2, 1, 2])

        let board = Leaderboard(first)
        #expect(board.scenarios == ["chinchilla-2022", "kaplan-2020"])
        #expect(board.strategies == ["seed-grid", "isoflop"])
        #expect(board.seeds == [1, 2])
        #expect(board.overall.map(\.strategy) == ["seed-grid", "isoflop"])
        #expect(board.overall.map(\.rehearsals) == [4, 4])
        #expect(board.perScenario.map(\.scenario) == ["chinchilla-2022", "kaplan-2020"])
        for s in board.perScenario {
            #expect(s.rows.map(\.rehearsals) == [2, 2])
        }
        for row in board.overall {
            #expect(row.scored + row.failures.filter { $0.kind == .crash || $0.kind == .noPrediction }.map(\.count).reduce(0, +) == row.rehearsals)
            if let spread = row.absLnNError { #expect(spread.median <= spread.p90) }
        }
        // The seed grid is cut at the cap; nothing passes the budget.
        for e in first {
            if let card = e.scorecard {
                #expect(card.spent <= card.budget, "\(e.strategy) on \(e.scenario) seed \(e.seed)")
            }
            #expect(e.failures[.brokenRule] == nil)
        }
        #expect(!board.anyOverBudget)
        #expect(board.overall.allSatisfy { ($0.maxBudgetUsed ?? 0) <= 1 })

        // Same entries, same bytes.
        let again = Leaderboard(second)
        #expect(try JSONOutput.encode(board) == JSONOutput.encode(again))
        #expect(Data(board.markdown.utf8) == Data(again.markdown.utf8))
        #expect(board.markdown.contains("## Overall"))
        #expect(board.markdown.contains("## kaplan-2020"))
    }

    @Test func aFailingRehearsalIsRecordedNotFatal() async throws {
        let folder = Fixtures.repositoryRoot.appendingPathComponent("scenarios")
        let s = try Scenario.load(from: ScenarioFiles.locate("chinchilla-2022", in: folder))
        let t = Tournament(scenarios: [s], strategies: [FailingStrategy(), IsoFLOPStrategy()], seeds: [1], jobs: 2)
        let entries = try await t.run()
        #expect(entries.count == 2)
        #expect(entries[0].scorecard == nil)
        #expect(entries[0].failures[.crash]?.contains("the strategy broke") == true)
        #expect(entries[1].scorecard != nil)
        let board = Leaderboard(entries)
        #expect(board.overall[0].failures.map(\.kind) == [.crash])
        #expect(board.overall[0].failures.first?.count == 1)
        #expect(board.overall[0].failures.first?.first == entries[0].failures[.crash])
        #expect(board.overall[0].absLnNError == nil)
        #expect(board.markdown.contains("1 crash"))
    }

    @Test func aCampaignWithoutUsableRunsIsNoPrediction() async throws {
        let folder = Fixtures.repositoryRoot.appendingPathComponent("scenarios")
        let s = try Scenario.load(from: ScenarioFiles.locate("chinchilla-2022", in: folder))
        let entries = try await Tournament(scenarios: [s], strategies: [SilentStrategy()], seeds: [1]).run()
        #expect(entries[0].failures.keys.sorted() == [.noPrediction])
    }
}

/// A strategy that throws on its first move.
private struct FailingStrategy: Strategy {
    struct Broke: Error, CustomStringConvertible { var description: String { "the strategy broke" } }
    var name: String { "failing" }
    var summary: String { "throws" }
    var isSequential: Bool { true }
    func nextQueries(_ state: CampaignState) throws -> [Query] { throw Broke() }
}

/// A strategy that asks nothing, so there is nothing to fit.
private struct SilentStrategy: Strategy {
    var name: String { "silent" }
    var summary: String { "asks nothing" }
    var isSequential: Bool { false }
    func nextQueries(_ state: CampaignState) throws -> [Query] { [] }
}

private func * <T>(array: [T], times: Int) -> [T] { (0..<times).flatMap { _ in array } }
