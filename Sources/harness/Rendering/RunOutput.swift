import Foundation
import Scaling
import SyntheticTrainer

/// What `harness run` prints and writes: the prediction beside the truth, the scorecard, the
/// JSON files, the plots and the filled-in write-up.
struct RunOutput {
    let folder: URL
    let outcome: Campaign.Outcome
    let report: Predictor.Report
    let truth: TruthReport?
    let scorecard: Scorecard?
    let scenario: Scenario?
    /// False under `--no-plots`.
    var plotsEnabled = true

    static func sci(_ x: Double) -> String { NumberFormat.sci(x, digits: 3) }
    static func interval(_ i: Interval, _ f: (Double) -> String = sci) -> String {
        i.lower == i.upper ? f(i.estimate) : "\(f(i.estimate)) [\(f(i.lower)), \(f(i.upper))]"
    }

    var prediction: Prediction { report.prediction }

    func summary() -> String {
        var out: [String] = []
        let spent = outcome.spent
        out.append("campaign: \(outcome.strategy), \(outcome.runs.count) runs, \(Self.sci(Double(spent))) of \(Self.sci(Double(outcome.budget))) FLOPs (\(String(format: "%.1f%%", 100 * Double(spent) / Double(outcome.budget))))")
        if outcome.wanted > Double(spent) {
            out.append("  it wanted \(Self.sci(outcome.wanted)) FLOPs; \(outcome.refused.count) queries were refused: \(outcome.refused.first!.reason)\(outcome.refused.count > 1 ? " ..." : "")")
        }
        let p = prediction
        out.append("")
        out.append("prediction for \(Self.sci(p.target)) FLOPs (\(p.method.title); \(p.bootstrapResamples > 0 ? "\(p.bootstrapResamples) bootstrap resamples, 95% intervals" : "no bootstrap, so no intervals")):")
        out.append(Self.textTable(truth == nil ? ["quantity", "predicted"] : ["quantity", "predicted", "truth"], predictionRows))
        out.append("  method: \(p.methodReason)")
        for j in p.justifications { out.append("  - \(j)") }
        if !p.warnings.isEmpty {
            out.append("  do not trust blindly:")
            for w in p.warnings { out.append("  ! \(w)") }
        }
        if let s = scorecard {
            out.append("")
            out.append("scorecard (\(s.scenario)):")
            out.append(Self.textTable(["measure", "value"], Self.scorecardRows(s)))
        }
        return TextWrap.wrapEachLine(out.joined(separator: "\n"))
    }

    /// The ending every run and fit share: the summary on stdout, every file written, then where.
    func publish(wrote what: String) throws {
        print(summary())
        let plots = try write()
        print("\n" + TextWrap.wrap("wrote \(what); \(plots.summary)", indent: "  "))
        plots.reportMissing(in: folder)
    }

    /// Writes every file; the pictures as far as gnuplot is there (see `PlotDrawing`).
    @discardableResult
    func write() throws -> PlotDrawing {
        try JSONOutput.write(outcome, to: folder.appendingPathComponent("outcome.json"))
        try JSONOutput.write(report, to: folder.appendingPathComponent("fit.json"))
        try JSONOutput.write(prediction, to: folder.appendingPathComponent("prediction.json"))
        try CSVExports.runs(outcome.runs).write(to: folder.appendingPathComponent("runs.csv"))
        try CSVExports.prediction(prediction).write(to: folder.appendingPathComponent("prediction.csv"))
        if let truth { try JSONOutput.write(truth, to: folder.appendingPathComponent("truth.json")) }
        if let scorecard { try JSONOutput.write(scorecard, to: folder.appendingPathComponent("scorecard.json")) }
        var plots = PlotDrawing(enabled: plotsEnabled)
        try drawPlots(&plots)
        let text = writeup(plots: plots)
        try Data(text.utf8).write(to: folder.appendingPathComponent("writeup.md"), options: .atomic)
        try HTMLReport(title: "Scaling-law write-up: \(outcome.strategy)", markdown: text, folder: folder).write(command: scenario == nil ? "fit" : "run")
        return plots
    }
}
