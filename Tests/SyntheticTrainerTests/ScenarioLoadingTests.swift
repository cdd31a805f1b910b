import Foundation
import Scaling
import Testing
@testable import SyntheticTrainer

@Suite("Scenario files load and validate")
struct ScenarioLoadingTests {
    static let shipped = ["chinchilla-2022", "cs336-live", "embeddings", "epoch-2024", "kaplan-2020",
                          "lr-sensitive", "noisy", "tree-quantized"]

    @Test func allEightShippedScenariosLoadSortedByName() throws {
        let all = try Scenario.loadAll(in: Fixtures.scenariosDirectory)
        #expect(all.map(\.name) == Self.shipped)
        for s in all {
            #expect(!s.summary.isEmpty && !s.summary.contains("\n"))
            #expect(s.rules == APIRules.live, "\(s.name) should serve the live API's rules")
            #expect(s.target.budget == 1e19)
            #expect(s.target.space.batchSizes == [128, 256])
        }
    }

    @Test(arguments: shipped)
    func everyScenarioAnswersEveryAllowedBudget(name: String) throws {
        let s = try Fixtures.scenario(name)
        let c = Fixtures.configuration(512, 8, 8)
        var previous = Double.infinity
        for flops in s.rules.trainFlops {
            let q = Query(configuration: c, trainFlops: flops)
            let expected = s.expectedLoss(q)
            #expect(expected.isFinite && expected > s.surface.law.E)
            #expect(expected <= previous + 1e-12, "more FLOPs must not raise the expected loss")
            previous = expected
            #expect(s.observedLoss(q).isFinite)
        }
        let report = try s.truthReport()
        #expect(report.bestConfiguration.expectedLoss <= report.frontier.loss + 0.05)
        #expect(report.budgets.count == s.rules.trainFlops.count)
    }

    @Test func flopsWrittenAsNumbersBecomeWholeInt64s() throws {
        let s = try Fixtures.scenario("chinchilla-2022")
        #expect(s.rules.trainFlops.first == 10_000_000_000_000)
        #expect(s.rules.budget == 2_000_000_000_000_000_000)
    }

    /// Each case: a text substitution into chinchilla-2022 and words the message must contain.
    static let badFiles: [(from: String, to: String, expect: [String])] = [
        ("  alpha: 0.34", "  alpha: -0.34", ["law.alpha", "-0.34", "exponent > 0"]),
        ("  beta: 0.28", "  beta: 0", ["law.beta", "exponent > 0"]),
        ("  sigma: 0.01", "  sigma: -0.1", ["noise.sigma", "-0.1", ">= 0"]),
        ("  train_flops: [1.0e13, 3.0e13, 6.0e13, 1.0e14, 3.0e14, 6.0e14, 1.0e15, 3.0e15, 6.0e15,\n                1.0e16, 3.0e16, 6.0e16, 1.0e17, 3.0e17, 6.0e17, 1.0e18]",
         "  train_flops: []", ["api.train_flops", "non-empty"]),
        ("  budget: 1.0e19", "  budget: 1.0e17", ["target.budget", "largest allowed run", "1000000000000000000"]),
        ("  sigma: 0.01", "  sigma: 0.01\n  sigam: 0.02", ["noise.sigam", "unknown key", "sigma"]),
        ("parameters: non_embedding", "parameters: everything", ["parameters", "everything", "with_embeddings"]),
        ("  tails: gaussian", "  tails: cauchy", ["noise.tails", "cauchy", "student_t"]),
        ("  d_model: [64, 1024]", "  d_model: [1024, 64]", ["api.d_model", "lo <= hi"]),
        ("  E: 1.69\n", "", ["law.E", "missing"]),
        ("  A: 406.4", "  A: lots", ["law.A"]),
        ("  budget: 2.0e18", "  budget: 2.5", ["api.budget", "2.5", "whole"]),
        // Issue 15 #9: values that broke the server or `truth` instead of being refused.
        ("  sigma: 0.01", "  sigma: 1.0e308", ["noise.sigma", "1e+308", "<= 10.0"]),
        ("  d_model: [64, 1024]", "  d_model: [64, 9223372036854775807]", ["api.d_model", "9223372036854775807", "hi <= 1048576"]),
        ("  d_model: [64, 4096]\n  num_layers: [2, 64]", "  d_model: [64, 1000000]\n  num_layers: [2, 10000]",
         ["target", "exhaustive search costs at most", "narrow the ranges"]),
    ]

    @Test(arguments: badFiles.indices)
    func malformedFilesFailNamingFileFieldValueAndRule(index: Int) throws {
        let case_ = Self.badFiles[index]
        let original = try Fixtures.text("chinchilla-2022")
        #expect(original.contains(case_.from), "fixture text must contain the substituted line")
        let url = try Fixtures.write(original.replacingOccurrences(of: case_.from, with: case_.to), name: "bad-\(index).yaml")
        do {
            _ = try Scenario.load(from: url)
            Issue.record("expected \(case_.to) to be rejected")
        } catch {
            let message = error.description
            #expect(message.hasPrefix(url.path), "message should start with the file: \(message)")
            for word in case_.expect { #expect(message.contains(word), "'\(word)' missing from: \(message)") }
        }
    }

    @Test func invalidYAMLAndMissingFilesAreReportedByName() throws {
        let url = try Fixtures.write("name: [unclosed\n")
        #expect(throws: ScenarioError.self) { try Scenario.load(from: url) }
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioFiles.locate("no-such-scenario", in: Fixtures.scenariosDirectory)
        }
        #expect(error?.description.contains("no-such-scenario") == true)
        #expect(error?.description.contains("cs336-live") == true)
    }
}
