import Foundation
import Scaling
import Testing
@testable import SyntheticTrainer

/// cs336-2026-live's discrepancy term (`Truth2026.Discrepancy`): its anchors are the real
/// runs' residuals against the parametric surface, its kernel maximises their marginal
/// likelihood, and with it the scenario answers the 153 real completed runs within the
/// issue's RMSE 0.10, in sample and left out one at a time.
@Suite("cs336-2026-live's discrepancy term is a GP fit to the real runs' residuals")
struct LiveDiscrepancy2026Tests {
    static func live() throws -> Truth2026 {
        try Scenario2026.load(from: Scenario2026Tests.directory.appendingPathComponent("cs336-2026-live.yaml")).truth
    }

    static func rmse(_ xs: [Double]) -> Double { (xs.map { $0 * $0 }.reduce(0, +) / Double(max(xs.count, 1))).squareRoot() }

    /// One anchor per completed run, in the file's order, at its config's (N, D, B, lr), with
    /// the residual of the surface without the term (to the file's 5 decimals).
    @Test func theAnchorsAreTheRealRunsResiduals() throws {
        let truth = try Self.live()
        var surface = truth
        surface.discrepancy = .none
        let runs = LiveRun2026.completed.filter { $0.finalLoss != nil }
        #expect(truth.discrepancy.anchors.count == runs.count && runs.count == 153)
        for (a, r) in zip(truth.discrepancy.anchors, runs) {
            let c = r.config
            #expect(abs(a.logParameters - Foundation.log(Double(c.architecture.nonEmbeddingParameters))) < 1e-12, "\(r.id)")
            #expect(abs(a.logTokens - Foundation.log(Double(c.totalTrainTokens))) < 1e-12, "\(r.id)")
            #expect(abs(a.logBatch - Foundation.log(Double(c.trainBatchSize))) < 1e-12, "\(r.id)")
            #expect(abs(a.logLearningRate - Foundation.log(c.optimizer.schedule.peakValue)) < 1e-12, "\(r.id)")
            let residual = (r.finalLoss ?? .nan) - surface.expectedFinalLoss(c)
            #expect(abs(a.residual - residual) <= 6e-6, "\(r.id): file \(a.residual), surface \(residual)")
        }
    }

    /// The kernel (ln of the four length scales and two sigmas) is GSL Nelder–Mead's minimum of
    /// the negative log marginal likelihood, started from the file's values: nothing moves
    /// by more than 2% (the file rounds to 3 decimals).
    @Test func theKernelMaximisesTheMarginalLikelihood() throws {
        let d = try Self.live().discrepancy
        final class NLML: Objective {
            let anchors: [Truth2026.Discrepancy.Anchor]
            init(_ a: [Truth2026.Discrepancy.Anchor]) { anchors = a }
            var dimension: Int { 6 }
            func value(at x: UnsafePointer<Double>) -> Double {
                let e = (0..<6).map { Foundation.exp(x[$0]) }
                guard let k = try? Truth2026.Discrepancy(
                    anchors: anchors, lengthScales: .init(logParameters: e[0], logTokens: e[1], logBatch: e[2], logLearningRate: e[3]),
                    signalSigma: e[4], noiseSigma: e[5]), let v = try? k.negativeLogMarginalLikelihood() else { return .infinity }
                return v
            }
        }
        let l = d.lengthScales
        let start = [l.logParameters, l.logTokens, l.logBatch, l.logLearningRate, d.signalSigma, d.noiseSigma].map { Foundation.log($0) }
        var options = SimplexMinimizer.Options()
        options.initialStep = [0.05]
        options.sizeTolerance = 1e-4
        let objective = NLML(d.anchors)
        let fit = try SimplexMinimizer(objective: objective, options: options).minimize(from: start)
        print("discrepancy kernel fit: \(fit.point.map { Foundation.exp($0) }), -ln L \(fit.value) (file's \(try d.negativeLogMarginalLikelihood()))")
        #expect(fit.report.converged, "\(fit.report)")
        for (k, (a, b)) in zip(start, fit.point).enumerated() {
            #expect(abs(a - b) <= 0.02, "kernel parameter \(k): file \(Foundation.exp(a)), fit \(Foundation.exp(b))")
        }
    }

    /// The issue's pin: the real completed runs' final losses within RMSE 0.10, in sample, and
    /// also when each run is left out of the term (the honest figure); fitted on the even
    /// experiment ids alone, the odd ones' RMSE.
    @Test func theRealFinalLossesAreWithinRMSEOneTenth() throws {
        let truth = try Self.live()
        let runs = LiveRun2026.completed.filter { $0.finalLoss != nil }
        let inSample = Self.rmse(runs.map { truth.expectedFinalLoss($0.config) - ($0.finalLoss ?? .nan) })
        let loo = Self.rmse(try truth.discrepancy.leaveOneOutResiduals())
        var surface = truth
        surface.discrepancy = .none
        let parametric = Self.rmse(runs.map { surface.expectedFinalLoss($0.config) - ($0.finalLoss ?? .nan) })
        func even(_ r: LiveRun2026) -> Bool { (Int(r.id.split(separator: "#").last ?? "") ?? 1) % 2 == 0 }
        let d = truth.discrepancy
        let evenOnly = try Truth2026.Discrepancy(
            anchors: zip(d.anchors, runs).filter { even($0.1) }.map(\.0), lengthScales: d.lengthScales,
            signalSigma: d.signalSigma, noiseSigma: d.noiseSigma)
        var half = truth
        half.discrepancy = evenOnly
        let odd = Self.rmse(runs.filter { !even($0) }.map { half.expectedFinalLoss($0.config) - ($0.finalLoss ?? .nan) })
        print("cs336-2026-live final-loss RMSE over \(runs.count) real runs: \(inSample) in sample, \(loo) leave-one-out, \(odd) odd ids from even (surface alone \(parametric))")
        #expect(inSample <= 0.10, "in-sample RMSE \(inSample)")
        #expect(loo <= 0.10, "leave-one-out RMSE \(loo)")
        #expect(odd <= 0.125, "odd-from-even RMSE \(odd)")
        #expect(inSample < parametric / 4)
    }

    /// Far from every real run the term is the surface's: at the stated 48-hour target it moves
    /// the loss by under 0.005 nats.
    @Test func theTermFadesAtTheTarget() throws {
        let truth = try Self.live()
        let target = try truth.target(budgetSeconds: 172_800)
        let x = truth.surfaceInputs(target.config)
        print("discrepancy at the 48-hour target: \(x.correction)")
        #expect(abs(x.correction) < 0.005)
    }

    /// The factored evaluation equals the posterior mean written out, Σᵢ wᵢ σ_f² exp(−½ d²), with
    /// w solved here by GSL, at the anchors and between them.
    @Test func theCorrectionIsThePosteriorMean() throws {
        let d = try Self.live().discrepancy
        let l = d.lengthScales
        func scaled(_ a: (Double, Double, Double, Double)) -> [Double] {
            [a.0 / l.logParameters, a.1 / l.logTokens, a.2 / l.logBatch, a.3 / l.logLearningRate]
        }
        let z = d.anchors.map { scaled(($0.logParameters, $0.logTokens, $0.logBatch, $0.logLearningRate)) }
        var k = Matrix(rows: z.count, columns: z.count)
        func kernel(_ a: [Double], _ b: [Double]) -> Double {
            d.signalSigma * d.signalSigma * Foundation.exp(-0.5 * zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +))
        }
        for i in z.indices { for j in z.indices { k[i, j] = kernel(z[i], z[j]) + (i == j ? d.noiseSigma * d.noiseSigma : 0) } }
        let w = try CholeskyFactor(k).solve(d.anchors.map(\.residual))
        var stream = SplitMix64(seed: 7)
        for i in 0..<40 {
            let a = d.anchors[i % d.anchors.count]
            let u = { Double(stream.next() % 1_000_000) / 1_000_000 - 0.5 }
            let p = i < 20 ? (a.logParameters, a.logTokens, a.logBatch, a.logLearningRate)
                : (a.logParameters + u(), a.logTokens + 2 * u(), a.logBatch + u(), a.logLearningRate + 2 * u())
            let direct = zip(w, z).map { $0 * kernel(scaled(p), $1) }.reduce(0, +)
            let fast = d.correction(logParameters: p.0, logTokens: p.1, logBatch: p.2, logLearningRate: p.3)
            #expect(abs(fast - direct) < 1e-9, "\(p): \(fast) vs \(direct)")
        }
    }

    /// A bad kernel or anchor is refused with its name, never a trap.
    @Test func badKernelsAreRefused() {
        let a = [Truth2026.Discrepancy.Anchor(parameters: 1e7, tokens: 1e8, batch: 32, learningRate: 3e-3, residual: 0.1)]
        let scales = Truth2026.Discrepancy.LengthScales(logParameters: 1, logTokens: 1, logBatch: 1, logLearningRate: 1)
        #expect(throws: NumericsError.self) { try Truth2026.Discrepancy(anchors: a, lengthScales: scales, signalSigma: 0, noiseSigma: 0.1) }
        #expect(throws: NumericsError.self) {
            try Truth2026.Discrepancy(anchors: a, lengthScales: .init(logParameters: .nan, logTokens: 1, logBatch: 1, logLearningRate: 1), signalSigma: 1, noiseSigma: 0.1)
        }
        #expect(throws: NumericsError.self) {
            try Truth2026.Discrepancy(anchors: [.init(parameters: -1, tokens: 1, batch: 1, learningRate: 1, residual: 0)], lengthScales: scales, signalSigma: 1, noiseSigma: 0.1)
        }
        let none = Truth2026.Discrepancy.none
        #expect(none.correction(logParameters: 1, logTokens: 1, logBatch: 1, logLearningRate: 1) == 0)
    }
}
