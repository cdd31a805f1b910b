import Foundation

/// The IsoFLOP profiles picture (`profiles.svg`/`.png`, with `profiles.gp` and `profiles.dat`
/// beside it): loss against N for each budget, each budget's parabola in ln N (solid) and the
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

    public func draw(in folder: URL, gnuplot: Gnuplot = Gnuplot()) throws(GnuplotError) {
        var data = PlotBlocks(file: "profiles.dat")
        for (i, profile) in profiles.enumerated() {
            let colour = Self.palette[i % Self.palette.count]
            let c = NumberFormat.sci(profile.compute, digits: 2)
            let sorted = profile.points.sorted { $0.x < $1.x }
            data.add("C = \(c): N, loss", sorted.map { [$0.x, $0.y] },
                     "using 1:2 with points pt 7 ps 1.1 lc rgb '\(colour)' title 'C = \(c)'")
            guard let first = sorted.first, let last = sorted.last else { continue }
            let lo = first.x / 1.5, hi = last.x * 1.5
            let grid = (0...60).map { lo * pow(hi / lo, Double($0) / 60) }
            if let p = profile.parabola {
                data.add("parabola at C = \(c) (\(p.label))", grid.map { [$0, p.y($0)] },
                         "using 1:2 with lines lw 1.5 lc rgb '\(colour)' notitle")
            }
            if let surface = profile.surface, let surfaceTitle {
                data.add("\(surfaceTitle) surface at C = \(c)", grid.map { [$0, surface($0)] },
                         "using 1:2 with lines lw 1 dt 2 lc rgb '\(colour)' notitle")
            }
        }
        data.add("best run of each budget: N, loss", bestRuns.map { [$0.x, $0.y] },
                 "using 1:2 with points pt 6 ps 2.2 lw 1.5 lc rgb 'black' title 'best run'")
        let surfaceNote = surfaceTitle.map { "dashed: \($0) surface" } ?? "no surface fit"
        let parabolaNote = parabolasFitted ? "solid: parabola in ln N; " : ""
        let plot = """
            set logscale x
            set format x '10^{%L}'
            set grid lc rgb '#dddddd'
            set xlabel 'non-embedding parameters N'
            set ylabel 'final loss'
            set title 'IsoFLOP profiles (\(parabolaNote)\(surfaceNote))'
            set key outside right top
            plot \(data.plotClauses)
            """
        try gnuplot.render(name: "profiles", script: Gnuplot.outputs(name: "profiles", plot: plot, width: 1000),
                           data: ["profiles.dat": data.contents], in: folder)
    }
}
