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
        out.append("prediction for \(Self.sci(p.target)) FLOPs (\(p.method.title); \(p.bootstrapResamples) bootstrap resamples, 95% intervals):")
        var t = TextTable(truth == nil ? ["quantity", "predicted"] : ["quantity", "predicted", "truth"])
        let c = p.configuration
        t.append(["N_opt (12 L d^2)", Self.interval(p.nOpt), truth.map { Self.sci($0.frontier.nonEmbeddingParameters) } ?? ""])
        t.append(["D_opt (tokens)", Self.interval(p.dOpt), truth.map { Self.sci($0.frontier.tokens) } ?? ""])
        t.append(["configuration", "\(c.dModel)/\(c.numLayers)/\(c.numHeads), batch \(c.batchSize), lr \(NumberFormat.general(c.learningRate, digits: 3))",
                  truth.map { let b = $0.bestConfiguration.configuration; return "best: \(b.dModel)/\(b.numLayers)/\(b.numHeads), batch \(b.batchSize), lr \(NumberFormat.general(b.learningRate, digits: 3))" } ?? ""])
        t.append(["loss of that configuration", Self.interval(p.loss) { String(format: "%.4f", $0) },
                  scorecard.map { String(format: "%.4f (best %.4f)", $0.achievedLoss, $0.bestLoss) } ?? ""])
        if truth == nil { t.rows = t.rows.map { Array($0.prefix(2)) } }
        out.append(t.rendered)
        out.append("  method: \(p.methodReason)")
        for j in p.justifications { out.append("  - \(j)") }
        if !p.warnings.isEmpty {
            out.append("  do not trust blindly:")
            for w in p.warnings { out.append("  ! \(w)") }
        }
        if let s = scorecard {
            out.append("")
            out.append("scorecard (\(s.scenario)):")
            var st = TextTable(["measure", "value"])
            st.append(["ln(N_pred / N*)", String(format: "%+.4f", s.lnNError)])
            st.append(["predicted - achieved loss", String(format: "%+.4f nats", s.lossError)])
            st.append(["regret (achieved - best)", String(format: "%.4f nats", s.regret)])
            st.append(["budget used", String(format: "%.1f%%", 100 * Double(s.spent) / Double(s.budget))])
            st.append(["rules kept", s.rulesKept ? "yes" : "NO: " + s.violations.joined(separator: "; ")])
            out.append(st.rendered)
        }
        return out.joined(separator: "\n")
    }

    func write() throws {
        try JSONOutput.write(outcome, to: folder.appendingPathComponent("outcome.json"))
        try JSONOutput.write(report, to: folder.appendingPathComponent("fit.json"))
        try JSONOutput.write(prediction, to: folder.appendingPathComponent("prediction.json"))
        if let truth { try JSONOutput.write(truth, to: folder.appendingPathComponent("truth.json")) }
        if let scorecard { try JSONOutput.write(scorecard, to: folder.appendingPathComponent("scorecard.json")) }
        try drawPlots()
        try Data(writeup().utf8).write(to: folder.appendingPathComponent("writeup.md"), options: .atomic)
    }
}
