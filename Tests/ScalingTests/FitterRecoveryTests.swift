import Foundation
import Testing
@testable import Scaling

/// Every fitter on data generated from a known law: exact recovery without noise, and the
/// truth inside the bootstrap interval with seeded noise.
@Suite struct FitterRecoveryTests {
    func relative(_ x: Double, _ y: Double) -> Double { abs(x - y) / abs(y) }

    /// A small grid around the plausible region keeps the debug-build tests fast; the full
    /// 4,500-start grid is exercised by `harness bench fit` and `harness isoflops`.
    static let smallGrid = ParametricFitter.grid(e: [0, 1], a: [5, 10], b: [5, 10], alpha: [0.5], beta: [0.5])

    static let k = 0.8, a = 0.48
    static func floorLoss(_ c: Double) -> Double { 40 * pow(c, -0.05) }

    @Test func bestRunRecoversAnExactLaw() throws {
        let fit = try BestRunFitter().fit(points: try TestData.quadraticProfiles(k: Self.k, a: Self.a, floor: Self.floorLoss))
        #expect(relative(fit.nOptLaw.coefficient, Self.k) < 1e-4)
        #expect(relative(fit.nOptLaw.exponent, Self.a) < 1e-4)
        #expect(relative(fit.dOptLaw.exponent, 1 - Self.a) < 1e-4)
        #expect(relative(fit.dOptLaw.coefficient, 1 / (6 * Self.k)) < 1e-4)
        #expect(relative(fit.lossLaw.coefficient, 40) < 1e-4 && relative(fit.lossLaw.exponent, -0.05) < 1e-4)
        #expect(relative(fit.predictedLoss(compute: 1e23), Self.floorLoss(1e23)) < 1e-4)
    }

    @Test func parabolaRecoversAnExactLawOffTheGrid() throws {
        // jitter: the true optimum falls between the sizes tried; the parabola still finds it.
        let fit = try ParabolaFitter().fit(points: try TestData.quadraticProfiles(k: Self.k, a: Self.a, floor: Self.floorLoss, jitter: true))
        #expect(fit.profiles.allSatisfy { $0.accepted })
        #expect(relative(fit.nOptLaw.coefficient, Self.k) < 1e-4)
        #expect(relative(fit.nOptLaw.exponent, Self.a) < 1e-4)
        #expect(relative(fit.lossLaw.coefficient, 40) < 1e-4 && relative(fit.lossLaw.exponent, -0.05) < 1e-4)
    }

    @Test func parabolaRejectsBadProfilesAndSaysWhy() throws {
        var points = try TestData.quadraticProfiles(k: Self.k, a: Self.a, floor: Self.floorLoss)
        // Budget 6e18 opens downward; budget 1e19 keeps only sizes left of its optimum (the
        // vertex lies beyond the largest size).
        points = points.map { p in p.compute == 6e18 ? Observation(parameters: p.parameters, compute: p.compute, loss: 9 - 0.1 * pow(log(p.parameters) - 20, 2)) : p }
        points.removeAll { $0.compute == 1e19 && $0.parameters >= Self.k * pow(1e19, Self.a) * 0.99 }
        let fit = try ParabolaFitter().fit(points: points)
        let verdicts = Dictionary(uniqueKeysWithValues: fit.profiles.map { ($0.compute, $0.verdict) })
        guard case .opensDownward = verdicts[6e18] else { Issue.record("6e18: \(String(describing: verdicts[6e18]))"); return }
        guard case .vertexOutsideRange = verdicts[1e19] else { Issue.record("1e19: \(String(describing: verdicts[1e19]))"); return }
        #expect(fit.budgetOptima.count == 7)
        #expect(fit.diagnostics.contains("rejected"))
        #expect(relative(fit.nOptLaw.exponent, Self.a) < 1e-4)
    }

    @Test func parametricRecoversEveryParameterWithoutNoise() throws {
        let fit = try ParametricFitter(starts: Self.smallGrid).fit(points: try TestData.surfacePoints())
        let t = TestData.law
        for (got, want) in [(fit.law.E, t.E), (fit.law.A, t.A), (fit.law.B, t.B), (fit.law.alpha, t.alpha), (fit.law.beta, t.beta)] {
            #expect(relative(got, want) < 1e-4, "\(fit.law) vs \(t)")
        }
        #expect(relative(fit.nOpt(compute: 1e23), t.nOpt(compute: 1e23)) < 1e-4)
        #expect(fit.convergedStarts > 0)
    }

    @Test func variableProjectionRecoversEveryParameterWithoutNoise() throws {
        let fit = try VariableProjectionFitter().fit(points: try TestData.surfacePoints())
        let t = TestData.law
        #expect(fit.report.converged && fit.report.reason == .simplexSize)
        for (got, want) in [(fit.law.E, t.E), (fit.law.A, t.A), (fit.law.B, t.B), (fit.law.alpha, t.alpha), (fit.law.beta, t.beta)] {
            #expect(relative(got, want) < 1e-4, "\(fit.law) vs \(t)")
        }
        #expect(fit.notes.isEmpty)
    }

    @Test func theFrontierFormulaMinimisesTheSurfaceAlongAnIsoFLOP() {
        let law = TestData.law
        let c = 1e22, n = law.nOpt(compute: c)
        #expect(relative(n * law.dOpt(compute: c) * 6, c) < 1e-12)
        let at = law.frontierLoss(compute: c)
        for f in [0.9, 0.99, 1.01, 1.1] { #expect(law.loss(parameters: n * f, tokens: c / (6 * n * f)) > at) }
        #expect(relative(law.nOptLaw(c), n) < 1e-12 && relative(law.dOptLaw(c), law.dOpt(compute: c)) < 1e-12)
    }

    // MARK: seeded noise: the truth inside the reported interval

    func perBudgetIntervalCoversTheTruth<F: ComputeOptimalFitter>(_ fitter: F) throws {
        let points = try TestData.quadraticProfiles(k: Self.k, a: Self.a, floor: Self.floorLoss, noise: 0.01, jitter: true, seed: 3)
        let b = try Bootstrap(resamples: 200, seed: 0).run(fitter, points: points, full: try fitter.fit(points: points), computes: [1e23])
        #expect(b.parameter("N_opt a")!.contains(Self.a), "\(b.method) \(b.parameter("N_opt a")!)")
        #expect(b.frontier(at: 1e23)!.nOpt.contains(Self.k * pow(1e23, Self.a)))
    }

    @Test func bestRunIntervalCoversTheTruthUnderNoise() throws { try perBudgetIntervalCoversTheTruth(BestRunFitter()) }

    @Test func parabolaIntervalCoversTheTruthUnderNoise() throws { try perBudgetIntervalCoversTheTruth(ParabolaFitter()) }

    @Test func surfaceIntervalsCoverTheTruthUnderNoise() throws {
        let points = try TestData.surfacePoints(noise: 0.01, seed: 5)
        let t = TestData.law
        let vpFit = try VariableProjectionFitter().fit(points: points)
        let vp = try Bootstrap(resamples: 100, seed: 0).run(VariableProjectionFitter(), points: points, full: vpFit, computes: [1e23])
        let pFitter = ParametricFitter(starts: Self.smallGrid)
        let pFit = try pFitter.fit(points: points)
        let p = try Bootstrap(resamples: 100, seed: 0).run(pFitter, points: points, full: pFit, computes: [1e23])
        for b in [vp, p] {
            #expect(b.failures == 0)
            #expect(b.parameter("alpha")!.contains(t.alpha), "\(b.method) alpha \(b.parameter("alpha")!)")
            #expect(b.parameter("beta")!.contains(t.beta), "\(b.method) beta \(b.parameter("beta")!)")
            #expect(b.parameter("N_opt a")!.contains(t.nExponent), "\(b.method) a \(b.parameter("N_opt a")!)")
            #expect(b.frontier(at: 1e23)!.nOpt.contains(t.nOpt(compute: 1e23)), "\(b.method) N_opt \(b.frontier(at: 1e23)!.nOpt)")
        }
    }
}
