import Foundation
import Scaling
import Testing
@testable import SyntheticTrainer

/// The fit behind cs336-2026-live's learning-rate, progress and steps constants: GSL's
/// Levenberg–Marquardt (`NonlinearLeastSquares`) on ln(expected final loss) − ln(reported
/// final loss) over the 153 real completed runs. The law (docs/rehearsing-2026.md §3), the high-side
/// curvature, the bf16 floor, the progress width and batch exponent and the steps exponent are
/// held fixed (chosen, not identified by these runs). The defaults of `Truth2026` must be this
/// fit's optimum: refit from them, nothing moves.
@Suite("cs336-2026-live's constants are a GSL fit to the real runs")
struct LiveCalibrationFit2026 {
    /// What the fitted surface alone reaches on the final losses, RMSE 0.217 nats (it misses
    /// the short large-batch and low-rate runs; the scenario's discrepancy term takes it to the
    /// issue's 0.10, `LiveDiscrepancy2026Tests`); pinned as a guard.
    static let rmseBound = 0.22

    /// The free constants, in the fit's coordinates (logarithms of the positive ones).
    static func vector(_ t: Truth2026) -> [Double] {
        [Foundation.log(t.learningRate.optimum), t.learningRate.tokensExponent, t.learningRate.parametersExponent,
         t.learningRate.batchExponent, Foundation.log(t.learningRate.lowCurvature), Foundation.log(t.progress.scale),
         Foundation.log(t.progress.knee), Foundation.log(t.steps.scale), Foundation.log(t.steps.criticalSteps),
         t.steps.tokensExponent]
    }

    static func truth(_ p: UnsafePointer<Double>, base: Truth2026) -> Truth2026 {
        var t = base
        t.learningRate.optimum = Foundation.exp(p[0]); t.learningRate.tokensExponent = p[1]
        t.learningRate.parametersExponent = p[2]; t.learningRate.batchExponent = p[3]
        t.learningRate.lowCurvature = Foundation.exp(p[4]); t.progress.scale = Foundation.exp(p[5])
        t.progress.knee = Foundation.exp(p[6]); t.steps.scale = Foundation.exp(p[7])
        t.steps.criticalSteps = Foundation.exp(p[8]); t.steps.tokensExponent = p[9]
        return t
    }

    /// cs336-2026-tuned's free constants: live's, less the lr* batch exponent (held at 0.05),
    /// plus the high-side curvature and its batch exponent and the progress batch exponent.
    static func tunedVector(_ t: Truth2026) -> [Double] {
        [Foundation.log(t.learningRate.optimum), t.learningRate.tokensExponent, t.learningRate.parametersExponent,
         Foundation.log(t.learningRate.lowCurvature), Foundation.log(t.learningRate.highCurvature),
         Foundation.log(t.progress.scale), Foundation.log(t.progress.knee), t.progress.batchExponent,
         Foundation.log(t.steps.scale), Foundation.log(t.steps.criticalSteps), t.steps.tokensExponent,
         t.learningRate.highBatchExponent]
    }

    static func tunedTruth(_ p: UnsafePointer<Double>, base: Truth2026) -> Truth2026 {
        var t = base
        t.learningRate.optimum = Foundation.exp(p[0]); t.learningRate.tokensExponent = p[1]
        t.learningRate.parametersExponent = p[2]; t.learningRate.lowCurvature = Foundation.exp(p[3])
        t.learningRate.highCurvature = Foundation.exp(p[4]); t.progress.scale = Foundation.exp(p[5])
        t.progress.knee = Foundation.exp(p[6]); t.progress.batchExponent = p[7]
        t.steps.scale = Foundation.exp(p[8]); t.steps.criticalSteps = Foundation.exp(p[9]); t.steps.tokensExponent = p[10]
        t.learningRate.highBatchExponent = p[11]
        return t
    }

    /// What the tuned fit reaches: RMSE 0.125 over the 153 runs; fitted on the even ids, 0.142
    /// on the odd ones.
    static let tunedRMSEBound = 0.127
    static let tunedHeldOutBound = 0.145

    static func tuned() throws -> Truth2026 {
        try Scenario2026.load(from: Scenario2026Tests.directory.appendingPathComponent("cs336-2026-tuned.yaml")).truth
    }

    final class Model: LeastSquaresModel {
        let base: Truth2026
        let configs: [TrainingConfig]
        let logObserved: [Double]
        let apply: (UnsafePointer<Double>, Truth2026) -> Truth2026
        let parameterCount: Int
        var residualCount: Int { configs.count }

        init(base: Truth2026, runs: [LiveRun2026], parameterCount: Int = 10,
             apply: @escaping (UnsafePointer<Double>, Truth2026) -> Truth2026 = { LiveCalibrationFit2026.truth($0, base: $1) }) {
            self.base = base
            self.apply = apply
            self.parameterCount = parameterCount
            let usable = runs.filter { $0.finalLoss != nil }
            configs = usable.map(\.config)
            logObserved = usable.map { Foundation.log($0.finalLoss ?? .nan) }
        }

        func residuals(at x: UnsafePointer<Double>, into r: UnsafeMutablePointer<Double>) -> Bool {
            let t = apply(x, base)
            for (i, c) in configs.enumerated() { r[i] = Foundation.log(t.expectedFinalLoss(c)) - logObserved[i] }
            return (0..<configs.count).allSatisfy { r[$0].isFinite }
        }

        /// Central differences (the surface is smooth in every free constant).
        func jacobian(at x: UnsafePointer<Double>, into j: UnsafeMutablePointer<Double>) -> Bool {
            var p = Array(UnsafeBufferPointer(start: x, count: parameterCount))
            var plus = [Double](repeating: 0, count: residualCount), minus = plus
            for k in 0..<parameterCount {
                let h = 1e-6 * max(1, abs(p[k]))
                let saved = p[k]
                p[k] = saved + h
                let okPlus = p.withUnsafeBufferPointer { b in plus.withUnsafeMutableBufferPointer { residuals(at: b.baseAddress!, into: $0.baseAddress!) } }
                p[k] = saved - h
                let okMinus = p.withUnsafeBufferPointer { b in minus.withUnsafeMutableBufferPointer { residuals(at: b.baseAddress!, into: $0.baseAddress!) } }
                p[k] = saved
                guard okPlus, okMinus else { return false }
                for i in 0..<residualCount { j[i * parameterCount + k] = (plus[i] - minus[i]) / (2 * h) }
            }
            return true
        }
    }

    @Test func theDefaultsAreTheFitsOptimum() throws {
        let base = Truth2026()
        let model = Model(base: base, runs: LiveRun2026.completed)
        #expect(model.residualCount == 153)
        let start = Self.vector(base)
        let fit = try NonlinearLeastSquares(model: model).solve(from: start)
        let fitted = fit.parameters.withUnsafeBufferPointer { Self.truth($0.baseAddress!, base: base) }
        print("fitted: lr optimum \(fitted.learningRate.optimum), tokens \(fitted.learningRate.tokensExponent), parameters \(fitted.learningRate.parametersExponent), batch \(fitted.learningRate.batchExponent), low \(fitted.learningRate.lowCurvature); progress scale \(fitted.progress.scale), knee \(fitted.progress.knee); steps scale \(fitted.steps.scale), critical \(fitted.steps.criticalSteps), tokens \(fitted.steps.tokensExponent)")
        let rms = (fit.residualSumOfSquares / Double(model.residualCount)).squareRoot()
        print("log-space rms residual \(rms)")
        for (k, (a, b)) in zip(start, fit.parameters).enumerated() {
            #expect(abs(a - b) <= 0.01 * max(1, abs(b)), "constant \(k): default \(a), fit \(b)")
        }
    }

    /// cs336-2026-tuned's constants are the same GSL fit's optimum under its form (the law at
    /// lr 3e-3 less the tuning gain), and its surface reaches the RMSE pinned.
    @Test func theTunedScenarioIsTheFitsOptimum() throws {
        let base = try Self.tuned()
        let model = Model(base: base, runs: LiveRun2026.completed, parameterCount: 12) { Self.tunedTruth($0, base: $1) }
        let start = Self.tunedVector(base)
        let fit = try NonlinearLeastSquares(model: model).solve(from: start)
        print("tuned log-space rms residual \((fit.residualSumOfSquares / Double(model.residualCount)).squareRoot())")
        for (k, (a, b)) in zip(start, fit.parameters).enumerated() {
            #expect(abs(a - b) <= 0.01 * max(1, abs(b)), "constant \(k): file \(a), fit \(b)")
        }
        let errors = LiveRun2026.completed.compactMap { r in r.finalLoss.map { base.expectedFinalLoss(r.config) - $0 } }
        let rmse = (errors.map { $0 * $0 }.reduce(0, +) / Double(errors.count)).squareRoot()
        print("cs336-2026-tuned final-loss RMSE over \(errors.count) completed runs: \(rmse)")
        #expect(errors.count == 153)
        #expect(rmse <= Self.tunedRMSEBound, "RMSE \(rmse)")
    }

    /// Over-fitting check: the tuned form fitted on the even experiment ids (from the file's
    /// constants), then the odd ones' final-loss RMSE under that fit.
    @Test func theTunedFitOnTheEvenIdsPredictsTheOddOnes() throws {
        let base = try Self.tuned()
        func even(_ r: LiveRun2026) -> Bool { (Int(r.id.split(separator: "#").last ?? "") ?? 1) % 2 == 0 }
        let train = LiveRun2026.completed.filter(even), test = LiveRun2026.completed.filter { !even($0) }
        #expect(train.count > 60 && test.count > 60)
        let model = Model(base: base, runs: train, parameterCount: 12) { Self.tunedTruth($0, base: $1) }
        let fit = try NonlinearLeastSquares(model: model).solve(from: Self.tunedVector(base))
        let fitted = fit.parameters.withUnsafeBufferPointer { Self.tunedTruth($0.baseAddress!, base: base) }
        let errors = test.compactMap { r in r.finalLoss.map { fitted.expectedFinalLoss(r.config) - $0 } }
        let rmse = (errors.map { $0 * $0 }.reduce(0, +) / Double(errors.count)).squareRoot()
        print("tuned fit on \(train.count) even ids, RMSE on \(errors.count) odd ids: \(rmse)")
        #expect(rmse <= Self.tunedHeldOutBound, "held-out RMSE \(rmse)")
    }
}

/// The runtime model's m_max, d_half and eval cost: GSL least squares on ln(expected runtime)
/// − ln(used_runtime_seconds) over the real completed runs (peak FLOPs held at 2.25e15, the
/// B200's dense BF16). The defaults of `Truth2026.Runtime` must be its optimum.
@Suite("cs336-2026-live's runtime constants are a GSL fit to the real runs")
struct RuntimeFit2026 {
    final class Model: LeastSquaresModel {
        let configs: [TrainingConfig]
        let logObserved: [Double]
        var parameterCount: Int { 3 }
        var residualCount: Int { configs.count }

        init(runs: [LiveRun2026]) {
            let usable = runs.filter { ($0.usedRuntimeSeconds ?? 0) > 0 }
            configs = usable.map(\.config)
            logObserved = usable.map { Foundation.log($0.usedRuntimeSeconds ?? .nan) }
        }

        static func truth(_ x: UnsafePointer<Double>) -> Truth2026 {
            var t = Truth2026()
            t.runtime.mMax = Foundation.exp(x[0]); t.runtime.dHalf = Foundation.exp(x[1]); t.runtime.evalCost = Foundation.exp(x[2])
            return t
        }

        func residuals(at x: UnsafePointer<Double>, into r: UnsafeMutablePointer<Double>) -> Bool {
            let t = Self.truth(x)
            for (i, c) in configs.enumerated() { r[i] = Foundation.log(t.expectedRuntimeSeconds(c)) - logObserved[i] }
            return (0..<configs.count).allSatisfy { r[$0].isFinite }
        }

        func jacobian(at x: UnsafePointer<Double>, into j: UnsafeMutablePointer<Double>) -> Bool {
            var p = Array(UnsafeBufferPointer(start: x, count: 3))
            var plus = [Double](repeating: 0, count: residualCount), minus = plus
            for k in 0..<3 {
                let h = 1e-6 * max(1, abs(p[k])), saved = p[k]
                p[k] = saved + h
                let a = p.withUnsafeBufferPointer { b in plus.withUnsafeMutableBufferPointer { residuals(at: b.baseAddress!, into: $0.baseAddress!) } }
                p[k] = saved - h
                let b2 = p.withUnsafeBufferPointer { b in minus.withUnsafeMutableBufferPointer { residuals(at: b.baseAddress!, into: $0.baseAddress!) } }
                p[k] = saved
                guard a, b2 else { return false }
                for i in 0..<residualCount { j[i * 3 + k] = (plus[i] - minus[i]) / (2 * h) }
            }
            return true
        }
    }

    @Test func theRuntimeDefaultsAreTheFitsOptimum() throws {
        let model = Model(runs: LiveRun2026.completed)
        let r = Truth2026().runtime
        let start = [Foundation.log(r.mMax), Foundation.log(r.dHalf), Foundation.log(r.evalCost)]
        let fit = try NonlinearLeastSquares(model: model).solve(from: start)
        let t = fit.parameters.withUnsafeBufferPointer { Model.truth($0.baseAddress!) }
        print("runtime fit: m_max \(t.runtime.mMax), d_half \(t.runtime.dHalf), eval_cost \(t.runtime.evalCost), rms \((fit.residualSumOfSquares / Double(model.residualCount)).squareRoot())")
        for (k, (a, b)) in zip(start, fit.parameters).enumerated() {
            #expect(abs(a - b) <= 0.01 * max(1, abs(b)), "constant \(k): default \(a), fit \(b)")
        }
    }
}
