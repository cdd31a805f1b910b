import Foundation
import Testing
@testable import Scaling

/// The assignment's Problem 1 answers on data/isoflops_curves.json (best-run method).
@Suite struct GoldenIsoFLOPTests {
    func close(_ x: Double, _ y: Double, _ rel: Double) -> Bool { abs(x - y) <= rel * abs(y) }

    @Test func bestRunLawsMatchTheAssignment() throws {
        let fit = try BestRunFitter().fit(points: try TestData.isoflops())
        #expect(fit.budgetOptima.count == 9)
        #expect(close(fit.nOptLaw.coefficient, 1.163, 5e-4))
        #expect(close(fit.nOptLaw.exponent, 0.4687, 2e-4))
        #expect(close(fit.dOptLaw.coefficient, 0.1433, 5e-4))
        #expect(close(fit.dOptLaw.exponent, 0.5313, 2e-4))
    }

    @Test func bestRunPredictionsMatchTheAssignment() throws {
        let fit = try BestRunFitter().fit(points: try TestData.isoflops())
        #expect(close(fit.nOpt(compute: 1e23), 7.005e10, 5e-3))
        #expect(close(fit.nOpt(compute: 1e24), 2.061e11, 5e-3))
        #expect(close(fit.dOpt(compute: 1e23), 2.379e11, 5e-3))
        #expect(close(fit.dOpt(compute: 1e24), 8.086e11, 5e-3))
        #expect(close(fit.dOptLaw(1e23), fit.dOpt(compute: 1e23), 1e-9))
    }

    @Test func surfaceFitsAgreeOnTheCourseData() throws {
        let points = try TestData.isoflops()
        let vp = try VariableProjectionFitter().fit(points: points)
        #expect(vp.report.converged)
        let coarse = ParametricFitter.grid(e: [-1, 1], a: [0, 10, 20], b: [0, 10, 20], alpha: [0, 1], beta: [0, 1])
        let p = try ParametricFitter(starts: coarse).fit(points: points)
        print("VPNLS", vp.law, vp.diagnostics)
        print("PARAM", p.law, p.diagnostics)
        print("best-run", try BestRunFitter().fit(points: points).parameters)
        print("parabola", try ParabolaFitter().fit(points: points).parameters)
        #expect(close(vp.nOpt(compute: 1e23), p.nOpt(compute: 1e23), 0.2))
    }
}
