import Foundation
import Testing
import Scaling
import SyntheticTrainer

/// Predictor2026 judged on synthetic truths it was not designed with: the 177 real campaign
/// configs of `data/live-2026/runs.json` replayed through each scenario's truth (its noise, its
/// runtime, its memory), then the recommended 48-hour run trained by the same truth.
@Suite struct Predictor2026SyntheticTests {
    static let directory = Fixtures.scenariosDirectory.appendingPathComponent("2026")

    /// The experiments the truth gives for the live campaign's configs (run key `seed·1000 + i`).
    static func experiments(_ truth: Truth2026, seed: UInt64) -> [ExperimentResponse2026] {
        LiveRun2026.experiments.enumerated().map { i, e in
            let plan = truth.plan(for: e.trainingConfig, runKey: seed &* 1000 &+ UInt64(i))
            let status: ExperimentStatus2026 = switch plan.outcome(maxRuntimeSeconds: e.trainingConfig.maxRuntimeSeconds) {
            case .completed(let used, let losses):
                .completed(queuedAt: 0, dispatchedAt: 0, runID: "r\(i)", usedRuntimeSeconds: used, valLosses: losses, completedAt: 0)
            case .timeout(let used, let losses):
                .failed(queuedAt: 0, dispatchedAt: 0, runID: "r\(i)", usedRuntimeSeconds: used, reason: .timeout(partialValLosses: losses), failedAt: 0)
            case .outOfMemory(let used, let text):
                .failed(queuedAt: 0, dispatchedAt: 0, runID: "r\(i)", usedRuntimeSeconds: used, reason: .unexpected(failure: text), failedAt: 0)
            }
            return ExperimentResponse2026(experimentID: e.experimentID, trainingConfig: e.trainingConfig, status: status)
        }
    }

    struct Judged {
        var predicted: Double
        var interval: ClosedRange<Double>
        var achieved: Double?
        var expected: Double
        var target: Double
        var outcome: String
        var regret: Double { (achieved ?? .infinity) - target }
    }

    static func judge(_ scenario: String, seed: UInt64, bootstrap: Int) throws -> Judged {
        let s = try Scenario2026.load(from: try ScenarioFiles.locate(scenario, in: directory))
        var options = Predictor2026.Options()
        options.bootstrapResamples = bootstrap
        options.seed = seed
        let p = try Predictor2026(options: options).predict(experiments(s.truth, seed: seed), budgetSeconds: s.targetBudgetSeconds)
        let plan = s.truth.plan(for: p.config, runKey: 999_999 &+ seed)
        let outcome = plan.outcome(maxRuntimeSeconds: p.config.maxRuntimeSeconds)
        let achieved: Double? = if case .completed(_, let losses) = outcome { losses.last } else { nil }
        return Judged(predicted: p.predictedLoss, interval: p.lossInterval95, achieved: achieved,
                      expected: s.truth.expectedFinalLoss(p.config), target: try s.target().loss, outcome: outcome.name)
    }

    /// On each scenario the recommended run completes (no timeout, no OOM), its achieved loss is
    /// inside the predicted interval, and its regret against the truth's best 48-hour run is
    /// below 0.25 nats (measured 0.16 to 0.19 at seed 1: the live design's sweeps stop at 25M
    /// parameters, so the final size is a long extrapolation; see the report). Figures printed.
    @Test(arguments: ["cs336-2026-live", "kaplan-2026", "wide-slow-2026"])
    func recommendedRunCompletesWithBoundedRegret(_ scenario: String) throws {
        let j = try Self.judge(scenario, seed: 1, bootstrap: 4)
        print("\(scenario): predicted \(j.predicted) [\(j.interval.lowerBound), \(j.interval.upperBound)], achieved \(j.achieved ?? .nan), expected \(j.expected), target \(j.target), regret \(j.regret), |err| \(abs(j.predicted - (j.achieved ?? .nan)))")
        #expect(j.outcome == "completed")
        #expect(j.regret < 0.25, "regret \(j.regret)")
        #expect(abs(j.predicted - (j.achieved ?? .infinity)) < 0.15)
        #expect(j.interval.contains(j.achieved ?? .infinity), "achieved \(j.achieved ?? .nan) outside \(j.interval)")
    }
}


/// The predictor over every 2026 scenario and five seeds (opt-in, about five minutes in a debug
/// build): `PREDICT2026_EVAL=1 swift test --filter Predictor2026Evaluation`. Prints each case and
/// the summary; asserts that no recommended run times out or runs out of memory and that the
/// achieved loss is inside the interval in at least 80% of cases.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PREDICT2026_EVAL"] != nil))
struct Predictor2026Evaluation {
    @Test func everyScenarioFiveSeeds() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Predictor2026SyntheticTests.directory.path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        var errors: [Double] = [], regrets: [Double] = [], covered = 0, failed = 0, cases = 0
        for name in names {
            for seed in UInt64(1)...5 {
                let j = try Predictor2026SyntheticTests.judge(name, seed: seed, bootstrap: 20)
                cases += 1
                guard let achieved = j.achieved else { failed += 1; print("EVAL \(name) seed \(seed): \(j.outcome)"); continue }
                errors.append(abs(j.predicted - achieved)); regrets.append(j.regret)
                if j.interval.contains(achieved) { covered += 1 }
                print("EVAL \(name) seed \(seed): predicted \(j.predicted) [\(j.interval.lowerBound), \(j.interval.upperBound)] achieved \(achieved) target \(j.target) regret \(j.regret)")
            }
        }
        func median(_ x: [Double]) -> Double { let s = x.sorted(); return s.isEmpty ? .nan : s[s.count / 2] }
        print("EVAL summary: \(cases) cases, \(failed) failed final runs, median |err| \(median(errors)), max |err| \(errors.max() ?? .nan), median regret \(median(regrets)), max regret \(regrets.max() ?? .nan), coverage \(covered)/\(cases - failed)")
        #expect(failed == 0)
        #expect(Double(covered) >= 0.8 * Double(cases - failed))
    }
}
