import Foundation

/// One quantity of the compute-optimal frontier (N_opt or D_opt) against compute, by several
/// fitting methods side by side (`NAME.svg`/`.png`, `NAME.gp`, one `NAME.METHOD.dat` each):
/// log-log, each method's fitted law with its bootstrap band, its per-budget optima where the
/// style gives them a marker, and a dotted line at each target. `harness isoflops` draws n_opt
/// and d_opt.
public struct MethodFrontiersPlot {
    /// One method's frontier.
    public struct Series {
        /// The data file's middle name, e.g. `vpnls` in `n_opt.vpnls.dat`.
        public var key: String
        /// The fitted law, named in the key.
        public var law: PlotPowerLaw
        public var style: LineStyle
        /// The frontier through the grid of computes: estimate, lower, upper (non-finite bounds
        /// are written as the estimate).
        public var frontier: [BandPoint]
        /// Whether `frontier` carries bootstrap intervals (drawn as a band).
        public var hasBand: Bool
        /// The per-budget optima, (C, value); drawn when the style has a marker.
        public var optima: [PlotPoint]

        public init(key: String, law: PlotPowerLaw, style: LineStyle, frontier: [BandPoint], hasBand: Bool, optima: [PlotPoint]) {
            (self.key, self.law, self.style, self.frontier, self.hasBand, self.optima) = (key, law, style, frontier, hasBand, optima)
        }
    }

    /// The picture's file name without extension, e.g. `n_opt`.
    public var name: String
    /// The y axis label, also the title's subject.
    public var label: String
    public var series: [Series]
    /// The budgets predicted at, each marked by a dotted vertical line.
    public var targets: [Double]
    /// Whether the fits were bootstrapped (the title says so).
    public var bootstrapped: Bool

    public init(name: String, label: String, series: [Series], targets: [Double], bootstrapped: Bool) {
        (self.name, self.label, self.series, self.targets, self.bootstrapped) = (name, label, series, targets, bootstrapped)
    }

    /// Each method's look in every picture that compares methods.
    public static let styles: [String: LineStyle] = [
        "best-run": LineStyle(colour: "#1f77b4", dash: 1, width: 2.0, marker: 7),
        "parabola": LineStyle(colour: "#ff7f0e", dash: 2, width: 2.0, marker: 9),
        "parametric": LineStyle(colour: "#2ca02c", dash: 1, width: 4.0),
        "vpnls": LineStyle(colour: "#d62728", dash: 3, width: 2.0),
    ]

    public func draw(in folder: URL, gnuplot: Gnuplot = Gnuplot()) throws(GnuplotError) {
        let number = Gnuplot.number
        var data: [String: String] = [:]
        var clauses: [String] = []
        var bands: [String] = []
        for s in series {
            let style = s.style
            let file = "\(name).\(s.key).dat"
            let band = s.frontier.map { f in
                [f.x, f.y, f.lower.isFinite ? f.lower : f.y, f.upper.isFinite ? f.upper : f.y].map(number).joined(separator: " ")
            }
            let points = s.optima.map { [$0.x, $0.y].map(number).joined(separator: " ") }
            data[file] = "# \(s.law.title): compute, estimate, lower, upper\n" + band.joined(separator: "\n")
                + "\n\n\n# per-budget optima: compute, value\n" + points.joined(separator: "\n") + "\n"
            let title = "\(s.law.title): \(NumberFormat.general(s.law.coefficient)) C^{\(NumberFormat.general(s.law.exponent))}"
            if s.hasBand {
                bands.append("'\(file)' index 0 using 1:3:4 with filledcurves lc rgb '\(style.colour)' fs transparent solid 0.15 noborder notitle")
            }
            clauses.append("'\(file)' index 0 using 1:2 with lines lc rgb '\(style.colour)' lw \(style.width) dt \(style.dash) title '\(title)'")
            if let marker = style.marker {
                clauses.append("'\(file)' index 1 using 1:2 with points lc rgb '\(style.colour)' pt \(marker) ps 1.3 title '\(s.law.title): per-budget optima'")
            }
        }
        let arrows = targets.map { "set arrow from \(number($0)), graph 0 to \(number($0)), graph 1 nohead dt 3 lc rgb '#777777'" }
        let interval = bootstrapped ? "bands: 95% bootstrap intervals" : "no bootstrap"
        let plot = """
            \(Gnuplot.computeAxes(ylabel: label))
            set title '\(label) vs compute (\(interval); dotted: targets)'
            set key top left box opaque Left reverse spacing 1.25
            \(arrows.joined(separator: "\n"))
            plot \((bands + clauses).joined(separator: ", \\\n     "))
            """
        try gnuplot.render(name: name, script: Gnuplot.outputs(name: name, plot: plot), data: data, in: folder)
    }
}
