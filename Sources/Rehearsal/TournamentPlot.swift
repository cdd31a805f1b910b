import Foundation
import Scaling

/// The error distributions of a tournament: for each strategy, pooled over scenarios and seeds,
/// the empirical CDFs of |ln(N_pred / N*)|, |loss error| and regret, side by side on log axes.
///
/// The empirical CDF at the k-th smallest of n values is k / n. Log axes cannot show zero, so
/// values below `floor` are drawn at `floor` (the panel titles say so). Failed rehearsals
/// without a scorecard are not drawn; the leaderboard counts them.
public struct TournamentPlot: Sendable {
    public var name: String
    public var floor: Double

    public init(name: String = "errors", floor: Double = 1e-5) {
        self.name = name
        self.floor = floor
    }

    struct Metric {
        var column: String
        var title: String
        var value: @Sendable (TournamentEntry) -> Double?
    }

    static let metrics: [Metric] = [
        Metric(column: "abs_ln_n_error", title: "|ln(N_{pred} / N*)|") { $0.scorecard.map { abs($0.lnNError) } },
        Metric(column: "abs_loss_error", title: "|predicted - achieved loss| (nats)") { $0.scorecard.map { abs($0.lossError) } },
        Metric(column: "regret", title: "regret (nats)") { $0.scorecard?.regret },
    ]

    /// One data file per metric (`NAME.METRIC.dat`): a block per strategy (gnuplot `index`),
    /// rows `value fraction`, ascending.
    public func data(_ entries: [TournamentEntry], strategies: [String]) -> [String: String] {
        var files: [String: String] = [:]
        for m in Self.metrics {
            var text = "# empirical CDF of \(m.column) per strategy (one block each, in order: \(strategies.joined(separator: ", "))); values below \(NumberFormat.sci(floor, digits: 1)) raised to it\n"
            for s in strategies {
                let values = entries.filter { $0.strategy == s }.compactMap(m.value).filter(\.isFinite).sorted()
                text += "# \(s)\n"
                for (k, v) in values.enumerated() {
                    text += "\(NumberFormat.sci(max(v, floor), digits: 6)) \(NumberFormat.general(Double(k + 1) / Double(values.count), digits: 6))\n"
                }
                if values.isEmpty { text += "\(NumberFormat.sci(floor, digits: 6)) 0\n" }
                text += "\n\n"
            }
            files["\(name).\(m.column).dat"] = text
        }
        return files
    }

    /// A gnuplot script drawing the three panels into NAME.svg and NAME.png.
    public func script(strategies: [String], rehearsals: Int) -> String {
        var panels = ""
        for m in Self.metrics {
            let curves = strategies.enumerated().map { i, s in
                "'\(name).\(m.column).dat' index \(i) using 1:2 with steps lw 2 title '\(s)'"
            }.joined(separator: ", \\\n     ")
            panels += """
                set title "\(m.title)"
                plot \(curves)

                """
        }
        let body = """
            set multiplot layout 1,3 title "Error distributions over \(rehearsals) rehearsals (empirical CDF per strategy; values below \(NumberFormat.sci(floor, digits: 1)) drawn at it)"
            set logscale x
            set format x "10^{%L}"
            set yrange [0:1]
            set ylabel "fraction of rehearsals"
            set key bottom right
            set grid
            \(panels)unset multiplot
            """
        return """
            # Empirical CDFs of the tournament's errors; rerun with `gnuplot \(name).gp` in this folder.
            set terminal svg size 1500,520 dynamic enhanced font 'Helvetica,13' background rgb 'white'
            set output '\(name).svg'
            \(body)
            set terminal pngcairo size 1500,520 enhanced font 'Helvetica,11' background rgb 'white'
            set output '\(name).png'
            \(body)
            unset output

            """
    }

    /// Writes the script and data into `directory` and draws NAME.svg and NAME.png there.
    public func render(_ entries: [TournamentEntry], strategies: [String], in directory: URL) throws(GnuplotError) {
        try Gnuplot().render(name: name, script: script(strategies: strategies, rehearsals: entries.count),
                             data: data(entries, strategies: strategies), in: directory)
    }
}
