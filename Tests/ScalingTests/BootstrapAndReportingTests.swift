import Foundation
import Testing
@testable import Scaling

@Suite struct BootstrapAndReportingTests {
    @Test func bootstrapIsSeededAndIndependentOfTheCores() throws {
        let points = try TestData.isoflops()
        let fit = try ParabolaFitter().fit(points: points)
        var serial = Bootstrap(resamples: 50, seed: 11)
        serial.parallel = false
        let a = try Bootstrap(resamples: 50, seed: 11).run(ParabolaFitter(), points: points, full: fit, computes: [1e23])
        let b = try serial.run(ParabolaFitter(), points: points, full: fit, computes: [1e23])
        let c = try Bootstrap(resamples: 50, seed: 12).run(ParabolaFitter(), points: points, full: fit, computes: [1e23])
        #expect(a == b)
        #expect(a != c)
        #expect(a.parameter("N_opt a")!.lower < a.parameter("N_opt a")!.upper)
    }

    @Test func resamplesStayWithinTheirBudget() throws {
        let points = try TestData.isoflops()
        let sets = try Bootstrap(resamples: 20, seed: 0).resampleIndices(points: points)
        for set in sets {
            #expect(set.count == points.count)
            let perBudget = Dictionary(grouping: set, by: { points[$0].compute }).mapValues(\.count)
            #expect(perBudget.count == 9 && perBudget.values.allSatisfy { $0 == 8 })
        }
        #expect(Set(sets.map { $0 }).count > 1)
    }

    @Test func bootstrapRejectsTooFewResamples() throws {
        let points = try TestData.isoflops()
        #expect(throws: FittingError.self) {
            try Bootstrap(resamples: 1, seed: 0).run(BestRunFitter(), points: points, full: try BestRunFitter().fit(points: points), computes: [])
        }
    }

    @Test func analysisEncodesEveryMethodAndIsReproducible() throws {
        let points = try TestData.isoflops()
        func run() throws -> IsoFLOPAnalysis {
            try IsoFLOPAnalysis.run(points: points, source: "data/isoflops_curves.json", methods: [.bestRun, .parabola, .vpnls],
                                    targets: [1e23, 1e24], bootstrap: Bootstrap(resamples: 20, seed: 0), gridUpTo: 3e24)
        }
        let first = try JSONOutput.string(try run())
        #expect(first == (try JSONOutput.string(try run())))
        let analysis = try run()
        #expect(analysis.failures.isEmpty)
        #expect(analysis.results.map(\.method) == [.bestRun, .parabola, .vpnls])
        #expect(analysis.results[0].predictions.map(\.compute) == [1e23, 1e24])
        #expect(analysis.results[0].band.last!.compute >= 1e24)
        for key in ["\"n_opt_law\"", "\"budget_optima\"", "\"bootstrap\"", "\"predictions\"", "\"band\"", "\"diagnostics\"", "\"profiles\""] {
            #expect(first.contains(key), "missing \(key)")
        }
    }

    @Test func tablesAlignColumns() {
        var t = TextTable(["label", "x"])
        t.append(["a", "1.5"])
        t.append(["longer", "22"])
        #expect(t.rendered == "label     x\n------  ---\na       1.5\nlonger   22")
        // Text columns are left-aligned, number columns right-aligned; no trailing spaces.
        var mixed = TextTable(["strategy", "loss", "note"])
        mixed.append(["isoflop", "3.1 [3.0, 3.2]", "ok"])
        mixed.append(["adaptive", "-0.25", "over budget"])
        #expect(mixed.rendered == """
            strategy            loss  note
            --------  --------------  -----------
            isoflop   3.1 [3.0, 3.2]  ok
            adaptive           -0.25  over budget
            """)
        // Wider than `width`: stacked tables, each with the label column.
        var wide = TextTable(["label", "a", "b", "c"])
        wide.width = 21             // label and two columns: 5 + 2 + 6 + 2 + 6
        wide.append(["x", "111111", "222222", "333333"])
        #expect(wide.rendered == "label       a       b\n-----  ------  ------\nx      111111  222222\n\nlabel       c\n-----  ------\nx      333333")
        // A cell too wide to fit beside the label even alone wraps within its column.
        var long = TextTable(["#", "status"])
        long.width = 24
        long.append(["1", "REFUSED: train_flops must be one of [1, 2, 3]"])
        #expect(long.rendered.split(separator: "\n").allSatisfy { $0.count <= 24 }, "\(long.rendered)")
        #expect(long.rendered.hasPrefix("#  status\n-  ---------------------\n1  REFUSED: train_flops\n"), "\(long.rendered)")
        #expect(TextWrap.lines("  one two three four", width: 10, indent: "    ") == ["  one two", "    three", "    four"])
        #expect(TextWrap.lines("short", width: 10) == ["short"])
        #expect(NumberFormat.sci(70_050_000_000) == "7.005e+10")
        #expect(NumberFormat.engineering(2e18) == "2.000e18")
        #expect(NumberFormat.engineering(3.636e8) == "363.6e6")
        #expect(NumberFormat.engineering(0.00161) == "1.610e-3")
        #expect(NumberFormat.engineering(42) == "42.00")
        #expect(NumberFormat.engineering(999_960) == "1.000e6")
        #expect(NumberFormat.engineering(-6e13) == "-60.00e12")
        #expect(NumberFormat.general(0.46868) == "0.4687")
        #expect(NumberFormat.general(.nan) == "nan")
    }

    @Test func missingGnuplotIsAClearError() {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scaling-nognuplot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: GnuplotError.missing("/nonexistent/gnuplot")) {
            try Gnuplot(executable: "/nonexistent/gnuplot").render(name: "x", script: "", data: ["x.csv": "a\n"], in: folder)
        }
        // The script and data are written all the same, for the user to draw elsewhere.
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.gp").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.csv").path))
        #expect("\(GnuplotError.missing("gnuplot"))".contains("apt-get install gnuplot-nox"))
    }

    @Test(.enabled(if: Gnuplot().resolved != nil, "gnuplot is not installed"))
    func gnuplotDrawsAndKeepsItsScript() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scaling-gnuplot-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = Gnuplot.outputs(name: "line", plot: "plot 'line.dat' using 1:2 with lines")
        try Gnuplot().render(name: "line", script: script, data: ["line.dat": "1 1\n2 4\n3 9\n"], in: folder)
        for file in ["line.gp", "line.dat", "line.svg", "line.png"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "\(file)")
        }
        #expect(throws: GnuplotError.self) {
            try Gnuplot().render(name: "bad", script: "plot 'nonexistent.dat'", data: [:], in: folder)
        }
    }
}
