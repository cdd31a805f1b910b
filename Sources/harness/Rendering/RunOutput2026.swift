import Foundation
import Rehearsal
import Scaling
import SyntheticTrainer

/// What `harness run --api 2026` writes and prints: the experiments (as `/experiments` lists
/// them), the final choice, the scorecard (rehearsals), and a short markdown write-up with the
/// prediction beside the truth.
struct RunOutput2026 {
    var folder: URL
    var title: String
    var experiments: [ExperimentResponse2026]
    var final: FinalRunChoice2026?
    var predictionError: String?
    var predictor: String
    var scorecard: Scorecard2026?
    var warnings: [String]
    var refused: [(config: TrainingConfig, reason: String)]
    /// Nil for a fit of runs someone else ran.
    var wallSeconds: Double?
    /// False under `--no-plots`.
    var plotsEnabled = true
    /// The predictor's own account (laws, runtime and memory models), as a code block.
    var details: String?

    func publish() throws {
        let (text, plots) = try write()
        print(text, terminator: "")
        print("\nwritten to \(folder.path)/: journal.jsonl, experiments.json, \(final == nil ? "" : "final.json, ")\(scorecard == nil ? "" : "scorecard.json, ")writeup.md, report.html, \(plots.summary)")
        plots.reportMissing(in: folder)
    }

    /// Writes every file and returns the write-up and how the plots went.
    func write() throws -> (String, PlotDrawing) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(JSONText.pydantic(ExperimentResponse2026.listJSON(experiments)).utf8)
            .write(to: folder.appendingPathComponent("experiments.json"), options: .atomic)
        if let final { try JSONOutput.write(final, to: folder.appendingPathComponent("final.json")) }
        if let scorecard { try JSONOutput.write(scorecard, to: folder.appendingPathComponent("scorecard.json")) }
        var plots = PlotDrawing(enabled: plotsEnabled)
        try RunPlots2026(experiments: experiments, final: final).draw(in: folder, plots: &plots)
        let text = writeup(plots: plots)
        try Data(text.utf8).write(to: folder.appendingPathComponent("writeup.md"), options: .atomic)
        try HTMLReport(title: title, markdown: text, folder: folder).write(command: wallSeconds == nil ? "fit --api 2026" : "run --api 2026")
        return (text, plots)
    }

    func writeup(plots: PlotDrawing) -> String {
        func f(_ v: Double, _ d: Int = 4) -> String { String(format: "%.\(d)f", v) }
        var t = "# \(title)\n\n"
        var outcomes: [String: Int] = [:]
        for e in experiments {
            let name = switch ExperimentOutcome2026(e) {
            case .completed: "completed"
            case .timeout: "timeout"
            case .outOfMemory: "out of memory"
            case .otherFailure: "other failure"
            case .pending: "unfinished"
            }
            outcomes[name, default: 0] += 1
        }
        let charged = experiments.reduce(0) { $0 + CampaignRules2026.chargedSeconds($1) }
        t += "\(experiments.count) experiments (\(outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))), "
        t += "\(f(charged, 0)) of \(Int(CampaignRules2026.totalBudgetSeconds)) s charged" + (wallSeconds.map { ", \(f($0 / 3600, 2)) h of wall time.\n" } ?? ".\n")
        if !refused.isEmpty { t += "\(refused.count) config(s) refused before sending (first: \(refused[0].reason)).\n" }
        if !warnings.isEmpty { t += "\n## Warnings\n\n" + warnings.map { "- " + $0 }.joined(separator: "\n") + "\n" }
        t += "\n## Final run (\(predictor))\n\n"
        if let final {
            let a = final.config.architecture
            t += "- config: d=\(a.hiddenSize), L=\(a.numHiddenLayers), ff=\(a.intermediateSize), heads=\(a.numAttentionHeads), batch \(final.config.trainBatchSize), peak lr \(final.config.optimizer.peakLearningRate), \(NumberFormat.sci(Double(final.config.totalTrainTokens), digits: 3)) tokens, max_runtime_seconds \(f(final.config.maxRuntimeSeconds, 0)), N (non-embedding) \(NumberFormat.sci(Double(a.nonEmbeddingParameters), digits: 3))\n"
            t += "- predicted loss: \(f(final.predictedLoss)) (95%: \(f(final.lower95))–\(f(final.upper95)))"
            if let r = final.predictedRuntimeSeconds { t += ", predicted runtime \(f(r / 3600, 1)) h" }
            t += "\n"
        } else {
            t += "no prediction: \(predictionError ?? "the predictor gave none")\n"
        }
        if let c = scorecard {
            t += "\n## Against the truth\n\n| | value |\n|---|---|\n"
            t += "| final run | \(c.finalOutcome)\(c.finalFailed ? " (failed)" : "") after \(f(c.finalRuntimeSeconds / 3600, 1)) h |\n"
            t += "| achieved loss (a fresh draw) | \(f(c.achievedLoss)) |\n| expected loss | \(f(c.expectedAchievedLoss)) |\n"
            t += "| predicted − achieved | \(f(c.lossError)) |\n| inside the 95% interval | \(c.covered ? "yes" : "no") |\n"
            t += "| best loss in 48 h (truth) | \(f(c.bestLoss)) |\n| regret | \(f(c.regret)) |\n"
            t += "| seconds charged / wasted | \(f(c.chargedSeconds, 0)) / \(f(c.wastedSeconds, 0)) |\n"
            t += "| timeouts / OOMs / other failures / stuck | \(c.timeouts) / \(c.outOfMemory) / \(c.otherFailures) / \(c.abandoned) |\n"
        }
        if let details { t += "\n## Fit details\n\n```\n\(details)\n```\n" }
        t += "\n## Figures\n\n"
        if plots.drawn {
            t += "![Validation loss curves of the experiments](curves.png)\n\n"
            t += "![Final loss against compute, with the final 48-hour run's predicted loss](final_loss.png)\n\n"
            t += "Each picture's data is a flat CSV beside it (`curves.csv`, `final_loss.csv`: `pd.read_csv` reads them), drawn by `NAME.gp` (gnuplot) and `plot_NAME.py` (matplotlib).\n"
        } else if plots.enabled {
            t += "Not drawn (gnuplot is missing): the data (`curves.csv`, `final_loss.csv`) and scripts (`NAME.gp`, `plot_NAME.py`) are in this folder.\n"
        } else {
            t += "No pictures (--no-plots).\n"
        }
        return t
    }
}
