import Foundation

/// One quantity of one prediction's compute-optimal frontier against compute (`NAME.svg`/`.png`
/// with `NAME.gp`, `plot_NAME.py` and `NAME.csv` beside): the fitted curve extrapolated to the
/// target with its bootstrap band, the per-budget optima the data gave (parabola vertices, best
/// runs), the prediction at the target with its interval, marked with its value, and, when
/// known, the true frontier and its value at the target. `harness run` and `fit` draw three:
/// `frontier` (N_opt), `d_opt` and `loss` (the loss at the compute-optimal point).
///
/// ```swift
/// let plot = FrontierPlot(name: "loss", quantity: "loss at the compute-optimal point", logY: false, target: 1e19,
///                         smallestCompute: 1e16, curve: PlotCurve(label: "VPNLS") { fit.predictedLoss(compute: $0) },
///                         band: [], vertices: [], bestRuns: [], prediction: BandPoint(x: 1e19, y: 3.1, lower: 3.0, upper: 3.2))
/// try plot.draw(in: folder)
/// ```
public struct FrontierPlot {
    /// The picture's file name without extension.
    public var name: String
    /// What is on the y axis (gnuplot enhanced text, e.g. `N_{opt}`).
    public var quantity: String
    public var logY: Bool
    /// The budget predicted for.
    public var target: Double
    /// The smallest compute of the data: the x axis runs from half of it to twice the target.
    public var smallestCompute: Double
    /// The fitted frontier, sampled on 41 log-spaced computes; its label names the law in the key.
    public var curve: PlotCurve
    /// The bootstrap band (lower, upper at each compute); drawn from two rows on.
    public var band: [BandPoint]
    /// Per-budget optima: parabola vertices and best runs, (C, value).
    public var vertices: [PlotPoint]
    public var bestRuns: [PlotPoint]
    /// The value at the target with its interval.
    public var prediction: BandPoint
    /// The true frontier (C, value) and its value at the target, in a rehearsal.
    public var truth: (frontier: [PlotPoint], atTarget: PlotPoint)?

    public init(name: String = "frontier", quantity: String = "compute-optimal non-embedding size N_{opt}", logY: Bool = true,
                target: Double, smallestCompute: Double, curve: PlotCurve, band: [BandPoint],
                vertices: [PlotPoint], bestRuns: [PlotPoint], prediction: BandPoint,
                truth: (frontier: [PlotPoint], atTarget: PlotPoint)? = nil) {
        (self.name, self.quantity, self.logY) = (name, quantity, logY)
        (self.target, self.smallestCompute, self.curve, self.band, self.vertices, self.bestRuns, self.prediction, self.truth) = (target, smallestCompute, curve, band, vertices, bestRuns, prediction, truth)
    }

    /// The picture as data.
    public var table: PlotTable {
        var table = PlotTable(name: name)
        let red = LineStyle(colour: "#d62728", dash: 1, width: 2)
        if band.count > 1 {
            table.add(series: "bootstrap", kind: .band, title: "95% bootstrap band", style: red, rows: band)
        }
        let lo = smallestCompute
        let grid = (0...40).map { lo / 2 * pow(target * 2 / (lo / 2), Double($0) / 40) }
        table.add(series: "fit", kind: .line, title: curve.label, style: red, points: grid.map { PlotPoint(x: $0, y: curve.y($0)) })
        table.add(series: "parabola_vertices", kind: .points, title: "parabola vertices",
                  style: LineStyle(colour: "#ff7f0e", dash: 1, width: 2, marker: 9), points: vertices)
        table.add(series: "best_runs", kind: .points, title: "best run per budget",
                  style: LineStyle(colour: "#1f77b4", dash: 1, width: 2, marker: 6), points: bestRuns)
        table.add(series: "prediction", kind: .errorbar, title: "prediction at the target (95%)",
                  style: LineStyle(colour: "#d62728", dash: 1, width: 2, marker: 7), rows: [prediction])
        if let truth {
            let black = LineStyle(colour: "black", dash: 2, width: 1.5, marker: 3)
            table.add(series: "truth", kind: .line, title: "truth", style: black, points: truth.frontier)
            table.add(series: "truth_at_target", kind: .points, title: "truth at the target", style: black, points: [truth.atTarget])
        }
        return table
    }

    public var frame: PlotFrame {
        let value = logY ? NumberFormat.sci(prediction.y, digits: 3) : String(format: "%.4f", prediction.y)
        var frame = PlotFrame.compute(title: "\(quantity), extrapolated to \(NumberFormat.sci(target, digits: 2)) FLOPs",
                                      ylabel: quantity, logY: logY, xRange: (smallestCompute / 2, target * 2), targets: [target],
                                      labels: [PlotFrame.Label(x: prediction.x, y: prediction.y, text: value)])
        // A rising frontier leaves the top left empty, a falling loss the top right.
        frame.keyRight = !logY
        return frame
    }

    /// Writes NAME.csv, NAME.gp and plot_NAME.py and draws NAME.svg and NAME.png.
    public func draw(in folder: URL, gnuplot: Gnuplot = Gnuplot()) throws(GnuplotError) {
        try table.render(frame: frame, in: folder, gnuplot: gnuplot)
    }
}
