import Foundation
import Scaling
import Testing

/// Every picture's data is one flat CSV that pandas reads, drawn by a gnuplot script and a
/// matplotlib script that both read it.
@Suite struct PlotTableTests {
    /// python3 as the user's shell finds it (PATH first), else the system's.
    static let python: String? = ((ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" } + ["/usr/bin/python3"])
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let matplotlib: Bool = python.map { run([$0, "-c", "import matplotlib"]).status == 0 } ?? false

    static func run(_ arguments: [String], in folder: URL? = nil) -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: arguments[0])
        p.arguments = Array(arguments.dropFirst())
        if let folder { p.currentDirectoryURL = folder }
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return (-1, "\(error)") }
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    func folder(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("plot-table-\(name)-\(UUID().uuidString)")
    }

    /// A frontier picture with every kind of layer: band, line, points, error bar, a label.
    var plot: FrontierPlot {
        FrontierPlot(name: "loss", quantity: "loss at the compute-optimal point", logY: false, target: 1e19, smallestCompute: 1e16,
                     curve: PlotCurve(label: "fit: L = 2 + 40 C^{-0.1}") { 2 + 40 * pow($0, -0.1) },
                     band: [BandPoint(x: 1e16, y: 2.9, lower: 2.8, upper: 3.0), BandPoint(x: 1e19, y: 2.5, lower: 2.3, upper: .infinity)],
                     vertices: [PlotPoint(x: 1e16, y: 2.95)], bestRuns: [PlotPoint(x: 1e16, y: 2.97), PlotPoint(x: 1e17, y: 2.8)],
                     prediction: BandPoint(x: 1e19, y: 2.5, lower: 2.3, upper: 2.7),
                     truth: ([PlotPoint(x: 1e16, y: 2.9), PlotPoint(x: 1e19, y: 2.45)], PlotPoint(x: 1e19, y: 2.45)))
    }

    @Test func theCSVIsFlatWithOneHeader() throws {
        let csv = plot.table.csv
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.first == "series,kind,x,y,lower,upper")
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 6 })
        #expect(!csv.contains("#") && !csv.contains("nan") && !csv.contains("inf"))
        // The band's infinite upper bound is an empty cell, not a made-up number.
        #expect(csv.contains("bootstrap,band,1e+19,2.5,2.3,\n"))
        #expect(csv.contains("prediction,errorbar,1e+19,2.5,2.3,2.7\n"))
        // Points and lines carry no bounds.
        #expect(csv.contains("best_runs,points,1e+16,2.97,,\n"))
        #expect(lines.filter { $0.hasPrefix("fit,line,") }.count == 41)
    }

    @Test func bothScriptsReadTheCSV() {
        let p = plot
        let gp = p.table.gnuplotScript(frame: p.frame)
        #expect(gp.contains("set datafile separator ','") && gp.contains("'loss.csv' using"))
        #expect(gp.contains("set output 'loss.svg'") && gp.contains("set output 'loss.png'"))
        #expect(gp.contains("set label '2.5000'"), "the target's value is marked")
        let py = p.table.matplotlibScript(frame: p.frame)
        #expect(py.contains("open(HERE / \"loss.csv\""))
        #expect(py.contains("fig.savefig(HERE / \"loss.mpl.png\""))
        #expect(py.contains("(\"prediction\", \"errorbar\""))
        #expect(!py.contains("_{") && !py.contains("^{"), "gnuplot markup is plain text for matplotlib")
    }

    @Test func withoutGnuplotTheDataAndScriptsAreStillWritten() throws {
        let dir = folder("nognuplot")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: GnuplotError.missing("/nonexistent/gnuplot")) { try plot.draw(in: dir, gnuplot: Gnuplot(executable: "/nonexistent/gnuplot")) }
        for file in ["loss.csv", "loss.gp", "plot_loss.py"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("loss.png").path))
    }

    @Test(.enabled(if: python != nil, "needs python3"))
    func theMatplotlibScriptCompiles() throws {
        let dir = folder("pycompile")
        defer { try? FileManager.default.removeItem(at: dir) }
        try? plot.draw(in: dir, gnuplot: Gnuplot(executable: "/nonexistent/gnuplot"))
        let result = Self.run([Self.python ?? "python3", "-m", "py_compile", dir.appendingPathComponent("plot_loss.py").path])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test(.enabled(if: matplotlib, "needs python3 with matplotlib"))
    func theMatplotlibScriptDraws() throws {
        let dir = folder("mpl")
        defer { try? FileManager.default.removeItem(at: dir) }
        try? plot.draw(in: dir, gnuplot: Gnuplot(executable: "/nonexistent/gnuplot"))
        let result = Self.run([Self.python ?? "python3", "plot_loss.py"], in: dir)
        #expect(result.status == 0, "\(result.output)")
        let png = FileManager.default.contents(atPath: dir.appendingPathComponent("loss.mpl.png").path) ?? Data()
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "no PNG drawn")
    }

    @Test(.enabled(if: Gnuplot().resolved != nil, "gnuplot is not installed"))
    func gnuplotDrawsFromTheCSV() throws {
        let dir = folder("gnuplot")
        defer { try? FileManager.default.removeItem(at: dir) }
        try plot.draw(in: dir)
        let svg = try String(contentsOf: dir.appendingPathComponent("loss.svg"), encoding: .utf8)
        // Every keyed layer reached the picture: the key lists their titles.
        for title in ["95% bootstrap band", "best run per budget", "prediction at the target (95%)", "truth at the target"] {
            #expect(svg.contains(title), "\(title)")
        }
        #expect(svg.contains("2.5000"))
    }

    @Test func theTournamentsErrorsAreOneFlatCSVToo() {
        let plot = ErrorCDFPlot()
        let errors = [ErrorCDFPlot.StrategyErrors(strategy: "a", lnNErrors: [0.2, 0.1, .nan], lossErrors: [0], regrets: []),
                      ErrorCDFPlot.StrategyErrors(strategy: "b", lnNErrors: [0.3], lossErrors: [0.01], regrets: [0.02])]
        let lines = plot.csv(errors).split(separator: "\n")
        #expect(lines.first == "strategy,metric,value,fraction")
        // Ascending, k/n, the NaN left out; a zero is raised to the floor; no values: one row at (floor, 0).
        #expect(lines.contains("a,abs_ln_n_error,1.00000e-01,0.5") && lines.contains("a,abs_ln_n_error,2.00000e-01,1"))
        #expect(lines.contains("a,abs_loss_error,1.00000e-05,1"))
        #expect(lines.contains("a,regret,1.00000e-05,0"))
        #expect(lines.count == 1 + 2 + 1 + 1 + 3)
        let gp = plot.script(strategies: ["a", "b"], rehearsals: 3)
        #expect(gp.contains("'errors.csv' using (sel('b','regret')?$3:NaN):4 with steps"))
        #expect(plot.matplotlibScript(strategies: ["a", "b"], rehearsals: 3).contains("open(HERE / \"errors.csv\""))
    }
}
