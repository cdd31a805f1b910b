import Foundation
import Scaling

/// `writeup.md`: the assignment's write-up, filled in from the campaign, the fit and (in a
/// rehearsal) the truth. Every number in it comes from the run's own JSON files.
extension RunOutput {
    func writeup() -> String {
        let p = prediction
        let spent = outcome.spent
        var perBudget: [Int64: Int] = [:]
        for r in outcome.runs { perBudget[r.trainFlops, default: 0] += 1 }
        let budgetLines = perBudget.keys.sorted().map { "| \(Self.sci(Double($0))) | \(perBudget[$0]!) | \(Self.sci(Double($0) * Double(perBudget[$0]!))) |" }
        var md: [String] = []
        md.append("# Scaling-law write-up: \(outcome.strategy)\(scenario.map { " on scenario `\($0.name)`" } ?? " against a live service")")
        md.append("")
        if let s = scenario { md.append("> Rehearsal against a synthetic ground truth: \(s.summary)"); md.append("") }
        md.append("## Strategy and budget")
        md.append("")
        md.append("Strategy `\(outcome.strategy)`: \(outcome.runs.count) runs costing \(Self.sci(Double(spent))) of the \(Self.sci(Double(outcome.budget))) FLOPs budget (\(String(format: "%.1f%%", 100 * Double(spent) / Double(outcome.budget)))).")
        if !outcome.refused.isEmpty {
            md.append("It wanted \(Self.sci(outcome.wanted)) FLOPs; \(outcome.refused.count) queries were refused locally before sending (first: \(outcome.refused[0].reason)).")
        }
        md.append("")
        md.append("| train_flops | runs | FLOPs |")
        md.append("|---|---|---|")
        md += budgetLines
        md.append("")
        md.append("## Fitting method and fit quality")
        md.append("")
        md.append("Method: **\(p.method.title)**, because \(p.methodReason).")
        md.append("")
        if let model = report.surface?.model, !model.isNone, p.method == .vpnls {
            md.append("Runs used: \(p.runsUsed) (every run that was not starved: the probes are the evidence for the hyperparameter effects).")
        } else {
            md.append("Runs used: \(p.runsUsed) (one per model: its best-hyperparameter run).")
        }
        for e in p.runsExcluded { md.append("Set aside: \(e).") }
        md.append("")
        if let s = report.surface {
            md.append("Surface: L(N, D) = \(String(format: "%.4g", s.law.E)) + \(String(format: "%.4g", s.law.A)) / N^\(String(format: "%.4g", s.law.alpha)) + \(String(format: "%.4g", s.law.B)) / D^\(String(format: "%.4g", s.law.beta)) (\(s.diagnostics)).")
            if let st = s.effects?.steps {
                md.append("")
                md.append("Optimiser-steps effect: + \(String(format: "%.4g", st.scale)) (D / batch / 1e6)^-\(String(format: "%.4g", st.exponent)) nats: a run with few steps is starved; at batch 128 and the target it costs \(String(format: "%.3g", st.scale * pow(p.dOpt.estimate / 128 / 1e6, -st.exponent))) nats.")
            }
            if let lr = s.effects?.learningRate {
                md.append("")
                md.append("Learning-rate effect: + \(String(format: "%.4g", lr.curvature)) (ln lr - ln lr*(N))^2 nats with lr*(N) = \(String(format: "%.4g", lr.optimumAtReference)) (N / 1e7)^\(String(format: "%.4g", lr.optimumExponent)); at N_opt, lr* = \(String(format: "%.3g", lr.optimum(parameters: p.nOpt.estimate))).")
            }
            md.append("")
        }
        if let par = report.parabola {
            md.append("IsoFLOP parabolas (Approach 2):")
            md.append("")
            md.append("| budget | sizes | vertex N | verdict |")
            md.append("|---|---|---|---|")
            for pr in par.profiles {
                md.append("| \(Self.sci(pr.compute)) | \(Self.sci(pr.smallest)) to \(Self.sci(pr.largest)) | \(pr.vertexParameters.isFinite ? Self.sci(pr.vertexParameters) : "-") | \(pr.verdict) |")
            }
            md.append("")
        }
        md.append("## Scaling laws")
        md.append("")
        md.append("N_opt = \(String(format: "%.4g", p.nOptLaw.coefficient)) C^\(String(format: "%.4f", p.nOptLaw.exponent)) and D_opt = \(String(format: "%.4g", p.dOptLaw.coefficient)) C^\(String(format: "%.4f", p.dOptLaw.exponent)) (\(p.method.title)).")
        md.append("")
        md.append("## Prediction for \(Self.sci(p.target)) FLOPs")
        md.append("")
        md += Self.markdownTable(["quantity", "prediction (95% bootstrap interval, \(p.bootstrapResamples) resamples)"] + (truth == nil ? [] : ["truth"]),
                                 predictionRows)
        md.append("")
        md.append("Why these hyperparameters:")
        md.append("")
        for j in p.justifications { md.append("- \(j)") }
        md.append("")
        md.append("## Limits of this result")
        md.append("")
        if p.warnings.isEmpty { md.append("- No warning was raised; the usual limits of extrapolation still apply.") }
        for w in p.warnings { md.append("- \(w)") }
        md.append("- The target is \(NumberFormat.general(p.target / Double(outcome.runs.map(\.trainFlops).max() ?? 1), digits: 3)) times the largest budget run: every law here is extrapolated that far.")
        md.append("- N counts non-embedding parameters (12 L d^2); a truth that counts embeddings shifts the optimum, most for small models.")
        if let s = scorecard {
            md.append("")
            md.append("## Scorecard (rehearsal only)")
            md.append("")
            md += Self.markdownTable(["measure", "value"], Self.scorecardRows(s))
        }
        md.append("")
        md.append("## Figures")
        md.append("")
        md.append("![IsoFLOP profiles](profiles.png)")
        md.append("")
        md.append("![Compute-optimal size](frontier.png)")
        md.append("")
        return md.joined(separator: "\n")
    }
}
