import Foundation

/// Error distributions of many scored rehearsals: for each strategy, the empirical CDFs of
/// |ln(N_pred / N*)|, |loss error| and regret, side by side on log axes (`NAME.svg`/`.png`,
/// `NAME.gp`, one `NAME.METRIC.dat` per panel). `harness score` draws its tournament with it.
///
/// The empirical CDF at the k-th smallest of n values is k / n. Log axes cannot show zero, so
/// values below `floor` are drawn at `floor` (the panel titles say so). Non-finite values are
/// not drawn.
public struct ErrorCDFPlot: Sendable {
    /// One strategy's errors, one value per scored rehearsal, in any order.
    public struct StrategyErrors: Equatable, Sendable {
        public var strategy: String
        /// |ln(N_pred / N*)|.
        public var lnNErrors: [Double]
        /// |predicted - achieved loss|, nats.
        public var lossErrors: [Double]
        /// Achieved - best loss, nats.
        public var regrets: [Double]

        public init(strategy: String, lnNErrors: [Double], lossErrors: [Double], regrets: [Double]) {
            (self.strategy, self.lnNErrors, self.lossErrors, self.regrets) = (strategy, lnNErrors, lossErrors, regrets)
        }
    }

    public var name: String
    public var floor: Double

    public init(name: String = "errors", floor: Double = 1e-5) {
        (self.name, self.floor) = (name, floor)
    }

    struct Metric: Sendable {
        var column: String
        var title: String
        var values: @Sendable (StrategyErrors) -> [Double]
    }

    static let metrics: [Metric] = [
        Metric(column: "abs_ln_n_error", title: "|ln(N_{pred} / N*)|", values: { $0.lnNErrors }),
        Metric(column: "abs_loss_error", title: "|predicted - achieved loss| (nats)", values: { $0.lossErrors }),
        Metric(column: "regret", title: "regret (nats)", values: { $0.regrets }),
    ]

    /// One data file per metric (`NAME.METRIC.dat`): a block per strategy (gnuplot `index`),
    /// rows `value fraction`, ascending.
    public func data(_ errors: [StrategyErrors]) -> [String: String] {
        var files: [String: String] = [:]
        for m in Self.metrics {
            var text = "# empirical CDF of \(m.column) per strategy (one block each, in order: \(errors.map(\.strategy).joined(separator: ", "))); values below \(NumberFormat.sci(floor, digits: 1)) raised to it\n"
            for s in errors {
                let values = m.values(s).filter(\.isFinite).sorted()
                text += "# \(s.strategy)\n"
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

    /// A gnuplot script drawing the three panels into NAME.svg and NAME.png; `rehearsals`, the
    /// count in the title, includes those that gave no errors to draw.
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
    public func render(_ errors: [StrategyErrors], rehearsals: Int, in directory: URL, gnuplot: Gnuplot = Gnuplot()) throws(GnuplotError) {
        try gnuplot.render(name: name, script: script(strategies: errors.map(\.strategy), rehearsals: rehearsals),
                           data: data(errors), in: directory)
    }
}
