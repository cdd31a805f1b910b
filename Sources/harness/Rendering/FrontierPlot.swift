import Foundation
import Scaling
import SyntheticTrainer

/// The compute-optimal frontier of a run (`frontier.svg`/`.png`, script and data beside): the
/// fitted N_opt(C) extrapolated to the target with its bootstrap band, the per-budget optima the
/// data gave (parabola vertices, best runs), the prediction at the target with its interval and,
/// in a rehearsal, the truth's frontier and N* at the target.
struct FrontierPlot {
    var report: Predictor.Report
    var truth: TruthReport?

    static func number(_ x: Double) -> String { String(format: "%.10g", x) }

    func draw(in folder: URL, gnuplot: Gnuplot = Gnuplot()) throws {
        let p = report.prediction
        var blocks: [String] = []
        var clauses: [String] = []
        func add(_ comment: String, _ rows: [[Double]], _ clause: String) {
            guard !rows.isEmpty else { return }
            blocks.append("# \(comment)\n" + rows.map { $0.map(Self.number).joined(separator: " ") }.joined(separator: "\n"))
            clauses.append("'frontier.dat' index \(blocks.count - 1) " + clause)
        }
        if let band = report.bootstrap?.frontier, band.count > 1 {
            add("bootstrap band: C, lower, upper", band.map { [$0.compute, $0.nOpt.lower, $0.nOpt.upper] },
                "using 1:2:3 with filledcurves lc rgb '#d62728' fs transparent solid 0.15 noborder title '95% bootstrap band'")
        }
        let lo = report.points.map(\.compute).min() ?? p.target
        let grid = (0...40).map { lo / 2 * pow(p.target * 2 / (lo / 2), Double($0) / 40) }
        add("fitted law (\(p.method.title)): C, N_opt", grid.map { [$0, p.nOptLaw($0)] },
            "using 1:2 with lines lw 2 lc rgb '#d62728' title '\(p.method.title): N_{opt} = \(NumberFormat.general(p.nOptLaw.coefficient, digits: 3)) C^{\(NumberFormat.general(p.nOptLaw.exponent, digits: 3))}'")
        let vertices = (report.parabola?.profiles ?? []).filter(\.accepted)
        add("parabola vertices: C, N", vertices.map { [$0.compute, $0.vertexParameters] },
            "using 1:2 with points pt 9 ps 1.6 lc rgb '#ff7f0e' title 'parabola vertices'")
        add("best run per budget: C, N", (report.bestRun?.budgetOptima ?? []).map { [$0.compute, $0.parameters] },
            "using 1:2 with points pt 6 ps 1.4 lc rgb '#1f77b4' title 'best run per budget'")
        add("prediction at the target: C, N, lower, upper", [[p.target, p.nOpt.estimate, p.nOpt.lower, p.nOpt.upper]],
            "using 1:2:3:4 with yerrorbars pt 7 ps 1.8 lw 2 lc rgb '#d62728' title 'prediction'")
        if let truth {
            add("truth's frontier at the allowed budgets: C, N*", truth.budgets.map { [$0.frontier.trainFlops, $0.frontier.nonEmbeddingParameters] }
                + [[truth.target, truth.frontier.nonEmbeddingParameters]],
                "using 1:2 with lines dt 2 lw 1.5 lc rgb 'black' title 'truth N*(C)'")
            add("truth at the target: C, N*", [[truth.target, truth.frontier.nonEmbeddingParameters]],
                "using 1:2 with points pt 3 ps 2.5 lw 2 lc rgb 'black' title 'truth N* at target'")
        }
        let plot = """
            \(Gnuplot.computeAxes(ylabel: "compute-optimal non-embedding size N_{opt}"))
            set title 'Compute-optimal size, extrapolated to \(NumberFormat.sci(p.target, digits: 2)) FLOPs'
            set key top left box opaque
            set xrange [\(Self.number(lo / 2)):\(Self.number(p.target * 2))]
            plot \(clauses.joined(separator: ", \\\n     "))
            """
        try gnuplot.render(name: "frontier", script: Gnuplot.outputs(name: "frontier", plot: plot),
                           data: ["frontier.dat": blocks.joined(separator: "\n\n\n") + "\n"], in: folder)
    }
}
