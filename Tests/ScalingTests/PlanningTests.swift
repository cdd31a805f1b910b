import Foundation
import Testing
@testable import Scaling

/// A deterministic stand-in service for campaign tests: the loss is a fixed function of the query.
struct FormulaService: QueryAnswering {
    func answer(_ query: Query) async throws -> Run {
        let n = query.configuration.nonEmbeddingParameters
        let d = query.configuration.tokens(trainFlops: Double(query.trainFlops))
        return Run(configuration: query.configuration, trainFlops: query.trainFlops,
                   loss: 1.7 + 400 / pow(n, 0.34) + 410 / pow(d, 0.28))
    }
}

@Suite struct PlanningTests {
    @Test func seedGridWantsSixTimesTheBudgetSumAndIsReportedOverBudget() throws {
        let report = try PlanReport(strategy: SeedGridStrategy(), rules: .live)
        #expect(report.lines.count == 60)
        #expect(report.wanted == 1.266e19)
        #expect(!report.isRunnable)
        #expect(report.problems.contains { $0.hasPrefix("over budget") })
        #expect(report.affordable <= 2_000_000_000_000_000_000)
    }

    @Test func defaultIsoFLOPGridFitsTheBudgetAndTheRules() throws {
        let report = try PlanReport(strategy: IsoFLOPStrategy(), rules: .live)
        #expect(report.isRunnable, "\(report.problems)")
        #expect(report.wanted == 1.776e18)
        #expect(report.perBudget.map(\.queries) == [4, 4, 4, 4, 4, 4])
    }

    @Test func shapeRuleReproducesTheLiveBestShapes() {
        let rule = ShapeRule()
        let c = rule.configuration(parameters: 6.5e7, dModel: 64...1024, numLayers: 2...24, numHeads: 2...16,
                                   batchSize: 128, learningRate: 1e-3)
        #expect(abs(log(c.nonEmbeddingParameters / 6.5e7)) < 0.05)
        #expect((8...13).contains(c.numLayers))
        #expect(c.dModel % c.numHeads == 0)
    }

    @Test func campaignCutsAtTheCapAndReportsWhatItWanted() async throws {
        let outcome = try await Campaign(strategy: SeedGridStrategy(), rules: .live).run(against: FormulaService())
        #expect(outcome.spent <= 2_000_000_000_000_000_000)
        #expect(outcome.wanted == 1.266e19)
        #expect(!outcome.refused.isEmpty)
        #expect(outcome.refused.allSatisfy { if case .budget = $0.reason { true } else { false } })
    }

    @Test func campaignReplaysAJournalWithoutAskingAgain() async throws {
        let first = try await Campaign(strategy: IsoFLOPStrategy(), rules: .live).run(against: FormulaService())
        let again = try await Campaign(strategy: IsoFLOPStrategy(), rules: .live).run(against: RefusingService(), replaying: first.runs)
        #expect(again.runs == first.runs)
        #expect(again.replayed == first.runs.count)
    }

    @Test func planFilesReadJSONAndCSVAndNameTheirErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let json = dir.appendingPathComponent("p.json")
        try #"[{"d_model": 512, "num_layers": 8, "num_heads": 8, "batch_size": 128, "learning_rate": 0.001, "train_flops": 100000000000000000}]"#
            .write(to: json, atomically: true, encoding: .utf8)
        let csv = dir.appendingPathComponent("p.csv")
        try "train_flops,d_model,num_layers,num_heads,batch_size,learning_rate,loss\n1e17,512,8,8,128,0.001,4.1\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        let a = try PlanFile.load(path: json.path).queries
        let b = try PlanFile.load(path: csv.path).queries
        #expect(a == b)
        #expect(a.first?.trainFlops == 100_000_000_000_000_000)

        let bad = dir.appendingPathComponent("bad.csv")
        try "d_model,num_layers,num_heads,batch_size,learning_rate,train_flops\n512,8,8,128,fast,1e17\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        #expect { try PlanFile.load(path: bad.path) } throws: { "\($0)".contains("line 2: learning_rate must be a finite number, got 'fast'") }
        #expect { try PlanFile.load(path: dir.appendingPathComponent("none.json").path) } throws: { "\($0)".contains("no such file") }
        let missing = dir.appendingPathComponent("m.json")
        try #"[{"d_model": 512}]"#.write(to: missing, atomically: true, encoding: .utf8)
        #expect { try PlanFile.load(path: missing.path) } throws: { "\($0)".contains("entry 0: missing field") }
    }
}
