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
            set logscale xy
            set format x '10^{%L}'
            set format y '10^{%L}'
            set grid xtics ytics mxtics mytics lc rgb '#dddddd'
            set xlabel 'training compute C (FLOPs)'
            set ylabel '\(label)'
            set title '\(label) vs compute (\(interval); dotted: targets)'
            set key top left box opaque Left reverse spacing 1.25
            \(targets.joined(separator: "\n"))
            plot \((bands + clauses).joined(separator: ", \\\n     "))
            """
        try gnuplot.render(name: name, script: Gnuplot.outputs(name: name, plot: plot), data: data, in: folder)
    }

    private func profiles(in folder: URL) throws {
        let palette = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666", "#1f78b4", "#b2df8a"]
        let surface = report.result(.vpnls) ?? report.result(.parametric)
        let parabola = (report.result(.parabola)?.fit as? PerBudgetFit)?.profiles ?? []
        var blocks: [String] = []
        var clauses: [String] = []
        for (i, profile) in report.profiles.enumerated() {
            let colour = palette[i % palette.count]
            let c = NumberFormat.sci(profile.compute, digits: 2)
            blocks.append("# C = \(c): N, loss\n" + profile.points.map { "\(Self.number($0.parameters)) \(Self.number($0.loss))" }.joined(separator: "\n"))
            clauses.append("'profiles.dat' index \(blocks.count - 1) using 1:2 with points pt 7 ps 1.1 lc rgb '\(colour)' title 'C = \(c)'")
            let lo = profile.points.first!.parameters / 1.5, hi = profile.points.last!.parameters * 1.5
            let grid = (0...60).map { lo * pow(hi / lo, Double($0) / 60) }
            if let p = parabola.first(where: { $0.compute == profile.compute }), p.coefficients.count == 3 {
                blocks.append("# parabola at C = \(c) (\(p.verdict))\n" + grid.map { "\(Self.number($0)) \(Self.number(p.loss(parameters: $0)))" }.joined(separator: "\n"))
                clauses.append("'profiles.dat' index \(blocks.count - 1) using 1:2 with lines lw 1.5 lc rgb '\(colour)' notitle")
            }
            if let s = surface?.fit as? SurfaceFit {
                blocks.append("# \(s.method.title) surface at C = \(c)\n" + grid.map { "\(Self.number($0)) \(Self.number(s.law.loss(parameters: $0, tokens: profile.compute / (6 * $0))))" }.joined(separator: "\n"))
                clauses.append("'profiles.dat' index \(blocks.count - 1) using 1:2 with lines lw 1 dt 2 lc rgb '\(colour)' notitle")
            }
        }
        if let best = report.result(.bestRun) {
            blocks.append("# best run of each budget: N, loss\n" + best.fit.budgetOptima.map { "\(Self.number($0.parameters)) \(Self.number($0.loss))" }.joined(separator: "\n"))
            clauses.append("'profiles.dat' index \(blocks.count - 1) using 1:2 with points pt 6 ps 2.2 lw 1.5 lc rgb 'black' title 'best run'")
        }
        let surfaceNote = (surface?.fit as? SurfaceFit).map { "dashed: \($0.method.title) surface" } ?? "no surface fit"
        let parabolaNote = parabola.isEmpty ? "" : "solid: parabola in ln N; "
        let plot = """
            set logscale x
            set format x '10^{%L}'
            set grid lc rgb '#dddddd'
            set xlabel 'non-embedding parameters N'
            set ylabel 'final loss'
            set title 'IsoFLOP profiles (\(parabolaNote)\(surfaceNote))'
            set key outside right top
            plot \(clauses.joined(separator: ", \\\n     "))
            """
        try gnuplot.render(name: "profiles", script: Gnuplot.outputs(name: "profiles", plot: plot, width: 1000),
                           data: ["profiles.dat": blocks.joined(separator: "\n\n\n") + "\n"], in: folder)
    }
}
