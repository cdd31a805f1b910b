import Foundation

/// The IsoFLOP profiles picture (`profiles.svg`/`.png`, with `profiles.gp`, `plot_profiles.py`
/// and the flat `profiles.csv` beside it): loss against N for each budget, each budget's parabola in ln N (solid) and the
/// fitted surface along the budget (dashed), and the best run of each budget ringed.
/// Drawn by `harness isoflops`, `harness run` and `harness fit`.
public struct ProfilesPlot {
    /// One budget's runs and the curves through them.
    public struct Profile {
        public var compute: Double
        /// (N, loss) of each run.
        public var points: [PlotPoint]
        /// The parabola in ln N through the profile, labelled with its verdict.
        public var parabola: PlotCurve?
        /// The fitted surface's loss against N along this budget.
        public var surface: ((Double) -> Double)?

        public init(compute: Double, points: [PlotPoint], parabola: PlotCurve? = nil, surface: ((Double) -> Double)? = nil) {
            (self.compute, self.points, self.parabola, self.surface) = (compute, points, parabola, surface)
        }
    }

    public var profiles: [Profile]
    /// Whether parabolas were fitted at all (the title says so).
    public var parabolasFitted: Bool
    /// The surface fit's name, nil when there is none.
    public var surfaceTitle: String?
    /// (N, loss) of the best run of each budget.
    public var bestRuns: [PlotPoint]

    public init(profiles: [Profile], parabolasFitted: Bool, surfaceTitle: String?, bestRuns: [PlotPoint]) {
        (self.profiles, self.parabolasFitted, self.surfaceTitle, self.bestRuns) = (profiles, parabolasFitted, surfaceTitle, bestRuns)
    }

    public static let palette = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666", "#1f78b4", "#b2df8a"]

    /// The picture as data: series `C=<budget>` (points, parabola, surface), `best_run`.
    public var table: PlotTable {
        var table = PlotTable(name: "profiles")
        for (i, profile) in profiles.enumerated() {
            let colour = Self.palette[i % Self.palette.count]
            let c = NumberFormat.sci(profile.compute, digits: 2)
            let series = "C=\(c)"
            let sorted = profile.points.sorted { $0.x < $1.x }
            table.add(series: series, kind: .points, title: "C = \(c)", style: LineStyle(colour: colour, dash: 1, width: 1.5, marker: 7), points: sorted)
            guard let first = sorted.first, let last = sorted.last else { continue }
            let lo = first.x / 1.5, hi = last.x * 1.5
            let grid = (0...60).map { lo * pow(hi / lo, Double($0) / 60) }
            if let p = profile.parabola {
                table.add(series: series + " parabola", kind: .line, title: nil, style: LineStyle(colour: colour, dash: 1, width: 1.5),
                          points: grid.map { PlotPoint(x: $0, y: p.y($0)) })
            }
            if let surface = profile.surface, surfaceTitle != nil {
                table.add(series: series + " surface", kind: .line, title: nil, style: LineStyle(colour: colour, dash: 2, width: 1),
                          points: grid.map { PlotPoint(x: $0, y: surface($0)) })
            }
        }
        table.add(series: "best_run", kind: .points, title: "best run", style: LineStyle(colour: "black", dash: 1, width: 1.5, marker: 6), points: bestRuns)
        return table
    }

    public var frame: PlotFrame {
        let surfaceNote = surfaceTitle.map { "dashed: \($0) surface" } ?? "no surface fit"
        let parabolaNote = parabolasFitted ? "solid: parabola in ln N; " : ""
        return PlotFrame(title: "IsoFLOP profiles (\(parabolaNote)\(surfaceNote))", xlabel: "non-embedding parameters N",
                         ylabel: "final loss", logX: true, logY: false, keyOutside: true, width: 1000)
    }

    /// Writes profiles.csv, profiles.gp and plot_profiles.py and draws profiles.svg and .png.
    public func draw(in folder: URL, gnuplot: Gnuplot = Gnuplot()) throws(GnuplotError) {
        try table.render(frame: frame, in: folder, gnuplot: gnuplot)
    }
}
