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
    var wallSeconds: Double

    func publish() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(JSONText.pydantic(ExperimentResponse2026.listJSON(experiments)).utf8)
            .write(to: folder.appendingPathComponent("experiments.json"), options: .atomic)
        if let final { try JSONOutput.write(final, to: folder.appendingPathComponent("final.json")) }
        if let scorecard { try JSONOutput.write(scorecard, to: folder.appendingPathComponent("scorecard.json")) }
        let text = writeup
        try Data(text.utf8).write(to: folder.appendingPathComponent("writeup.md"), options: .atomic)
        print(text, terminator: "")
        print("\nwritten to \(folder.path)/: journal.jsonl, experiments.json, \(final == nil ? "" : "final.json, ")\(scorecard == nil ? "" : "scorecard.json, ")writeup.md")
    }

    var writeup: String {
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
        t += "\(f(charged, 0)) of \(Int(CampaignRules2026.totalBudgetSeconds)) s charged, \(f(wallSeconds / 3600, 2)) h of wall time.\n"
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
        return t
    }
}
