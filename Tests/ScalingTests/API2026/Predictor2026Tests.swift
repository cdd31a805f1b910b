import Foundation
import Testing
@testable import Scaling

/// Predictor2026 on the 177 real 2026 runs.
@Suite struct Predictor2026Tests {
    static func predictor(bootstrap: Int = 4) -> Predictor2026 {
        var o = Predictor2026.Options()
        o.bootstrapResamples = bootstrap
        return Predictor2026(options: o)
    }

    /// The recommended run is a valid config that the models say fits in 48 hours and in memory,
    /// its interval holds its point, and the chosen law predicts the held-out largest sizes'
    /// final losses to within 0.06 nats RMSE.
    @Test func recommendsAValidRunFromTheLiveRuns() throws {
        let p = try Self.predictor().predict(LiveRuns2026Data.all, budgetSeconds: 172_800)
        #expect(p.config.firstBrokenRule == nil)
        #expect(p.config.maxRuntimeSeconds == 172_800)
        #expect(p.runtime.upper95Seconds * (1 + Predictor2026.Options().runtimeMargin) <= 172_800)
        #expect(p.memory.fits)
        #expect(p.lossInterval95.contains(p.predictedLoss))
        #expect(p.predictedLoss > 2 && p.predictedLoss < 3.5, "predicted \(p.predictedLoss)")
        let chosen = try #require(p.families.first { $0.family == p.law.family })
        let heldOut = try #require(chosen.heldOutRMSE)
        print("live: \(p.law.family.rawValue) held-out RMSE \(heldOut); N \(p.config.architecture.nonEmbeddingParameters), D \(p.config.totalTrainTokens), lr \(p.config.optimizer.peakLearningRate), loss \(p.predictedLoss) \(p.lossInterval95)")
        #expect(heldOut < 0.06)
        // the live sweeps stop at 25M parameters and 134M tokens: the predictor must say so
        #expect(p.warnings.contains { $0.hasPrefix("learning rate not varied near") })
        #expect(p.intervalWidening > 0)
    }

    /// Each family's analytic Jacobian equals central differences of its own residuals to 1e-6
    /// (relative to the entry, absolute below 1) at plausible and at far-off parameters.
    @Test(arguments: CurveLawFamily2026.allCases)
    func analyticJacobianMatchesFiniteDifferences(_ family: CurveLawFamily2026) throws {
        var points: [CurvePoint2026] = []
        for i in 0..<12 {
            let x = Double(i)
            let n: Double = 2e6 * pow(2.3, Double(i % 6)), d: Double = 3e7 * pow(1.9, x)
            let rate: Double = 3e-4 * pow(1.7, Double(i % 5))
            points.append(CurvePoint2026(run: i, parameters: n, forwardTokens: d, annealingArea: 40 * (x + 1),
                                         logRate: log(rate), loss: 4 - 0.1 * x, isLast: i % 3 == 0))
        }
        let problem = try #require(CurveLawProblem(family: family, points: points))
        let k: Int = problem.parameterCount, m: Int = problem.residualCount
        let starts: [[Double]] = family.starts(minimumLoss: 2.9)
        let offCentre: [Double] = starts[0].enumerated().map { j, v in v + 0.13 * Double(j % 3 + 1) }
        for start in starts + [offCentre] {
            var analytic = [Double](repeating: .nan, count: m * k)
            let ok = start.withUnsafeBufferPointer { p in analytic.withUnsafeMutableBufferPointer { problem.jacobian(at: p.baseAddress!, into: $0.baseAddress!) } }
            #expect(ok)
            for j in 0..<k {
                let h: Double = 1e-6 * max(1, abs(start[j]))
                var up = start, down = start
                up[j] += h; down[j] -= h
                var rUp = [Double](repeating: .nan, count: m), rDown = rUp
                _ = up.withUnsafeBufferPointer { p in rUp.withUnsafeMutableBufferPointer { problem.residuals(at: p.baseAddress!, into: $0.baseAddress!) } }
                _ = down.withUnsafeBufferPointer { p in rDown.withUnsafeMutableBufferPointer { problem.residuals(at: p.baseAddress!, into: $0.baseAddress!) } }
                for i in 0..<m {
                    let numeric: Double = (rUp[i] - rDown[i]) / (2 * h), exact: Double = analytic[i * k + j]
                    let tolerance: Double = 1e-6 * max(1, abs(exact))
                    #expect(abs(numeric - exact) <= tolerance, "\(family) d/d\(family.parameterNames[j]) at point \(i): analytic \(exact), numeric \(numeric)")
                }
            }
        }
    }

    /// Same inputs, same seed: the same answer.
    @Test func deterministic() throws {
        let a = try Self.predictor(bootstrap: 3).predict(LiveRuns2026Data.all, budgetSeconds: 86_400)
        let b = try Self.predictor(bootstrap: 3).predict(LiveRuns2026Data.all, budgetSeconds: 86_400)
        #expect(a.config == b.config)
        #expect(a.predictedLoss == b.predictedLoss)
        #expect(a.lossInterval95 == b.lossInterval95)
    }

    /// Too little evidence is a typed error, never a made-up answer.
    @Test func tooFewRunsThrow() {
        #expect(throws: PredictionError2026.self) { try Self.predictor().predict(Array(LiveRuns2026Data.completed.prefix(3)), budgetSeconds: 172_800) }
        #expect(throws: PredictionError2026.self) { try Self.predictor().predict(LiveRuns2026Data.all, budgetSeconds: .nan) }
    }

    /// The JSON has snake_case keys, no non-finite strings, and the config in wire form.
    @Test func jsonIsMachineReadable() throws {
        let p = try Self.predictor(bootstrap: 2).predict(LiveRuns2026Data.all, budgetSeconds: 172_800)
        let text = JSONText.pydantic(p.json)
        #expect(!text.contains("nan") && !text.contains("NaN") && !text.contains("Infinity"))
        let back = try JSONText.parse(Array(text.utf8))
        #expect(back["predicted_loss"] == .double(p.predictedLoss))
        #expect(try TrainingConfig(json: try #require(back["training_config"])) == p.config)
    }

    /// The closed forms equal the step-by-step sums of `rate(atStep:)`: S1 = Σ_{t<s} rate/peak and
    /// S2 = Σ_{t<s} m_t with m_t = λ m_{t−1} + max(0, rate(t−1) − rate(t))/peak, to 1e-9
    /// relative, for warmups that rise, fall or are absent, short and long runs, at every chunk.
    @Test(arguments: [(0.0, 0.05, 0.1, 64), (0.0, 0.0, 0.1, 1000), (2e-3, 0.1, 0.0, 999), (0.0, 0.3, 1.0, 200),
                      (5e-4, 0.05, 0.1, 20_000), (0.0, 0.5, 1.5, 77), (0.0, 0.05, 0.1, 1)])
    func closedFormAreasEqualTheStepByStepSums(initValue: Double, warmup: Double, finalFraction: Double, steps: Int) {
        let schedule = WarmupCosineSchedule(peakValue: 1e-3, finalLRFraction: finalFraction, warmupFraction: warmup, initValue: initValue)
        var c = TrainingConfig.handoutExample
        c.optimizer = .adamW(AdamWConfig(lrScheduler: schedule))
        c.nEvals = steps >= 16 ? 16 : 1
        c.totalTrainTokens = 512 * c.trainBatchSize * steps
        let total = c.totalSteps
        let areas = ScheduleAreas2026.at(chunks: Array(1...c.nEvals), of: c)
        var s1 = 0.0, s2 = 0.0, m = 0.0, previous = schedule.rate(atStep: 0, totalSteps: total)
        var t = 0
        for (i, area) in areas.enumerated() {
            let end = (i + 1) * total / c.nEvals
            while t < end {
                let r = schedule.rate(atStep: t, totalSteps: total)
                m = ScheduleAreas2026.momentum * m + max(0, previous - r) / schedule.peakValue
                s1 += r / schedule.peakValue
                s2 += m
                previous = r
                t += 1
            }
            #expect(abs(area.forward - s1) <= 1e-9 * max(1, s1), "S1 at chunk \(i + 1): \(area.forward) vs \(s1)")
            #expect(abs(area.annealing - s2) <= 1e-9 * max(1, s2), "S2 at chunk \(i + 1): \(area.annealing) vs \(s2)")
        }
    }

    /// The schedule areas: a constant rate's forward area is its steps; a cosine's annealing
    /// area is positive and below (1 - final fraction)/(1 - lambda).
    @Test func scheduleAreas() {
        var c = TrainingConfig.handoutExample
        c.optimizer = .adamW(AdamWConfig(lrScheduler: WarmupCosineSchedule(peakValue: 1e-3, finalLRFraction: 1, warmupFraction: 0)))
        let flat = ScheduleAreas2026.at(chunks: [16], of: c)[0]
        #expect(abs(flat.forward - Double(c.totalSteps)) < 1e-9)
        #expect(abs(flat.annealing) < 1e-9)
        c.totalTrainTokens = 512 * 128 * 16 * 4096
        c.optimizer = .adamW(AdamWConfig())
        let long = ScheduleAreas2026.at(chunks: [8, 16], of: c)
        #expect(long[0].annealing > 0 && long[1].annealing > long[0].annealing)
        #expect(long[1].annealing < 0.9 / (1 - ScheduleAreas2026.momentum))
        #expect(long[1].tokens == Double(c.totalTrainTokens))
    }
}
