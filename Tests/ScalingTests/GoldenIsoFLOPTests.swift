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

    /// The course file lies on a Chinchilla surface to rounding (both surface fits drive their
    /// objective to ~0): E = 2.69, A = 1606.4, B = 3210.7, alpha = 0.34, beta = 0.36.
    @Test func surfaceFitsFindTheSurfaceBehindTheCourseData() throws {
        let points = try TestData.isoflops()
        let vp = try VariableProjectionFitter().fit(points: points)
        #expect(vp.report.converged)
        let p = try ParametricFitter(starts: FitterRecoveryTests.smallGrid).fit(points: points)
        for law in [vp.law, p.law] {
            for (got, want) in [(law.E, 2.69), (law.A, 1606.4), (law.B, 3210.7), (law.alpha, 0.34), (law.beta, 0.36)] {
                #expect(close(got, want, 1e-4), "\(law)")
            }
        }
        #expect(close(vp.nOpt(compute: 1e23), p.nOpt(compute: 1e23), 1e-4))
        #expect(vp.objective < 1e-12)
    }

    @Test func parabolaAcceptsEveryCourseProfile() throws {
        let fit = try ParabolaFitter().fit(points: try TestData.isoflops())
        #expect(fit.profiles.count == 9 && fit.profiles.allSatisfy { $0.accepted })
        #expect(close(fit.nOptLaw.exponent, 0.5146, 1e-3))
    }
}
