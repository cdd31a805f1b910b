import Foundation
import Scaling

/// `writeup.md`: the assignment's write-up, filled in from the campaign, the fit and (in a
/// rehearsal) the truth, in prose a student can build on: the handout's question answered first,
/// the method with its references, the numbers with their intervals, the figures, the limits,
/// and the fit's diagnostics in an appendix. Every number in it comes from the run's own JSON
/// files (prediction.json, fit.json, outcome.json), rounded for reading.
extension RunOutput {
    /// The references the method section cites.
    static let references = [
        "Hoffmann, J. et al. (2022). Training Compute-Optimal Large Language Models. arXiv:2203.15556.",
        "Besiroglu, T., Erdil, E., Barnett, M. and You, J. (2024). Chinchilla Scaling: A replication attempt. arXiv:2404.10102.",
        "Golub, G. and Pereyra, V. (1973). The differentiation of pseudo-inverses and nonlinear least squares problems whose variables separate. SIAM J. Numer. Anal. 10(2).",
        "Efron, B. and Tibshirani, R. (1993). An Introduction to the Bootstrap. Chapman & Hall.",
    ]

    /// How the chosen method works, in a sentence or two, with its reference.
    static func methodProse(_ method: FitMethod) -> String {
        switch method {
        case .bestRun:
            "For each compute budget we take the lowest-loss run as that budget's optimum and fit N_opt = k C^a by least squares in log space through those optima (Approach 1 of Hoffmann et al., 2022 [1], in the form the assignment recommends)."
        case .parabola:
            "For each compute budget we fit a parabola to the final loss against ln N (an IsoFLOP profile), take its vertex as that budget's optimum, and fit N_opt = k C^a by least squares in log space through the vertices (Approach 2 of Hoffmann et al., 2022 [1])."
        case .parametric:
            "We fit the whole loss surface L(N, D) = E + A / N^alpha + B / D^beta to every run with a Huber loss on log-loss from a grid of starting points (Approach 3 of Hoffmann et al., 2022 [1], with the corrections of Besiroglu et al., 2024 [2]), then minimise it along C = 6 N D to get N_opt(C)."
        case .vpnls:
            "We fit the loss surface L(N, D) = E + A / N^alpha + B / D^beta (the form of Hoffmann et al., 2022 [1], Approach 3, as re-examined by Besiroglu et al., 2024 [2]) by variable projection [3]: an outer search over the exponents (alpha, beta) and, for each, a non-negative least-squares solve for E, A and B; N_opt(C) then minimises the surface along C = 6 N D."
        }
    }

    func writeup(plots: PlotDrawing = PlotDrawing(enabled: false)) -> String {
        let p = prediction
        let spent = outcome.spent
        var perBudget: [Int64: Int] = [:]
        for r in outcome.runs { perBudget[r.trainFlops, default: 0] += 1 }
        let budgetLines = perBudget.keys.sorted().map { "| \(Self.sci(Double($0))) | \(perBudget[$0]!) | \(Self.sci(Double($0) * Double(perBudget[$0]!))) |" }
        let bootstrapped = p.bootstrapResamples > 0
        let level = bootstrapped ? "95% bootstrap interval" : "no interval: --bootstrap 0"
        func withInterval(_ i: Interval, _ f: (Double) -> String = Self.sci) -> String {
            i.lower == i.upper || !i.lower.isFinite || !i.upper.isFinite ? f(i.estimate) : "\(f(i.estimate)) (\(level) \(f(i.lower)) to \(f(i.upper)))"
        }
        let c = p.configuration
        let source = scenario.map { " on scenario `\($0.name)`" } ?? (outcome.strategy.hasPrefix("runs from ") ? " (\(outcome.strategy))" : " against a live service")
        var md: [String] = []
        md.append("# Scaling-law write-up: \(outcome.strategy)\(source)")
        md.append("")
        if let s = scenario { md.append("> Rehearsal against a synthetic ground truth: \(s.summary)"); md.append("") }
        md.append("## Answer")
        md.append("")
        md.append("The assignment asks for the compute-optimal model at a budget of \(Self.sci(p.target)) FLOPs, its hyperparameters and its predicted loss.")
        md.append("We predict a compute-optimal size of N_opt = \(withInterval(p.nOpt)) non-embedding parameters (12 L d_model^2), trained on D_opt = \(withInterval(p.dOpt)) tokens.")
        md.append("The final run we propose is d_model = \(c.dModel), \(c.numLayers) layers and \(c.numHeads) heads (N = \(Self.sci(c.nonEmbeddingParameters))), at batch size \(c.batchSize) and learning rate \(NumberFormat.general(c.learningRate, digits: 3)); its predicted final loss is \(withInterval(p.loss) { String(format: "%.4f", $0) }).")
        md.append(bootstrapped ? "The intervals are central 95% percentile intervals of \(p.bootstrapResamples) bootstrap refits [4], the runs resampled with replacement within each budget." : "No bootstrap was run (--bootstrap 0), so these numbers carry no interval.")
        if !p.warnings.isEmpty { md.append("The predictor raised \(p.warnings.count) warning(s), listed under Limits below: do not trust the answer blindly.") }
        md.append("")
        md.append("## Experiments")
        md.append("")
        md.append("Strategy `\(outcome.strategy)` spent \(Self.sci(Double(spent))) of the \(Self.sci(Double(outcome.budget))) FLOPs budget (\(String(format: "%.1f%%", 100 * Double(spent) / Double(outcome.budget)))) on \(outcome.runs.count) runs at \(perBudget.count) compute budgets:")
        if !outcome.refused.isEmpty {
            md.append("it wanted \(Self.sci(outcome.wanted)) FLOPs, and \(outcome.refused.count) queries were refused locally before sending (first: \(outcome.refused[0].reason)).")
        }
        md.append("")
        md.append("| train_flops | runs | FLOPs |")
        md.append("|---|---|---|")
        md += budgetLines
        md.append("")
        md.append("## Method")
        md.append("")
        md.append(Self.methodProse(p.method) + " We chose this method because \(p.methodReason).")
        md.append("")
        if let model = report.surface?.model, !model.isNone, p.method == .vpnls {
            md.append("The fit used \(p.runsUsed) runs: every run that was not starved, because the learning-rate and batch probes are the evidence for the hyperparameter effects the surface carries.")
        } else {
            md.append("The fit used \(p.runsUsed) runs, one per model (its best-hyperparameter run).")
        }
        if !p.runsExcluded.isEmpty { md.append("\(p.runsExcluded.count) run(s) were set aside; the appendix lists them.") }
        md.append("")
        if let s = report.surface {
            md.append("The fitted surface is L(N, D) = \(String(format: "%.4g", s.law.E)) + \(String(format: "%.4g", s.law.A)) / N^\(String(format: "%.4g", s.law.alpha)) + \(String(format: "%.4g", s.law.B)) / D^\(String(format: "%.4g", s.law.beta)).")
            if let st = s.effects?.steps {
                md.append("It adds an optimiser-steps effect of \(String(format: "%.4g", st.scale)) (D / batch / 1e6)^-\(String(format: "%.4g", st.exponent)) nats, so a run with few steps is starved; at batch 128 and the target it costs \(String(format: "%.3g", st.scale * pow(p.dOpt.estimate / 128 / 1e6, -st.exponent))) nats.")
            }
            if let lr = s.effects?.learningRate {
                md.append("It adds a learning-rate effect of \(String(format: "%.4g", lr.curvature)) (ln lr - ln lr*(N))^2 nats with lr*(N) = \(String(format: "%.4g", lr.optimumAtReference)) (N / 1e7)^\(String(format: "%.4g", lr.optimumExponent)); at N_opt, lr* = \(String(format: "%.3g", lr.optimum(parameters: p.nOpt.estimate))).")
            }
            md.append("")
        }
        md.append("## Scaling laws")
        md.append("")
        md.append("The \(p.method.title) fit gives N_opt = \(String(format: "%.4g", p.nOptLaw.coefficient)) C^\(String(format: "%.4f", p.nOptLaw.exponent)) and, since D = C / (6 N), D_opt = \(String(format: "%.4g", p.dOptLaw.coefficient)) C^\(String(format: "%.4f", p.dOptLaw.exponent)). Hoffmann et al. [1] found both exponents near 0.5; Besiroglu et al. [2] showed that a careful refit of the parametric surface agrees with that, where the original Approach 3 fit did not.")
        md.append("")
        md.append("The laws are drawn below with their bands, the per-budget optima they were fitted through, and the prediction at the target marked with its value.")
        md.append("")
        md.append("## Prediction for \(Self.sci(p.target)) FLOPs")
        md.append("")
        md += Self.markdownTable(["quantity", bootstrapped ? "prediction (95% bootstrap interval, \(p.bootstrapResamples) resamples)" : "prediction (no bootstrap)"] + (truth == nil ? [] : ["truth"]),
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
        if plots.drawn {
            md.append("![IsoFLOP profiles: loss against N at each budget](profiles.png)")
            md.append("")
            md.append("![N_opt against compute, extrapolated to the target](frontier.png)")
            md.append("")
            md.append("![D_opt against compute, extrapolated to the target](d_opt.png)")
            md.append("")
            md.append("![The loss at the compute-optimal point against compute (Problem 2's predicted loss)](loss.png)")
            md.append("")
            md.append("Each picture's data is a flat CSV beside it (`NAME.csv`, columns series,kind,x,y,lower,upper: `pd.read_csv` reads it as it is), drawn by `NAME.gp` (gnuplot) and by `plot_NAME.py` (matplotlib, into NAME.mpl.png): restyle either.")
        } else if plots.enabled {
            md.append("The pictures were not drawn (gnuplot is missing); their data (`profiles.csv`, `frontier.csv`, `d_opt.csv`, `loss.csv`) and scripts (`NAME.gp`, `plot_NAME.py`) are in this folder: `python3 plot_loss.py` draws one with matplotlib.")
        } else {
            md.append("No pictures (--no-plots).")
        }
        md.append("")
        md.append("## References")
        md.append("")
        for (i, r) in Self.references.enumerated() { md.append("[\(i + 1)] \(r)") }
        md.append("")
        md.append("## Appendix: diagnostics")
        md.append("")
        md.append("What the fitters reported, for checking the fit rather than reading the answer.")
        md.append("")
        for e in p.runsExcluded { md.append("- Set aside: \(e).") }
        if let s = report.surface { md.append("- \(s.method.title) surface: \(s.diagnostics).") }
        if let b = report.bestRun { md.append("- \(b.method.title): \(b.diagnostics).") }
        for f in report.failures.map({ "\($0.label): \($0.cause)" }).sorted() { md.append("- failed: \(f)") }
        md.append("")
        if let par = report.parabola {
            md.append("IsoFLOP parabolas (Approach 2) and their verdicts:")
            md.append("")
            md.append("| budget | sizes | vertex N | verdict |")
            md.append("|---|---|---|---|")
            for pr in par.profiles {
                md.append("| \(Self.sci(pr.compute)) | \(Self.sci(pr.smallest)) to \(Self.sci(pr.largest)) | \(pr.vertexParameters.isFinite ? Self.sci(pr.vertexParameters) : "-") | \(pr.verdict) |")
            }
            md.append("")
        }
        return md.joined(separator: "\n")
    }
}
