import Foundation

/// One quantity of the compute-optimal frontier (N_opt or D_opt) against compute, by several
/// fitting methods side by side (`NAME.svg`/`.png`, `NAME.gp`, `plot_NAME.py` and one flat `NAME.csv`):
/// log-log, each method's fitted law with its bootstrap band, its per-budget optima where the
/// style gives them a marker, and a dotted line at each target with each method's value there. `harness isoflops` draws n_opt
/// and d_opt.
public struct MethodFrontiersPlot {
    /// One method's frontier.
    public struct Series {
        /// The series name in the data file, e.g. `vpnls` in `n_opt.csv`.
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

    /// The picture as data: per method its band, law, per-budget optima and its value at each
    /// target (an error bar over the band's interval there).
    public var table: PlotTable {
        var table = PlotTable(name: name)
        for s in series {
            let title = "\(s.law.title): \(NumberFormat.general(s.law.coefficient)) C^{\(NumberFormat.general(s.law.exponent))}"
            if s.hasBand {
                table.add(series: s.key, kind: .band, title: nil, style: s.style, rows: s.frontier.map { f in
                    BandPoint(x: f.x, y: f.y, lower: f.lower.isFinite ? f.lower : f.y, upper: f.upper.isFinite ? f.upper : f.y)
                })
            }
            table.add(series: s.key, kind: .line, title: title, style: s.style, rows: s.frontier)
            if s.style.marker != nil {
                table.add(series: s.key, kind: .points, title: "\(s.law.title): per-budget optima", style: s.style, points: s.optima)
            }
            let atTargets = targets.map { t in
                s.frontier.first { $0.x == t } ?? BandPoint(x: t, y: s.law(t), lower: s.law(t), upper: s.law(t))
            }
            table.add(series: s.key, kind: .errorbar, title: nil,
                      style: LineStyle(colour: s.style.colour, dash: 1, width: 1.5, marker: 7), rows: atTargets)
        }
        return table
    }

    public var frame: PlotFrame {
        let interval = bootstrapped ? "bands: 95% bootstrap intervals" : "no bootstrap"
        return .compute(title: "\(label) vs compute (\(interval); dotted: targets, marked per method)", ylabel: label, targets: targets)
    }

    /// Writes NAME.csv, NAME.gp and plot_NAME.py and draws NAME.svg and NAME.png.
    public func draw(in folder: URL, gnuplot: Gnuplot = Gnuplot()) throws(GnuplotError) {
        try table.render(frame: frame, in: folder, gnuplot: gnuplot)
    }
}
