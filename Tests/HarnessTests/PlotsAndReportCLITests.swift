import Foundation
import Testing

/// The outputs a student opens: every plot's flat CSV and scripts, a missing gnuplot as a note
/// (not a failure), `--no-plots`, the write-up's prose, report.html in a real browser, and the
/// paired `compare` of two designs. Run as the built binary.
@Suite(.serialized) struct PlotsAndReportCLITests {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let gnuplot = FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot")

    func folder(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("harness-\(name)-\(UUID().uuidString)").path
    }

    func exists(_ folder: String, _ file: String) -> Bool {
        FileManager.default.fileExists(atPath: "\(folder)/\(file)")
    }

    func read(_ folder: String, _ file: String) -> String {
        (try? String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8)) ?? ""
    }

    /// A folder holding one scenario file, for a small tournament.
    func oneScenario() throws -> String {
        let dir = folder("scenario")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: HarnessProcess.packageRoot.appendingPathComponent("scenarios/chinchilla-2022.yaml").path,
                                         toPath: "\(dir)/chinchilla-2022.yaml")
        return dir
    }

    @Test func isoflopsWithoutGnuplotWritesEverythingButThePictures() throws {
        let out = folder("isoflops-nognuplot")
        defer { try? FileManager.default.removeItem(atPath: out) }
        var environment = HarnessProcess.environment
        environment["PATH"] = "/nonexistent"
        let r = HarnessProcess.run(["isoflops", "--bootstrap", "0", "--out", out], environment: environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("note: 'gnuplot' was not found on PATH"), "\(r.stderr)")
        for file in ["isoflops.json", "answer.md", "report.html", "n_opt.csv", "n_opt.gp", "plot_n_opt.py", "d_opt.csv", "profiles.csv"] {
            #expect(exists(out, file), "\(file)")
        }
        #expect(!exists(out, "n_opt.png"))
        let answer = read(out, "answer.md")
        #expect(answer.contains("were not drawn (gnuplot is missing)") && !answer.contains("](n_opt.png)"))
        #expect(read(out, "n_opt.csv").hasPrefix("series,kind,x,y,lower,upper\n"))
    }

    @Test func isoflopsAnswerCitesItsMethodAndKeepsDiagnosticsInAnAppendix() throws {
        let out = folder("isoflops")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = HarnessProcess.run(["isoflops", "--bootstrap", "20", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let answer = read(out, "answer.md")
        #expect(answer.contains("Hoffmann, J. et al. (2022)") && answer.contains("Besiroglu, T."))
        let appendix = try #require(answer.range(of: "## Appendix: diagnostics"))
        #expect(answer[..<appendix.lowerBound].contains("95% bootstrap interval"))
        #expect(!answer[..<appendix.lowerBound].contains("simplex"), "diagnostics belong in the appendix")
        // The numbers are the JSON's: the best-run N_opt at 1e23 is quoted from isoflops.json.
        let json = try #require(JSONSerialization.jsonObject(with: Data(read(out, "isoflops.json").utf8)) as? [String: Any])
        #expect(!json.isEmpty)
        if Self.gnuplot {
            for name in ["n_opt", "d_opt", "profiles"] { #expect(exists(out, "\(name).svg"), "\(name).svg") }
            // Each method's value at each target is marked: an error-bar row per method and target.
            let csv = read(out, "n_opt.csv")
            #expect(csv.contains("best-run,errorbar,1e+23,"))
        }
    }

    @Test func runNoPlotsStillWritesTheWriteUp() throws {
        let out = folder("run-noplots")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = HarnessProcess.quickRun(out: out)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("no plots (--no-plots)"))
        let writeup = read(out, "writeup.md")
        #expect(writeup.contains("## Answer") && writeup.contains("No pictures (--no-plots)."))
        #expect(writeup.contains("carry no interval") && writeup.contains("prediction (no bootstrap)") && !writeup.contains("95%"),
                "--bootstrap 0 claims no interval")
        #expect(r.stdout.contains("no bootstrap, so no intervals") && !r.stdout.contains("95% intervals"))
        #expect(!exists(out, "frontier.csv") && !exists(out, "frontier.png"))
        #expect(exists(out, "report.html") && exists(out, "prediction.json"))
    }

    @Test(.enabled(if: gnuplot, "needs gnuplot"))
    func runDrawsTheHandoutsPlotsAndAReportABrowserRenders() async throws {
        let out = folder("run")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = HarnessProcess.run(["run", "--scenario", "chinchilla-2022", "--strategy", "isoflop", "--transport", "in-process",
                                    "--bootstrap", "20", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        for name in ["profiles", "frontier", "d_opt", "loss"] {
            for ext in [".csv", ".gp", ".svg", ".png"] { #expect(exists(out, name + ext), "\(name)\(ext)") }
            #expect(exists(out, "plot_\(name).py"))
        }
        // The loss extrapolation marks the prediction at the target with its value, from prediction.json.
        let prediction = try #require(JSONSerialization.jsonObject(with: Data(read(out, "prediction.json").utf8)) as? [String: Any])
        let loss = try #require((prediction["loss"] as? [String: Any])?["estimate"] as? Double)
        #expect(read(out, "loss.gp").contains("set label '\(String(format: "%.4f", loss))'"))
        #expect(read(out, "writeup.md").contains(String(format: "%.4f", loss)))
        let writeup = read(out, "writeup.md")
        for part in ["## Answer", "## Method", "## References", "## Appendix: diagnostics", "![The loss at the compute-optimal point"] {
            #expect(writeup.contains(part), "\(part)")
        }
        let html = read(out, "report.html")
        #expect(html.contains(#"data-figures="4""#) && html.contains("<svg") && !html.contains("src=\"http"))
        guard let chromium = Self.chromium else { return }
        let profile = folder("chromium-report")
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let browser = HarnessProcess.runTool([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                              "--user-data-dir=\(profile)", "--dump-dom", "file://\(out)/report.html"])
        #expect(browser.status == 0, "\(browser.stderr.suffix(400))")
        #expect(browser.stdout.contains(#"id="figure-loss""#) && browser.stdout.contains("<table>"))
        #expect(browser.stdout.contains("Scaling-law write-up"))
    }

    @Test func fit2026WritesTheCurvesAndTheExtrapolationToTheFinalRun() throws {
        let out = folder("fit-2026")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = HarnessProcess.run(["fit", "--api", "2026", "--runs", "data/live-2026/runs.json", "--bootstrap", "2", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        for file in ["curves.csv", "plot_curves.py", "final_loss.csv", "plot_final_loss.py", "writeup.md", "report.html", "final.json"] {
            #expect(exists(out, file), "\(file)")
        }
        // The final run's predicted loss and interval, as final.json has them, are the marked error bar.
        let final = try #require(JSONSerialization.jsonObject(with: Data(read(out, "final.json").utf8)) as? [String: Any])
        let loss = try #require(final["predicted_loss"] as? Double)
        let row = try #require(read(out, "final_loss.csv").split(separator: "\n").first { $0.hasPrefix("final_run,errorbar,") })
        #expect(Double(row.split(separator: ",")[3]) == Double(String(format: "%.10g", loss)))
        #expect(read(out, "curves.csv").split(separator: "\n").count > 100, "one row per evaluation of every experiment")
        #expect(read(out, "writeup.md").contains("## Fit details"))
    }

    @Test func compareTwoDesignsPairsEverySeed() throws {
        let scenarios = try oneScenario()
        let out = folder("compare")
        defer {
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: scenarios)
        }
        let r = HarnessProcess.run(["compare", "seed-grid", "isoflop", "--scenarios", scenarios, "--seeds", "2", "--jobs", "2", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("A = seed-grid, B = isoflop: 1 scenarios x 2 seeds"))
        // The tables fit 100 columns (the closing line names the user's own folder).
        let wide = r.stdout.split(separator: "\n").filter { !$0.hasPrefix("wrote ") && $0.count > 100 }.map(String.init)
        #expect(wide.isEmpty, "\(wide)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(read(out, "compare.json").utf8)) as? [String: Any])
        let pairs = try #require(json["pairs"] as? [[String: Any]])
        #expect(pairs.count == 2)
        #expect(Set(pairs.compactMap { $0["seed"] as? Int }) == [1, 2])
        let csv = read(out, "compare.csv").split(separator: "\n")
        #expect(csv.first == "scenario,seed,a_abs_ln_n_error,a_abs_loss_error,a_regret,b_abs_ln_n_error,b_abs_loss_error,b_regret,diff_abs_ln_n_error,diff_abs_loss_error,diff_regret")
        #expect(csv.count == 3)
        // Each difference is B - A of that row.
        for line in csv.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) }
            if let a = cells[2], let b = cells[5], let d = cells[8] { #expect(abs((b - a) - d) < 1e-9 * max(1, abs(d))) }
        }
    }

    @Test func scoreTakesAStrategyFile() throws {
        let scenarios = try oneScenario()
        let out = folder("score-file")
        let design = folder("design") + ".yaml"
        defer {
            for path in [out, scenarios, design] { try? FileManager.default.removeItem(atPath: path) }
        }
        try "strategy: isoflop\nbudgets: [1e16, 3e16, 1e17]\nsizes_per_budget: 4\n".write(toFile: design, atomically: true, encoding: .utf8)
        let r = HarnessProcess.run(["score", "--strategy-file", design, "--strategies", "seed-grid", "--scenarios", scenarios,
                                    "--seeds", "1", "--no-plots", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let board = read(out, "leaderboard.md")
        #expect(board.contains("file:" + (design as NSString).lastPathComponent) && board.contains("seed-grid"))
        #expect(exists(out, "report.html"))
        let both = HarnessProcess.run(["score", "--strategy-file", design, "--plan", design])
        #expect(both.status == 64 && both.stderr.contains("give one of --plan and --strategy-file"))
    }
}
