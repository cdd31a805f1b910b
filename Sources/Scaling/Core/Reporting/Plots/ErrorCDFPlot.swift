import Foundation

/// Error distributions of many scored rehearsals: for each strategy, the empirical CDFs of
/// |ln(N_pred / N*)|, |loss error| and regret, side by side on log axes (`NAME.svg`/`.png`,
/// drawn from one flat `NAME.csv` by `NAME.gp` and by the matplotlib `plot_NAME.py`). `harness score` draws its tournament with it.
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

    /// The data as one flat CSV (`NAME.csv`, columns `strategy,metric,value,fraction`): per
    /// strategy and metric the empirical CDF, values ascending, raised to `floor`; a strategy
    /// with no finite value gets one row at (floor, 0).
    public func csv(_ errors: [StrategyErrors]) -> String {
        var lines = ["strategy,metric,value,fraction"]
        for m in Self.metrics {
            for s in errors {
                let values = m.values(s).filter(\.isFinite).sorted()
                for (k, v) in values.enumerated() {
                    lines.append("\(s.strategy),\(m.column),\(NumberFormat.sci(max(v, floor), digits: 6)),\(NumberFormat.general(Double(k + 1) / Double(values.count), digits: 6))")
                }
                if values.isEmpty { lines.append("\(s.strategy),\(m.column),\(NumberFormat.sci(floor, digits: 6)),0") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A gnuplot script drawing the three panels from NAME.csv into NAME.svg and NAME.png;
    /// `rehearsals`, the count in the title, includes those that gave no errors to draw.
    public func script(strategies: [String], rehearsals: Int) -> String {
        var panels = ""
        for m in Self.metrics {
            let curves = strategies.map { s in
                "'\(name).csv' using (sel('\(s)','\(m.column)')?$3:NaN):4 with steps lw 2 title '\(s)'"
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
            # Empirical CDFs of the tournament's errors, from \(name).csv; rerun with `gnuplot \(name).gp` in this folder.
            set datafile separator ','
            set key autotitle columnhead
            sel(s, m) = (strcol(1) eq s && strcol(2) eq m)
            set terminal svg size 1500,520 dynamic enhanced font 'Helvetica,13' background rgb 'white'
            set output '\(name).svg'
            \(body)
            set terminal pngcairo size 1500,520 enhanced font 'Helvetica,11' background rgb 'white'
            set output '\(name).png'
            \(body)
            unset output

            """
    }

    /// The same three panels with matplotlib, from NAME.csv into NAME.mpl.png.
    public func matplotlibScript(strategies: [String], rehearsals: Int) -> String {
        let quoted = strategies.map { "\"\($0)\"" }.joined(separator: ", ")
        let panels = Self.metrics.map { "    (\"\($0.column)\", \"\(PlotTable.plain($0.title))\"),\n" }.joined()
        return """
            #!/usr/bin/env python3
            \"\"\"Draws \(name).mpl.png from \(name).csv with matplotlib (written by harness score beside \(name).gp).

            The CSV is long-form: strategy,metric,value,fraction (pandas: pd.read_csv("\(name).csv")).
            Run: python3 plot_\(name).py
            \"\"\"
            import csv
            from pathlib import Path

            import matplotlib

            matplotlib.use("Agg")
            import matplotlib.pyplot as plt

            HERE = Path(__file__).resolve().parent
            STRATEGIES = [\(quoted)]
            PANELS = [
            \(panels)]

            rows = {}
            with open(HERE / "\(name).csv", newline="") as f:
                for row in csv.DictReader(f):
                    rows.setdefault((row["strategy"], row["metric"]), []).append((float(row["value"]), float(row["fraction"])))

            fig, axes = plt.subplots(1, 3, figsize=(15, 5.2))
            for ax, (metric, title) in zip(axes, PANELS):
                for strategy in STRATEGIES:
                    data = rows.get((strategy, metric), [])
                    ax.step([v for v, _ in data], [p for _, p in data], where="post", linewidth=2, label=strategy)
                ax.set_xscale("log")
                ax.set_ylim(0, 1)
                ax.set_title(title)
                ax.set_ylabel("fraction of rehearsals")
                ax.grid(True, which="both", color="#dddddd")
                ax.legend(loc="lower right")
            fig.suptitle("Error distributions over \(rehearsals) rehearsals (empirical CDF per strategy)")
            fig.savefig(HERE / "\(name).mpl.png", dpi=100, bbox_inches="tight")

            """
    }

    /// Writes NAME.csv and both scripts into `directory` and draws NAME.svg and NAME.png there
    /// (without gnuplot the data and scripts are still written, and `.missing` thrown).
    public func render(_ errors: [StrategyErrors], rehearsals: Int, in directory: URL, gnuplot: Gnuplot = Gnuplot()) throws(GnuplotError) {
        let strategies = errors.map(\.strategy)
        try gnuplot.render(name: name, script: script(strategies: strategies, rehearsals: rehearsals),
                           data: ["\(name).csv": csv(errors), "plot_\(name).py": matplotlibScript(strategies: strategies, rehearsals: rehearsals)],
                           in: directory)
    }
}
