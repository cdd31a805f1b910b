import Foundation
import Testing
@testable import Scaling

@Suite("Frontier estimate (protocol-neutral)")
struct FrontierEstimatorTests {
    @Test("bare observations of a known law: the surface is chosen, for the typed reason, with no failure")
    func surfaceFromBareObservations() throws {
        let points = try TestData.surfacePoints()
        let e = try FrontierEstimator(target: 1e23, bootstrapResamples: 0, seed: 0).estimate(points: points, observations: points)
        guard case .surface(_, _, let budgets) = e.choice else { Issue.record("choice: \(e.choice)"); return }
        #expect(budgets == TestData.budgets.count)
        #expect(e.failures.isEmpty)
        #expect(e.candidates.isEmpty) // no covariates: no effect can be identified
        #expect(abs(log(e.nOpt.estimate / TestData.law.nOpt(compute: 1e23))) < 1e-3)
        #expect(e.warnings.isEmpty)
    }

    @Test("two budgets: the surface is set aside as few budgets, the parabolas used, and the warning is a case")
    func fewBudgets() throws {
        let points = try TestData.quadraticProfiles(k: 0.1, a: 0.5, floor: { 2 + 1e3 * pow($0, -0.1) })
            .filter { $0.compute <= 1e19 }
        let e = try FrontierEstimator(target: 1e21, bootstrapResamples: 0, seed: 0).estimate(points: points, observations: points)
        #expect(e.choice == .parabola(.fewBudgets(2)))
        #expect(e.warnings.contains(.fewBudgets(2)))
        #expect(e.method == .parabola)
    }

    @Test("a method that cannot fit is a typed failure under its label; with none left the error lists them all")
    func failures() throws {
        let one = [Observation(parameters: 1e8, compute: 1e18, loss: 3), Observation(parameters: 2e8, compute: 1e18, loss: 3.1)]
        #expect(throws: FrontierEstimator.NoFit.self) {
            try FrontierEstimator(target: 1e21, bootstrapResamples: 0, seed: 0).estimate(points: one, observations: one)
        }
        do {
            _ = try FrontierEstimator(target: 1e21, bootstrapResamples: 0, seed: 0).estimate(points: one, observations: one)
        } catch let error as FrontierEstimator.NoFit {
            #expect(Set(error.failures.map(\.method)) == [.vpnls, .parabola, .bestRun])
            #expect(error.failures.allSatisfy { if case .error = $0.cause { true } else { false } })
        }
    }

    @Test("observations with batch and rate covariates make the effects candidates; the frontier batch reaches the fit")
    func effectsAndFrontierBatch() throws {
        let base = Observation(parameters: 1e8, compute: 1e18, loss: 3)
        let rates = [1e-4, 3e-4, 1e-3].map { base.with(.learningRate, $0).with(.batchSize, 128) }
        let batches = [128.0, 256].map { base.with(.learningRate, 1e-3).with(.batchSize, $0) }
        #expect(FrontierEstimator.candidateEffects(rates + batches) == [SurfaceEffects(steps: true, learningRate: true)])
        #expect(FrontierEstimator.candidateEffects(batches) == [SurfaceEffects(steps: true)])
        let estimator = FrontierEstimator(target: 1e21, bootstrapResamples: 0, seed: 0, frontierBatchSize: 128)
        #expect(estimator.surfaceFitter(.none).frontierBatchSize == 128)
    }

    @Test("an observation's JSON keeps the reports' keys, and reads back whole")
    func observationCoding() throws {
        let o = Observation(parameters: 1e8, compute: 6e17, loss: 3.5, covariates: [.batchSize: 128, .learningRate: 1e-3, .curvePosition: 0.5])
        let text = String(decoding: try JSONEncoder().encode(o), as: UTF8.self)
        #expect(text.contains("\"batchSize\":128"))
        #expect(text.contains("\"learningRate\":0.001"))
        #expect(text.contains("\"curve_position\":0.5"))
        #expect(!text.contains("tokens")) // D = C / (6 N) is implied
        #expect(try JSONDecoder().decode(Observation.self, from: Data(text.utf8)) == o)
        let given = Observation(parameters: 1e8, compute: 6e17, loss: 3.5, tokens: 2e9)
        #expect(try JSONDecoder().decode(Observation.self, from: JSONEncoder().encode(given)) == given)
    }
}
