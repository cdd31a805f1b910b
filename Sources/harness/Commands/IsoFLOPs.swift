import ArgumentParser
import Foundation
import Scaling

/// `harness isoflops`: the assignment's Problem 1 end to end.
struct IsoFLOPs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "isoflops",
        abstract: "Problem 1: compute-optimal model and data size from IsoFLOP profiles.",
        discussion: """
            Loads the runs, finds N_opt and D_opt = C / (6 N_opt) per budget by each method (best \
            run; parabola in ln N; Chinchilla's parametric Approach 3 with the 4,500-start grid; \
            variable projection), fits N_opt = k C^a and D_opt = k' C^b in log space with a seeded \
            bootstrap, prints the methods side by side and writes isoflops.json, answer.md and the \
            plots (SVG and PNG, with their gnuplot scripts and data) into --out.

            Examples:
              harness isoflops
              harness isoflops --method vpnls --targets 1e23,1e24 --bootstrap 200 --out results/vpnls
              harness isoflops --json --no-plots
            """
    )

    enum MethodChoice: String, ExpressibleByArgument, CaseIterable {
        case bestRun = "best-run", parabola, parametric, vpnls, all
        var methods: [FitMethod] { self == .all ? FitMethod.allCases : [FitMethod(rawValue: rawValue)!] }
    }

    @Option(help: "The IsoFLOP runs: a JSON array of {parameters, compute_budget, final_loss}.")
    var data = "data/isoflops_curves.json"

    @Option(help: "Method: best-run, parabola, parametric, vpnls or all.")
    var method: MethodChoice = .all

    @Option(help: "Comma-separated compute budgets (FLOPs) to predict at, e.g. 1e23,1e24.")
    var targets = "1e23,1e24"

    @Option(help: "Folder for isoflops.json, answer.md and the plots.")
    var out = "results/isoflops"

    @Option(help: "Bootstrap resamples for the intervals (0: no intervals).")
    var bootstrap = 1_000

    @Option(help: "Seed of the bootstrap's random stream. (default: 0)", transform: SeedArgument.parse)
    var seed: UInt64 = 0

    @Flag(help: "Print the JSON to stdout instead of the tables.")
    var json = false

    @Flag(help: "Skip the plots (no gnuplot needed).")
    var noPlots = false

    var targetList: [Double] { targets.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) } }

    func validate() throws {
        let parts = targets.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        for part in parts {
            guard let value = Double(part), value.isFinite, value > 0 else {
                throw ValidationError("--targets: '\(part)' is not a positive number of FLOPs; give a comma-separated list such as --targets 1e23,1e24")
            }
        }
        try OutputArguments.checkBootstrap(bootstrap)
        try OutputArguments.checkFolder(out)
    }

    func run() throws {
        let points = try CommandFailure.reporting { try IsoFLOPData.load(path: data) }
        let targets = targetList
        let resampler = bootstrap > 0 ? Bootstrap(resamples: bootstrap, seed: seed) : nil
        let analysis = try CommandFailure.reporting {
            try IsoFLOPAnalysis.run(
                points: points, source: data, methods: method.methods, targets: targets, bootstrap: resampler,
                gridUpTo: Swift.max(1e24, targets.max() ?? 1e24) * 3,
                progress: { m in resampler.map { ProgressMeter("bootstrap \(m.rawValue)", total: $0.resamples) } })
        }
        let report = IsoFLOPsReport(analysis: analysis, points: points, bootstrap: bootstrap, seed: seed)
        let folder = URL(fileURLWithPath: out)
        var plots = PlotDrawing(enabled: !noPlots)
        try CommandFailure.reporting {
            try JSONOutput.write(report, to: folder.appendingPathComponent("isoflops.json"))
            try IsoFLOPsPlots(report: report).draw(in: folder, plots: &plots)
            let answer = IsoFLOPsAnswer(report: report, plots: plots).markdown
            try Data(answer.utf8).write(to: folder.appendingPathComponent("answer.md"), options: .atomic)
            try HTMLReport(title: "Problem 1 (IsoFLOPs): answers", markdown: answer, folder: folder).write(command: "isoflops")
        }
        if json {
            print(try JSONOutput.string(report), terminator: "")
        } else {
            print(IsoFLOPsTables(report: report).rendered)
            print("\n" + TextWrap.wrap("wrote \(out)/isoflops.json, \(out)/answer.md, \(out)/report.html, \(plots.summary)", indent: "  "))
        }
        plots.reportMissing(in: folder)
        if !analysis.failures.isEmpty {
            for f in analysis.failures.sorted(by: { $0.label < $1.label }) {
                FileHandle.standardError.write(Data("error: \(f.label): \(f.cause)\n".utf8))
            }
            throw ExitCode.failure
        }
    }
}
