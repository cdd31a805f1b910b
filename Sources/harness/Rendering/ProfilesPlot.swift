import Foundation
import Scaling

/// The IsoFLOP profiles picture (`profiles.svg`/`.png`, with `profiles.gp` and `profiles.dat`
/// beside it): loss against N for each budget, each budget's parabola in ln N (solid) and the
/// fitted surface L(N, C / 6N) (dashed), and the best run of each budget ringed.
/// Shared by `harness isoflops`, `harness run` and `harness fit`.
struct ProfilesPlot {
    var profiles: [IsoFLOPProfile]
    var parabolas: [ParabolaProfile]
    var surface: SurfaceFit?
    var bestRuns: [BudgetOptimum]

    static let palette = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666", "#1f78b4", "#b2df8a"]
    static func number(_ x: Double) -> String { String(format: "%.10g", x) }

    func draw(in folder: URL, gnuplot: Gnuplot = Gnuplot()) throws {
        var blocks: [String] = []
        var clauses: [String] = []
        for (i, profile) in profiles.enumerated() {
            let colour = Self.palette[i % Self.palette.count]
            let c = NumberFormat.sci(profile.compute, digits: 2)
            let sorted = profile.points.sorted { $0.parameters < $1.parameters }
            blocks.append("# C = \(c): N, loss\n" + sorted.map { "\(Self.number($0.parameters)) \(Self.number($0.loss))" }.joined(separator: "\n"))
            clauses.append("'profiles.dat' index \(blocks.count - 1) using 1:2 with points pt 7 ps 1.1 lc rgb '\(colour)' title 'C = \(c)'")
            let lo = sorted.first!.parameters / 1.5, hi = sorted.last!.parameters * 1.5
            let grid = (0...60).map { lo * pow(hi / lo, Double($0) / 60) }
            if let p = parabolas.first(where: { $0.compute == profile.compute }), p.coefficients.count == 3 {
                blocks.append("# parabola at C = \(c) (\(p.verdict))\n" + grid.map { "\(Self.number($0)) \(Self.number(p.loss(parameters: $0)))" }.joined(separator: "\n"))
                clauses.append("'profiles.dat' index \(blocks.count - 1) using 1:2 with lines lw 1.5 lc rgb '\(colour)' notitle")
            }
            if let s = surface {
                // With fitted effects, the surface under the profile's own batch size and rate.
                let best = profile.points.min { $0.loss < $1.loss }
                blocks.append("# \(s.method.title) surface at C = \(c)\n" + grid.map { n in
                    "\(Self.number(n)) \(Self.number(s.loss(parameters: n, tokens: profile.compute / (6 * n), batchSize: best?.batchSize, learningRate: best?.learningRate)))"
                }.joined(separator: "\n"))
                clauses.append("'profiles.dat' index \(blocks.count - 1) using 1:2 with lines lw 1 dt 2 lc rgb '\(colour)' notitle")
            }
        }
        if !bestRuns.isEmpty {
            blocks.append("# best run of each budget: N, loss\n" + bestRuns.map { "\(Self.number($0.parameters)) \(Self.number($0.loss))" }.joined(separator: "\n"))
            clauses.append("'profiles.dat' index \(blocks.count - 1) using 1:2 with points pt 6 ps 2.2 lw 1.5 lc rgb 'black' title 'best run'")
        }
        let surfaceNote = surface.map { "dashed: \($0.method.title) surface" } ?? "no surface fit"
        let parabolaNote = parabolas.isEmpty ? "" : "solid: parabola in ln N; "
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
