import Foundation
import Scaling
import Testing
@testable import SyntheticTrainer

@Suite("2026 scenario files")
struct Scenario2026Tests {
    static let directory = Fixtures.scenariosDirectory.appendingPathComponent("2026")

    @Test func everyShippedScenarioLoads() throws {
        let all = try Scenario2026.loadAll(in: Self.directory)
        #expect(all.map(\.name) == ["crowded-deadline-2026", "cs336-2026-live", "cs336-2026-tuned", "flaky-2026", "kaplan-2026", "wide-slow-2026"])
        let live = try #require(all.first { $0.name == "cs336-2026-live" })
        // The file writes out the built-in defaults, and adds the discrepancy term's 153 anchors.
        var expected = Truth2026()
        expected.noise.seed = 2026
        #expect(live.truth.discrepancy.anchors.count == 153)
        expected.discrepancy = live.truth.discrepancy
        #expect(live.truth == expected)
        #expect(live.service == ServiceBehaviour2026())
        #expect(live.targetBudgetSeconds == 172_800)
        let crowded = try #require(all.first { $0.name == "crowded-deadline-2026" })
        #expect(crowded.service.background.arrivalsPerHour == 60 && crowded.service.background.surgeFactor == 4)
        let flaky = try #require(all.first { $0.name == "flaky-2026" })
        #expect(flaky.service.preemptionRate == 0.10 && flaky.truth.noise.rerunSigma == 0.02)
    }

    /// The 2025 loader and its listing do not see the 2026 folder.
    @Test func the2025LoaderIsUnchanged() throws {
        let names = try Scenario.loadAll(in: Fixtures.scenariosDirectory).map(\.name)
        #expect(!names.contains { $0.hasSuffix("2026") })
        #expect(names.contains("cs336-live"))
    }

    @Test func namesResolveInTheFolder() throws {
        let url = try ScenarioFiles.locate("kaplan-2026", in: Self.directory)
        #expect(try Scenario2026.load(from: url).truth.law.alpha == 0.2)
    }

    static let bad: [(String, String)] = [
        ("name: x\ndescription: y\nseed: 1\ntruth:\n  lawz: {E: 2}\n", "truth.lawz = (unknown key) is not allowed: truth accepts only law,"),
        ("name: x\ndescription: y\nseed: 1\ntruth:\n  law: {E: 2, A: -1}\n", "truth.law.A = -1 is not allowed: must be a finite number > 0"),
        ("name: x\ndescription: y\nseed: -3\n", "seed = -3 is not allowed: expected a whole number"),
        ("name: x\nseed: 1\n", "description = (missing) is not allowed: this field is required"),
        ("name: x\ndescription: y\nseed: 1\nservice:\n  slots: 0\n", "service.slots = 0 is not allowed: expected a whole number in 1...100000"),
        ("name: x\ndescription: y\nseed: 1\nservice:\n  preemption_rate: 1.5\n", "service.preemption_rate = 1.5 is not allowed: must be a finite number >= 0 and <= 1.0"),
        ("name: x\ndescription: y\nseed: 1\nservice:\n  overhead_range_seconds: [50, 12]\n", "service.overhead_range_seconds = [50, 12] is not allowed: expected [low, high]"),
        ("name: x\ndescription: y\nseed: 1\nservice:\n  background: {surge: 2}\n", "service.background.surge = (unknown key)"),
        ("name: x\ndescription: y\nseed: 1\napi: 2025\n", "api = 2025 is not allowed: expected a whole number in 2026...2026"),
        ("name: x\ndescription: y\nseed: 1\ntruth:\n  discrepancy: {signal_sigma: 0.2, noise_sigma: 0.04, anchors: []}\n",
         "truth.discrepancy.length_scales = (missing) is not allowed: this field is required"),
        ("name: x\ndescription: y\nseed: 1\ntruth:\n  discrepancy:\n    length_scales: {log_parameters: 1, log_tokens: 1, log_batch: 1, log_learning_rate: 1}\n    signal_sigma: 0.2\n    noise_sigma: 0.04\n    anchors:\n      - [1e7, 1e8, 32, 0.003, 0.1]\n      - [1e7, -1e8, 32, 0.003]\n",
         "truth.discrepancy.anchors[1] = [1e7, -1e8, 32, 0.003] is not allowed: expected [5 finite numbers], the first 4 > 0"),
        ("name: x\ndescription: y\nseed: 1\ntruth:\n  discrepancy:\n    length_scales: {log_parameters: 1, log_tokens: 1, log_batch: 1, log_learning_rate: 0}\n    signal_sigma: 0.2\n    noise_sigma: 0.04\n    anchors: []\n",
         "truth.discrepancy.length_scales.log_learning_rate = 0 is not allowed: must be a finite number > 0"),
        // Issue 15 #9 for 2026: a noise that overflows every draw is refused, not served.
        ("name: x\ndescription: y\nseed: 1\ntruth:\n  noise: {init_sigma: 1e308}\n", "truth.noise.init_sigma = 1e308 is not allowed: must be a finite number >= 0 and <= 10.0"),
        ("name: x\ndescription: y\nseed: 1\nservice:\n  overhead_sigma: 1e300\n", "service.overhead_sigma = 1e300 is not allowed"),
    ]

    @Test(arguments: bad.indices)
    func badFilesAreNamed(_ i: Int) throws {
        let (text, fragment) = Self.bad[i]
        let url = try Fixtures.write(text)
        do {
            _ = try Scenario2026.load(from: url)
            Issue.record("\(text) loaded")
        } catch {
            #expect(error.description.contains(fragment), "\(error.description)")
            #expect(error.file == url.path)
        }
    }

    @Test func everyServiceKeyIsOptional() throws {
        let url = try Fixtures.write("name: x\ndescription: y\nseed: 5\nservice:\n  nan_rate: 0.25\n")
        let s = try Scenario2026.load(from: url)
        var expected = ServiceBehaviour2026()
        expected.nanRate = 0.25
        #expect(s.service == expected)
        #expect(s.truth.noise.seed == 5)
    }
}

@Suite("2026 scenarios' stated targets")
struct StatedTarget2026Tests {
    @Test(arguments: ["cs336-2026-live", "cs336-2026-tuned", "kaplan-2026", "wide-slow-2026"])
    func theStatedTruthIsWhatTheSearchFinds(_ name: String) throws {
        let s = try Scenario2026.load(from: Scenario2026Tests.directory.appendingPathComponent(name + ".yaml"))
        let stated = try #require(s.statedTruth)
        let t = try s.target()
        #expect(abs(t.loss - stated.loss) <= 0.005, "\(name): \(t.loss)")
        #expect(abs(Double(t.nonEmbeddingParameters) / stated.nonEmbeddingParameters - 1) <= 0.02)
        #expect(abs(Double(t.tokens) / stated.tokens - 1) <= 0.02)
    }

    /// The other laws and hardware move the optimum: what a planner must find differs.
    @Test func theScenariosDisagreeAtTheTarget() throws {
        let live = try #require(try Scenario2026.load(from: Scenario2026Tests.directory.appendingPathComponent("cs336-2026-live.yaml")).statedTruth)
        let kaplan = try #require(try Scenario2026.load(from: Scenario2026Tests.directory.appendingPathComponent("kaplan-2026.yaml")).statedTruth)
        let slow = try #require(try Scenario2026.load(from: Scenario2026Tests.directory.appendingPathComponent("wide-slow-2026.yaml")).statedTruth)
        #expect(abs(kaplan.loss - live.loss) > 0.1)
        #expect(slow.nonEmbeddingParameters < 0.85 * live.nonEmbeddingParameters)
    }
}
