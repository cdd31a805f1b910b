import Foundation
import Scaling

/// The three pictures of `harness isoflops`, each drawn by gnuplot from a script and data files
/// kept beside it: N_opt vs C, D_opt vs C (log-log, per-budget points, fitted law and its
/// bootstrap band to beyond 1e24, one colour and dash pattern per method), and the IsoFLOP
/// profiles (loss vs N per budget with each budget's parabola and the VPNLS/parametric surface).
struct IsoFLOPsPlots {
    let report: IsoFLOPsReport
    var gnuplot = Gnuplot()

    static let style: [FitMethod: (colour: String, dash: Int, width: Double)] = [
        .bestRun: ("#1f77b4", 1, 2.0), .parabola: ("#ff7f0e", 2, 2.0),
        .parametric: ("#2ca02c", 1, 4.0), .vpnls: ("#d62728", 3, 2.0),
    ]

    func draw(in folder: URL) throws {
        try frontier(name: "n_opt", label: "compute-optimal model size N_{opt} (parameters)", value: \.nOpt, law: { $0.nOptLaw }, point: \.parameters, in: folder)
        try frontier(name: "d_opt", label: "compute-optimal dataset size D_{opt} (tokens)", value: \.dOpt, law: { $0.dOptLaw }, point: \.tokens, in: folder)
        try profiles(in: folder)
    }

    private static func number(_ x: Double) -> String { String(format: "%.10g", x) }

    private func frontier(name: String, label: String, value: KeyPath<FrontierInterval, Interval>,
                          law: (any ComputeOptimalFit) -> PowerLaw, point: KeyPath<BudgetOptimum, Double>,
                          in folder: URL) throws {
        var data: [String: String] = [:]
        var clauses: [String] = []
        var bands: [String] = []
        for m in report.analysis.results {
            let s = Self.style[m.method]!
            let file = "\(name).\(m.method.rawValue).dat"
            let band = m.band.map { f -> String in
                let i = f[keyPath: value]
                return [f.compute, i.estimate, i.lower.isFinite ? i.lower : i.estimate, i.upper.isFinite ? i.upper : i.estimate].map(Self.number).joined(separator: " ")
            }
            let points = m.fit.budgetOptima.map { [$0.compute, $0[keyPath: point]].map(Self.number).joined(separator: " ") }
            data[file] = "# \(m.method.title): compute, estimate, lower, upper\n" + band.joined(separator: "\n")
                + "\n\n\n# per-budget optima: compute, value\n" + points.joined(separator: "\n") + "\n"
            let fitted = law(m.fit)
            let title = "\(m.method.title): \(NumberFormat.general(fitted.coefficient)) C^{\(NumberFormat.general(fitted.exponent))}"
            if m.bootstrap != nil {
                bands.append("'\(file)' index 0 using 1:3:4 with filledcurves lc rgb '\(s.colour)' fs transparent solid 0.15 noborder notitle")
            }
            clauses.append("'\(file)' index 0 using 1:2 with lines lc rgb '\(s.colour)' lw \(s.width) dt \(s.dash) title '\(title)'")
            if m.method == .bestRun || m.method == .parabola {
                clauses.append("'\(file)' index 1 using 1:2 with points lc rgb '\(s.colour)' pt \(m.method == .bestRun ? 7 : 9) ps 1.3 title '\(m.method.title): per-budget optima'")
            }
        }
        let targets = report.analysis.targets.map { "set arrow from \(Self.number($0)), graph 0 to \(Self.number($0)), graph 1 nohead dt 3 lc rgb '#777777'" }
        let interval = report.bootstrap > 0 ? "bands: 95% bootstrap intervals" : "no bootstrap"
        let plot = """
            \(Gnuplot.computeAxes(ylabel: label))
            set title '\(label) vs compute (\(interval); dotted: targets)'
            set key top left box opaque Left reverse spacing 1.25
            \(targets.joined(separator: "\n"))
            plot \((bands + clauses).joined(separator: ", \\\n     "))
            """
        try gnuplot.render(name: name, script: Gnuplot.outputs(name: name, plot: plot), data: data, in: folder)
    }

    private func profiles(in folder: URL) throws {
        let surface = (report.result(.vpnls) ?? report.result(.parametric))?.fit as? SurfaceFit
        try ProfilesPlot(profiles: report.profiles,
                         parabolas: (report.result(.parabola)?.fit as? PerBudgetFit)?.profiles ?? [],
                         surface: surface, bestRuns: report.result(.bestRun)?.fit.budgetOptima ?? [])
            .draw(in: folder, gnuplot: gnuplot)
    }
}
