import ArgumentParser
import Foundation
import Scaling
import SyntheticTrainer

/// `harness bench truth`: how fast the truth answers, on one core. Build with
/// `swift build -c release --scratch-path .build-release` for meaningful figures.
struct BenchTruth: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "truth",
        abstract: "Expected- and observed-loss evaluations per second, and the time to find the best configuration.",
        discussion: """
            Targets: over 1e6 expected-loss evaluations per second on one core, and under 100 ms \
            to find the best configuration of the final-run space at the target. Run it from a \
            release build; a debug build is many times slower.

            With --api 2026: plans per second (each a whole curve of n_evals points, runtime, \
            memory and noise; target over 1e5 per second on one core) and the time of the search \
            for the best configuration at 172,800 s.

            Examples:
              .build-release/release/harness bench truth
              .build-release/release/harness bench truth --api 2026 --scenario cs336-2026-live
              .build-release/release/harness bench truth --scenario chinchilla-2022 --seconds 0.5 --json
            """)

    @Option(help: "A scenario file, or a name in scenarios/ (2025) or scenarios/2026/ (2026; default cs336-2026-live).")
    var scenario: String?

    @Option(help: "The protocol whose truth to time: 2025 or 2026.")
    var api = 2025

    @Option(help: "Seconds to spend on each evaluation loop.")
    var seconds = 1.0

    @Option(help: "Repetitions of the best-configuration search (the median is reported).")
    var repeats = 9

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard seconds.isFinite, seconds > 0, seconds <= 600 else {
            throw ValidationError("--seconds must be in (0, 600], got \(seconds)")
        }
        guard repeats >= 1, repeats <= 1000 else { throw ValidationError("--repeats must be in 1...1000, got \(repeats)") }
        guard api == 2025 || api == 2026 else { throw ValidationError("--api must be 2025 or 2026, got \(api)") }
    }

    struct Figures: Codable {
        var scenario: String
        var expectedLossPerSecond: Double
        var observedLossPerSecond: Double
        var bestAtTargetMilliseconds: Double
        var bestOverAPIMilliseconds: Double
        var target: Double
        enum CodingKeys: String, CodingKey {
            case scenario, target
            case expectedLossPerSecond = "expected_loss_per_second"
            case observedLossPerSecond = "observed_loss_per_second"
            case bestAtTargetMilliseconds = "best_at_target_ms"
            case bestOverAPIMilliseconds = "best_over_api_ms"
        }
    }

    func run() throws {
        if api == 2026 { return try run2026() }
        let s = try Scenario.load(from: try ScenarioFiles.locate(scenario ?? "cs336-live"))
        // 4096 valid queries spread over the API's space (deterministic).
        let flops = s.rules.trainFlops
        let queries: [Query] = (0..<4096).map { i in
            let c = Configuration(
                dModel: s.rules.dModel.lowerBound + (i &* 37) % s.rules.dModel.count,
                numLayers: s.rules.numLayers.lowerBound + (i &* 7) % s.rules.numLayers.count,
                numHeads: s.rules.numHeads.lowerBound + (i &* 5) % s.rules.numHeads.count,
                batchSize: s.rules.batchSizes[i % s.rules.batchSizes.count],
                learningRate: s.rules.learningRate.lowerBound + Double(i % 17) / 16 * (s.rules.learningRate.upperBound - s.rules.learningRate.lowerBound))
            return Query(configuration: c, trainFlops: flops[i % flops.count])
        }
        let expected = rate(queries) { s.expectedLoss($0.configuration, trainFlops: Double($0.trainFlops)) }
        let observed = rate(queries) { s.observedLoss($0) }
        let atTarget = medianMilliseconds { _ = s.bestConfiguration(trainFlops: s.target.budget, in: s.target.space) }
        let overAPI = medianMilliseconds { _ = s.bestConfiguration(trainFlops: 1e17) }
        let figures = Figures(scenario: s.name, expectedLossPerSecond: expected, observedLossPerSecond: observed,
                              bestAtTargetMilliseconds: atTarget, bestOverAPIMilliseconds: overAPI, target: s.target.budget)
        if json {
            print(try TruthOutput.encode(figures), terminator: "")
            return
        }
        print("scenario \(s.name), one core")
        print(String(format: "  expected loss:  %.3g evaluations/s (target > 1e6)", expected))
        print(String(format: "  observed loss:  %.3g evaluations/s", observed))
        print(String(format: "  best configuration of the final-run space at %.0e: %.1f ms (median of %d; target < 100 ms)", s.target.budget, atTarget, repeats))
        print(String(format: "  best configuration of the API's space at 1e17:     %.1f ms", overAPI))
    }

    struct Figures2026: Codable {
        var scenario: String
        var plansPerSecond: Double
        var curvePointsPerSecond: Double
        var finalLossesPerSecond: Double
        var targetMilliseconds: Double
        enum CodingKeys: String, CodingKey {
            case scenario
            case plansPerSecond = "plans_per_second", curvePointsPerSecond = "curve_points_per_second"
            case finalLossesPerSecond = "final_losses_per_second", targetMilliseconds = "target_ms"
        }
    }

    private func run2026() throws {
        let name = scenario ?? "cs336-2026-live"
        let s = try CommandFailure.reporting { () throws -> Scenario2026 in
            guard let url = try Scenario2026Loading.locate(name) else {
                throw ValidationError("\(name) is not a 2026 scenario (scenarios/2026/)")
            }
            return try Scenario2026.load(from: url)
        }
        // 1024 valid configs over sizes, batches, rates and token counts (deterministic).
        let configs: [TrainingConfig] = (0..<1024).map { i in
            let d = 128 * (2 + (i &* 7) % 14), layers = 4 + (i &* 5) % 20, batch = 1 << (4 + i % 5)
            let tokens = 512 * batch * 16 * (1 + (i &* 13) % 64)
            return TrainingConfig(
                architecture: .standard(hiddenSize: d, layers: layers, intermediateSize: 4 * d),
                optimizer: .adamW(AdamWConfig(lrScheduler: WarmupCosineSchedule(peakValue: 1e-4 * Double(1 + i % 97)))),
                trainBatchSize: batch, valBatchSize: 32, nEvals: 16, totalTrainTokens: tokens, maxRuntimeSeconds: 3600)
        }
        var key: UInt64 = 0
        let plans = rate(configs) { key &+= 1; return s.truth.plan(for: $0, runKey: key).expectedLosses.last ?? 0 }
        let finals = rate(configs) { s.truth.expectedFinalLoss($0) }
        let target = medianMilliseconds { _ = try? s.target() }
        let f = Figures2026(scenario: s.name, plansPerSecond: plans, curvePointsPerSecond: plans * 16,
                            finalLossesPerSecond: finals, targetMilliseconds: target)
        if json {
            print(try TruthOutput.encode(f), terminator: "")
            return
        }
        print("scenario \(s.name) (API 2026), one core")
        print(String(format: "  plans (16-point curves):  %.3g per second (target > 1e5)", plans))
        print(String(format: "  curve points:             %.3g per second", plans * 16))
        print(String(format: "  final expected losses:    %.3g per second", finals))
        print(String(format: "  best configuration at %.0f s: %.0f ms (median of %d)", s.targetBudgetSeconds, target, repeats))
    }

    /// Evaluations per second of `f` over `queries`, looping for about `seconds`.
    private func rate<Item>(_ queries: [Item], _ f: (Item) -> Double) -> Double {
        var sink = 0.0
        var count = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let limit = UInt64(seconds * 1e9)
        var elapsed: UInt64 = 0
        repeat {
            for q in queries { sink += f(q) }
            count += queries.count
            elapsed = DispatchTime.now().uptimeNanoseconds - start
        } while elapsed < limit
        if sink.isNaN { print("(a loss was NaN)") }
        return Double(count) / (Double(elapsed) / 1e9)
    }

    private func medianMilliseconds(_ body: () -> Void) -> Double {
        var times: [Double] = []
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times.sorted()[times.count / 2]
    }
}
