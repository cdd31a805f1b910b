import Foundation
import Scaling

/// The three pictures of `harness isoflops`: N_opt vs C and D_opt vs C (every method's law with
/// its bootstrap band to beyond 1e24, per-budget optima, the targets), and the IsoFLOP profiles
/// (each budget's parabola and the VPNLS/parametric surface).
struct IsoFLOPsPlots {
    let report: IsoFLOPsReport

    func draw(in folder: URL, plots: inout PlotDrawing) throws {
        let nOpt = frontier(name: "n_opt", label: "compute-optimal model size N_{opt} (parameters)", value: \.nOpt, law: \.nOptLaw, point: \.parameters)
        try plots.draw("n_opt") { g throws(GnuplotError) in try nOpt.draw(in: folder, gnuplot: g) }
        let dOpt = frontier(name: "d_opt", label: "compute-optimal dataset size D_{opt} (tokens)", value: \.dOpt, law: \.dOptLaw, point: \.tokens)
        try plots.draw("d_opt") { g throws(GnuplotError) in try dOpt.draw(in: folder, gnuplot: g) }
        let surface = (report.result(.vpnls) ?? report.result(.parametric))?.fit as? SurfaceFit
        let profiles = ProfilesPlot(profiles: report.profiles,
                                    parabolas: (report.result(.parabola)?.fit as? PerBudgetFit)?.profiles ?? [],
                                    surface: surface, bestRuns: report.result(.bestRun)?.fit.budgetOptima ?? [])
        try plots.draw("profiles") { g throws(GnuplotError) in try profiles.draw(in: folder, gnuplot: g) }
    }

    private func frontier(name: String, label: String, value: KeyPath<FrontierInterval, Interval>,
                          law: KeyPath<any ComputeOptimalFit, PowerLaw>, point: KeyPath<BudgetOptimum, Double>) -> MethodFrontiersPlot {
        let series = report.analysis.results.map { m in
            let fitted = m.fit[keyPath: law]
            return MethodFrontiersPlot.Series(
                key: m.method.rawValue,
                law: PlotPowerLaw(title: m.method.title, coefficient: fitted.coefficient, exponent: fitted.exponent),
                style: MethodFrontiersPlot.styles[m.method.rawValue]!,
                frontier: m.band.map { f in
                    let i = f[keyPath: value]
                    return BandPoint(x: f.compute, y: i.estimate, lower: i.lower, upper: i.upper)
                },
                hasBand: m.bootstrap != nil,
                optima: m.fit.budgetOptima.map { PlotPoint(x: $0.compute, y: $0[keyPath: point]) })
        }
        return MethodFrontiersPlot(name: name, label: label, series: series, targets: report.analysis.targets,
                                   bootstrapped: report.bootstrap > 0)
    }
}
