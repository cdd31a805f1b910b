import Foundation

/// The compute-optimal frontier of one prediction (`frontier.svg`/`.png`, with `frontier.gp` and
/// `frontier.dat` beside): the fitted N_opt(C) extrapolated to the target with its bootstrap
/// band, the per-budget optima the data gave (parabola vertices, best runs), the prediction at
/// the target with its interval and, when known, the true frontier and N* at the target.
public struct FrontierPlot {
    /// The budget predicted for.
    public var target: Double
    /// The smallest compute of the data: the x axis runs from half of it to twice the target.
    public var smallestCompute: Double
    /// The fitted law N_opt = k C^a.
    public var law: PlotPowerLaw
    /// The bootstrap band of N_opt (lower, upper at each compute); drawn from two rows on.
    public var band: [BandPoint]
    /// Per-budget optima: parabola vertices and best runs, (C, N).
    public var vertices: [PlotPoint]
    public var bestRuns: [PlotPoint]
    /// N_opt at the target with its interval.
    public var prediction: BandPoint
    /// The true frontier (C, N*) and N* at the target, in a rehearsal.
    public var truth: (frontier: [PlotPoint], atTarget: PlotPoint)?

    public init(target: Double, smallestCompute: Double, law: PlotPowerLaw, band: [BandPoint],
                vertices: [PlotPoint], bestRuns: [PlotPoint], prediction: BandPoint,
                truth: (frontier: [PlotPoint], atTarget: PlotPoint)? = nil) {
        (self.target, self.smallestCompute, self.law, self.band, self.vertices, self.bestRuns, self.prediction, self.truth) = (target, smallestCompute, law, band, vertices, bestRuns, prediction, truth)
    }

    public func draw(in folder: URL, gnuplot: Gnuplot = Gnuplot()) throws(GnuplotError) {
        let number = Gnuplot.number
        var data = PlotBlocks(file: "frontier.dat")
        if band.count > 1 {
            data.add("bootstrap band: C, lower, upper", band.map { [$0.x, $0.lower, $0.upper] },
                     "using 1:2:3 with filledcurves lc rgb '#d62728' fs transparent solid 0.15 noborder title '95% bootstrap band'")
        }
        let lo = smallestCompute
        let grid = (0...40).map { lo / 2 * pow(target * 2 / (lo / 2), Double($0) / 40) }
        data.add("fitted law (\(law.title)): C, N_opt", grid.map { [$0, law($0)] },
                 "using 1:2 with lines lw 2 lc rgb '#d62728' title '\(law.title): N_{opt} = \(NumberFormat.general(law.coefficient, digits: 3)) C^{\(NumberFormat.general(law.exponent, digits: 3))}'")
        data.add("parabola vertices: C, N", vertices.map { [$0.x, $0.y] },
                 "using 1:2 with points pt 9 ps 1.6 lc rgb '#ff7f0e' title 'parabola vertices'")
        data.add("best run per budget: C, N", bestRuns.map { [$0.x, $0.y] },
                 "using 1:2 with points pt 6 ps 1.4 lc rgb '#1f77b4' title 'best run per budget'")
        data.add("prediction at the target: C, N, lower, upper", [[prediction.x, prediction.y, prediction.lower, prediction.upper]],
                 "using 1:2:3:4 with yerrorbars pt 7 ps 1.8 lw 2 lc rgb '#d62728' title 'prediction'")
        if let truth {
            data.add("truth's frontier at the allowed budgets: C, N*", truth.frontier.map { [$0.x, $0.y] },
                     "using 1:2 with lines dt 2 lw 1.5 lc rgb 'black' title 'truth N*(C)'")
            data.add("truth at the target: C, N*", [[truth.atTarget.x, truth.atTarget.y]],
                     "using 1:2 with points pt 3 ps 2.5 lw 2 lc rgb 'black' title 'truth N* at target'")
        }
        let plot = """
            \(Gnuplot.computeAxes(ylabel: "compute-optimal non-embedding size N_{opt}"))
            set title 'Compute-optimal size, extrapolated to \(NumberFormat.sci(target, digits: 2)) FLOPs'
            set key top left box opaque
            set xrange [\(number(lo / 2)):\(number(target * 2))]
            plot \(data.plotClauses)
            """
        try gnuplot.render(name: "frontier", script: Gnuplot.outputs(name: "frontier", plot: plot),
                           data: ["frontier.dat": data.contents], in: folder)
    }
}
