import Foundation

/// One picture's data as a single flat CSV (`NAME.csv`, read by `pandas.read_csv` as it is) and
/// the two scripts that draw it from that file: `NAME.gp` (gnuplot; `NAME.svg`, `NAME.png`) and
/// `plot_NAME.py` (matplotlib; `NAME.mpl.png`). Every picture of the package is built this way,
/// so a user can restyle any of them in the tool they know.
///
/// The CSV is long-form, one row per drawn value, columns `series,kind,x,y,lower,upper`:
/// `series` names what the row belongs to (e.g. `vpnls`, `C=1e18`, `truth`), `kind` how it is
/// drawn (`line`, `points`, `band`, `errorbar`, `step`), and `lower`/`upper` are empty unless the
/// kind has them. Non-finite values are written empty.
///
/// ```swift
/// var table = PlotTable(name: "n_opt")
/// table.add(series: "vpnls", kind: .line, title: "VPNLS", style: LineStyle(colour: "#d62728", dash: 1, width: 2),
///           rows: [BandPoint(x: 1e18, y: 3e8, lower: 3e8, upper: 3e8)])
/// let frame = PlotFrame(title: "N_opt vs compute", xlabel: "C", ylabel: "N", logX: true, logY: true)
/// try table.render(frame: frame, in: folder)   // n_opt.csv, n_opt.gp, plot_n_opt.py, n_opt.svg, n_opt.png
/// ```
public struct PlotTable: Sendable {
    /// How a layer is drawn.
    public enum Kind: String, Sendable, CaseIterable {
        case line, points, band, errorbar, step
    }

    /// One drawn layer: rows of one series drawn one way.
    public struct Layer: Sendable {
        public var series: String
        public var kind: Kind
        /// The key's entry; nil draws it without one.
        public var title: String?
        public var style: LineStyle
        public var rows: [BandPoint]
    }

    /// The picture's file name without extension, e.g. `n_opt`.
    public var name: String
    public private(set) var layers: [Layer] = []

    public init(name: String) { self.name = name }

    /// Adds a layer; nothing when `rows` is empty. Series names must not contain a comma, a
    /// quote or a newline (they are the package's own labels).
    public mutating func add(series: String, kind: Kind, title: String?, style: LineStyle, rows: [BandPoint]) {
        guard !rows.isEmpty else { return }
        layers.append(Layer(series: series, kind: kind, title: title, style: style, rows: rows))
    }

    /// Adds a layer of plain points (lower and upper equal to y).
    public mutating func add(series: String, kind: Kind, title: String?, style: LineStyle, points: [PlotPoint]) {
        add(series: series, kind: kind, title: title, style: style,
            rows: points.map { BandPoint(x: $0.x, y: $0.y, lower: $0.y, upper: $0.y) })
    }

    static let columns = ["series", "kind", "x", "y", "lower", "upper"]

    /// The CSV file's contents.
    public var csv: String {
        func cell(_ v: Double) -> CSVOutput.Cell { v.isFinite ? .text(Gnuplot.number(v)) : .empty }
        var csv = CSVOutput(Self.columns)
        for layer in layers {
            let bounded = layer.kind == .band || layer.kind == .errorbar
            for r in layer.rows {
                csv.append([.text(layer.series), .text(layer.kind.rawValue), cell(r.x), cell(r.y),
                            bounded ? cell(r.lower) : .empty, bounded ? cell(r.upper) : .empty])
            }
        }
        return csv.text
    }

    /// The gnuplot `plot` clauses: each layer reads its own rows of NAME.csv (the others are
    /// made undefined by `sel`, defined in `gnuplotScript`). Bands first, so lines lie on top.
    var gnuplotClauses: String {
        let ordered = layers.filter { $0.kind == .band } + layers.filter { $0.kind != .band }
        return ordered.map { layer in
            let s = layer.style
            let sel = "sel('\(layer.series)','\(layer.kind.rawValue)')"
            let title = layer.title.map { "title '\(Self.gnuplotQuoted($0))'" } ?? "notitle"
            let using: String
            let with: String
            switch layer.kind {
            case .line:
                using = "3:(\(sel)?$4:NaN)"
                with = "with lines lc rgb '\(s.colour)' lw \(s.width) dt \(s.dash)"
            case .step:
                using = "3:(\(sel)?$4:NaN)"
                with = "with steps lc rgb '\(s.colour)' lw \(s.width) dt \(s.dash)"
            case .points:
                using = "3:(\(sel)?$4:NaN)"
                with = "with points lc rgb '\(s.colour)' pt \(s.marker ?? 7) ps 1.4 lw \(max(1, s.width / 2))"
            case .band:
                using = "3:(\(sel)?$5:NaN):(\(sel)?$6:NaN)"
                with = "with filledcurves lc rgb '\(s.colour)' fs transparent solid 0.15 noborder"
            case .errorbar:
                using = "3:(\(sel)?$4:NaN):5:6"
                with = "with yerrorbars lc rgb '\(s.colour)' pt \(s.marker ?? 7) ps 1.8 lw \(s.width)"
            }
            return "'\(name).csv' using \(using) \(with) \(title)"
        }.joined(separator: ", \\\n     ")
    }

    /// The whole gnuplot script: the frame, the `plot`, into NAME.svg and NAME.png.
    public func gnuplotScript(frame: PlotFrame) -> String {
        let number = Gnuplot.number
        var setup = [
            "# Draws \(name).svg and \(name).png from \(name).csv; rerun with `gnuplot \(name).gp` in this folder.",
            "set datafile separator ','",
            "sel(s, k) = (strcol(1) eq s && strcol(2) eq k)",
            "set grid xtics ytics mxtics mytics lc rgb '#dddddd'",
            "set xlabel '\(Self.gnuplotQuoted(frame.xlabel))'",
            "set ylabel '\(Self.gnuplotQuoted(frame.ylabel))'",
            "set title '\(Self.gnuplotQuoted(frame.title))'",
            frame.keyOutside ? "set key outside right top" : "set key \(frame.keyRight ? "top right" : "top left") box opaque",
        ]
        if frame.logX { setup += ["set logscale x", "set format x '10^{%L}'"] }
        if frame.logY { setup += ["set logscale y", "set format y '10^{%L}'"] }
        if let (lo, hi) = frame.xRange { setup.append("set xrange [\(number(lo)):\(number(hi))]") }
        for x in frame.verticalLines {
            setup.append("set arrow from \(number(x)), graph 0 to \(number(x)), graph 1 nohead dt 3 lc rgb '#777777'")
        }
        for label in frame.labels {
            setup.append("set label '\(Self.gnuplotQuoted(label.text))' at \(number(label.x)), \(number(label.y)) offset 1,0.8 font ',10' front")
        }
        // The CSV's first row names the columns: columnhead makes gnuplot skip it.
        let plot = (setup + ["set key autotitle columnhead", "plot \(gnuplotClauses)"]).joined(separator: "\n")
        return Gnuplot.outputs(name: name, plot: plot, width: frame.width, height: frame.height)
    }

    /// A matplotlib script that draws the same picture from NAME.csv into NAME.mpl.png (the
    /// standard library's csv module, so pandas is not needed to run it).
    public func matplotlibScript(frame: PlotFrame) -> String {
        func py(_ s: String?) -> String {
            guard let s else { return "None" }
            let escaped = s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(Self.plain(escaped))\""
        }
        let number = Gnuplot.number
        let layerLines = layers.map { l in
            let s = l.style
            let marker = s.marker.map { Self.matplotlibMarker($0) }
            return "    (\(py(l.series)), \(py(l.kind.rawValue)), \(py(l.title)), \(py(s.colour)), \(py(Self.matplotlibDash(s.dash))), \(number(s.width)), \(marker.map { py($0.symbol) } ?? "None"), \(marker.map { $0.filled ? "True" : "False" } ?? "True")),"
        }.joined(separator: "\n")
        let labels = frame.labels.map { "    (\(number($0.x)), \(number($0.y)), \(py($0.text))),\n" }.joined()
        let xrange = frame.xRange.map { "ax.set_xlim(\(number($0.0)), \(number($0.1)))\n" } ?? ""
        return """
            #!/usr/bin/env python3
            \"\"\"Draws \(name).mpl.png from \(name).csv with matplotlib (written by harness beside \(name).gp).

            The CSV is long-form: series,kind,x,y,lower,upper (pandas: pd.read_csv("\(name).csv")).
            Restyle LAYERS below, or load the CSV yourself. Run: python3 plot_\(name).py
            \"\"\"
            import csv
            import math
            from pathlib import Path

            import matplotlib

            matplotlib.use("Agg")
            import matplotlib.pyplot as plt

            HERE = Path(__file__).resolve().parent
            # series, kind, label, colour, linestyle, width, marker, filled marker
            LAYERS = [
            \(layerLines)
            ]
            VERTICAL_LINES = [\(frame.verticalLines.map(number).joined(separator: ", "))]
            LABELS = [
            \(labels)]


            def number(cell):
                return float(cell) if cell != "" else math.nan


            rows = {}
            with open(HERE / "\(name).csv", newline="") as f:
                for row in csv.DictReader(f):
                    rows.setdefault((row["series"], row["kind"]), []).append(row)

            fig, ax = plt.subplots(figsize=(\(number(Double(frame.width) / 100)), \(number(Double(frame.height) / 100))))
            for series, kind, label, colour, linestyle, width, marker, filled in LAYERS:
                data = rows.get((series, kind), [])
                x = [number(r["x"]) for r in data]
                y = [number(r["y"]) for r in data]
                if kind == "band":
                    lower = [number(r["lower"]) for r in data]
                    upper = [number(r["upper"]) for r in data]
                    ax.fill_between(x, lower, upper, color=colour, alpha=0.15, linewidth=0, label=label)
                elif kind == "line":
                    ax.plot(x, y, color=colour, linestyle=linestyle, linewidth=width, label=label)
                elif kind == "step":
                    ax.step(x, y, where="post", color=colour, linestyle=linestyle, linewidth=width, label=label)
                elif kind == "points":
                    ax.plot(x, y, linestyle="none", marker=marker or "o", color=colour,
                            markerfacecolor=colour if filled else "none", markersize=7, label=label)
                elif kind == "errorbar":
                    lower = [number(r["lower"]) for r in data]
                    upper = [number(r["upper"]) for r in data]
                    error = [[v - lo for v, lo in zip(y, lower)], [hi - v for v, hi in zip(y, upper)]]
                    ax.errorbar(x, y, yerr=error, fmt=marker or "o", color=colour, capsize=4,
                                linewidth=width, markersize=8, label=label)
            for x in VERTICAL_LINES:
                ax.axvline(x, linestyle=":", color="#777777")
            for x, y, text in LABELS:
                ax.annotate(text, (x, y), textcoords="offset points", xytext=(8, 8), fontsize=9)
            \(frame.logX ? "ax.set_xscale(\"log\")\n" : "")\(frame.logY ? "ax.set_yscale(\"log\")\n" : "")\(xrange)ax.set_title(\(py(frame.title)))
            ax.set_xlabel(\(py(frame.xlabel)))
            ax.set_ylabel(\(py(frame.ylabel)))
            ax.grid(True, which="both", color="#dddddd")
            ax.legend(\(frame.keyOutside ? "loc=\"upper left\", bbox_to_anchor=(1.02, 1), fontsize=8" : "loc=\"upper \(frame.keyRight ? "right" : "left")\", fontsize=9"))
            fig.savefig(HERE / "\(name).mpl.png", dpi=110, bbox_inches="tight")

            """
    }

    /// Writes NAME.csv, NAME.gp and plot_NAME.py into `directory`, then draws NAME.svg and
    /// NAME.png with gnuplot. Without gnuplot the three files are still written and
    /// `GnuplotError.missing` is thrown, so a caller can say so and go on.
    public func render(frame: PlotFrame, in directory: URL, gnuplot: Gnuplot = Gnuplot()) throws(GnuplotError) {
        try gnuplot.render(name: name, script: gnuplotScript(frame: frame),
                           data: ["\(name).csv": csv, "plot_\(name).py": matplotlibScript(frame: frame)], in: directory)
    }

    /// Text safe inside gnuplot's single quotes ('' is a quote).
    static func gnuplotQuoted(_ s: String) -> String { s.replacingOccurrences(of: "'", with: "''") }

    /// Gnuplot's enhanced-text markup (N_{opt}, C^{0.5}) as plain text for matplotlib.
    static func plain(_ s: String) -> String {
        s.replacingOccurrences(of: "_{", with: "_").replacingOccurrences(of: "^{", with: "^")
            .replacingOccurrences(of: "}", with: "").replacingOccurrences(of: "{", with: "")
    }

    static func matplotlibDash(_ dash: Int) -> String {
        switch dash {
        case 2: "--"
        case 3: ":"
        case 4: "-."
        default: "-"
        }
    }

    /// Gnuplot point types (as the package uses them) in matplotlib.
    static func matplotlibMarker(_ pt: Int) -> (symbol: String, filled: Bool) {
        switch pt {
        case 1: ("+", true)
        case 2: ("x", true)
        case 3: ("*", true)
        case 4: ("s", false)
        case 5: ("s", true)
        case 6: ("o", false)
        case 8: ("^", false)
        case 9: ("^", true)
        case 12: ("D", false)
        case 13: ("D", true)
        default: ("o", true)
        }
    }
}

/// The frame of a picture: titles, axes, marks. Shared by its gnuplot and matplotlib scripts.
public struct PlotFrame: Sendable {
    /// A text mark at a point (e.g. the value predicted at a target).
    public struct Label: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public var text: String

        public init(x: Double, y: Double, text: String) { (self.x, self.y, self.text) = (x, y, text) }
    }

    public var title: String
    public var xlabel: String
    public var ylabel: String
    public var logX: Bool
    public var logY: Bool
    public var xRange: (Double, Double)?
    /// Dotted vertical lines, e.g. at the targets.
    public var verticalLines: [Double]
    public var labels: [Label]
    public var keyOutside: Bool
    /// The key in the top right corner instead of the top left (for falling curves).
    public var keyRight: Bool = false
    public var width: Int
    public var height: Int

    public init(title: String, xlabel: String, ylabel: String, logX: Bool, logY: Bool, xRange: (Double, Double)? = nil,
                verticalLines: [Double] = [], labels: [Label] = [], keyOutside: Bool = false, width: Int = 900, height: Int = 620) {
        (self.title, self.xlabel, self.ylabel, self.logX, self.logY) = (title, xlabel, ylabel, logX, logY)
        (self.xRange, self.verticalLines, self.labels, self.keyOutside, self.width, self.height) = (xRange, verticalLines, labels, keyOutside, width, height)
    }

    /// The frame of every frontier picture: log-log against training compute.
    public static func compute(title: String, ylabel: String, logY: Bool = true, xRange: (Double, Double)? = nil,
                               targets: [Double] = [], labels: [Label] = []) -> PlotFrame {
        PlotFrame(title: title, xlabel: "training compute C (FLOPs)", ylabel: ylabel, logX: true, logY: logY,
                  xRange: xRange, verticalLines: targets, labels: labels)
    }
}
