import Foundation
import Scaling

/// How a command's pictures went: every command that plots draws through this, so `--no-plots`
/// skips them all and a missing gnuplot is one note on stderr, not a failure. Without gnuplot
/// each picture's data (NAME.csv) and scripts (NAME.gp, plot_NAME.py) are still written, and the
/// command's other files (answer.md, writeup.md, JSON) too.
///
/// ```swift
/// var plots = PlotDrawing(enabled: !noPlots)
/// try plots.draw { try profiles.draw(in: folder) }
/// plots.reportMissing()     // "note: gnuplot was not found ...; the data and scripts are in ..."
/// ```
struct PlotDrawing {
    /// False under `--no-plots`: nothing is drawn or written.
    let enabled: Bool
    var gnuplot = Gnuplot()
    /// The pictures whose data and scripts were written (drawn or not).
    private(set) var written: [String] = []
    /// Why the pictures were not drawn, when gnuplot is missing.
    private(set) var missing: GnuplotError?

    init(enabled: Bool, gnuplot: Gnuplot = Gnuplot()) {
        (self.enabled, self.gnuplot) = (enabled, gnuplot)
    }

    /// Whether the pictures themselves (NAME.png, NAME.svg) exist.
    var drawn: Bool { enabled && missing == nil && !written.isEmpty }

    /// Draws one picture named `name`; other gnuplot failures still throw.
    mutating func draw(_ name: String, _ body: (Gnuplot) throws(GnuplotError) -> Void) throws(GnuplotError) {
        guard enabled else { return }
        do {
            try body(gnuplot)
            written.append(name)
        } catch .missing(let executable) {
            written.append(name)
            missing = .missing(executable)
        }
    }

    /// One line for the command's closing "wrote ..." line.
    var summary: String {
        guard enabled else { return "no plots (--no-plots)" }
        let names = written.joined(separator: ", ")
        return drawn ? "plots \(names) (.svg, .png; data .csv; scripts .gp and plot_*.py)"
            : "plot data and scripts for \(names) (.csv, .gp, plot_*.py; not drawn: no gnuplot)"
    }

    /// Prints the note about a missing gnuplot to stderr, once.
    func reportMissing(in folder: URL) {
        guard let missing else { return }
        FileHandle.standardError.write(Data("note: \(missing); the plots were not drawn, but their data and scripts are in \(folder.path)/ (run `gnuplot NAME.gp` or `python3 plot_NAME.py` there)\n".utf8))
    }
}
