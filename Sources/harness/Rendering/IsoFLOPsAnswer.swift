import Foundation
import Scaling

/// `answer.md`: the assignment's one-sentence answers to Problem 1, from the best-run method (the
/// assignment's recommendation), with the plots embedded and the other methods for comparison.
struct IsoFLOPsAnswer {
    let report: IsoFLOPsReport
    let plots: PlotDrawing

    private func sci(_ x: Double) -> String { NumberFormat.sci(x, digits: 4) }

    private func range(_ i: Interval) -> String {
        i.lower.isFinite && i.upper.isFinite ? " (95% bootstrap interval \(sci(i.lower)) to \(sci(i.upper)))" : ""
    }

    private func sentence(_ m: MethodResult, quantity: String, form: String, unit: String, law: PowerLaw, value: KeyPath<FrontierInterval, Interval>) -> String {
        let predictions = m.predictions.map { p in
            "\(sci(p[keyPath: value].estimate)) \(unit) at \(NumberFormat.sci(p.compute, digits: 2)) FLOPs\(range(p[keyPath: value]))"
        }
        let source = switch m.method {
        case .bestRun: "Fitting \(quantity) = \(form) by least squares in log space to the lowest-loss run of each compute budget"
        case .parabola: "Fitting \(quantity) = \(form) by least squares in log space to the vertices of the parabolas in ln N"
        case .parametric, .vpnls: "The compute-optimal frontier of the \(m.method.title) fit of the loss surface"
        }
        return source + " gives \(quantity) = \(NumberFormat.general(law.coefficient)) C^\(NumberFormat.general(law.exponent)), "
            + "which predicts " + predictions.joined(separator: " and ") + "."
    }

    var markdown: String {
        let a = report.analysis
        var lines = ["# Problem 1 (IsoFLOPs): answers", ""]
        lines.append("Data: `\(a.source)`, \(a.runCount) runs at \(a.budgets.count) compute budgets from \(NumberFormat.sci(a.budgets.first ?? .nan, digits: 2)) to \(NumberFormat.sci(a.budgets.last ?? .nan, digits: 2)) FLOPs. "
            + (report.bootstrap > 0 ? "Intervals: central 95% of \(report.bootstrap) bootstrap refits (runs resampled with replacement within each budget, seed \(report.seed))." : "No bootstrap intervals (`--bootstrap 0`)."))
        lines.append("")
        guard let main = report.result(.bestRun) ?? a.results.first else {
            lines.append("No method could be fitted: " + a.failures.map(\.description).sorted().joined(separator: "; "))
            return lines.joined(separator: "\n") + "\n"
        }
        lines += ["## Compute-optimal model size", "",
                  sentence(main, quantity: "N_opt", form: "k C^a", unit: "parameters", law: main.fit.nOptLaw, value: \.nOpt), ""]
        if plots.drawn { lines += ["![N_opt vs compute](n_opt.png)", ""] }
        lines += ["## Compute-optimal dataset size", "",
                  sentence(main, quantity: "D_opt", form: "k' C^b", unit: "tokens", law: main.fit.dOptLaw, value: \.dOpt), ""]
        if plots.drawn { lines += ["![D_opt vs compute](d_opt.png)", ""] }
        lines += ["## All methods side by side", "",
                  "| method | N_opt = k C^a | " + a.targets.map { "N_opt(\(NumberFormat.sci($0, digits: 2))) | D_opt(\(NumberFormat.sci($0, digits: 2))) | loss(\(NumberFormat.sci($0, digits: 2)))" }.joined(separator: " | ") + " |",
                  "|---|---|" + String(repeating: "---|", count: 3 * a.targets.count)]
        for m in a.results {
            let cells = m.predictions.flatMap { p in [p.nOpt, p.dOpt, p.loss].map { cell($0) } }
            lines.append("| \(m.method.title) | \(NumberFormat.general(m.fit.nOptLaw.coefficient)) C^\(NumberFormat.general(m.fit.nOptLaw.exponent)) | " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append("Loss: for the parametric and VPNLS fits, the fitted surface at the frontier; for the best-run and parabola methods, a pure power law of the per-budget minimum losses (no irreducible term, so it keeps falling and underestimates the floor far beyond the data).")
        lines.append("")
        lines += ["## Method", "",
                  "Approach 1 of Hoffmann et al. (2022) [1] takes the lowest-loss run of each IsoFLOP budget as its optimum (the assignment's method); Approach 2 fits a parabola in ln N to each budget's profile and takes its vertex; both then fit a power law through the per-budget optima by least squares in log space. "
                  + "Approach 3 fits the loss surface L(N, D) = E + A / N^alpha + B / D^beta to every run; we fit it both directly (Huber loss from a grid of starts) and by variable projection [3], following the re-examination of that fit by Besiroglu et al. (2024) [2]. "
                  + "Intervals are percentile bootstrap intervals [4] with the runs resampled within each budget.", ""]
        if let s = (report.result(.vpnls) ?? report.result(.parametric))?.fit as? SurfaceFit {
            let l = s.law
            lines += ["", "The \(s.method.title) surface is L(N, D) = \(NumberFormat.general(l.E)) + \(NumberFormat.general(l.A)) / N^\(NumberFormat.general(l.alpha)) + \(NumberFormat.general(l.B)) / D^\(NumberFormat.general(l.beta)) (objective at the optimum: \(NumberFormat.sci(s.objective, digits: 3))). "
                + "The best-run answer is quantised by the sizes tried at each budget, so it moves in steps; the surface fits use every run."]
            if s.objective < 1e-10, report.bootstrap > 0 {
                lines += ["", "The surface fits' intervals have (almost) zero width: the runs lie on this surface to rounding, so no resample of them can move the fit. That certainty is about the data, not about whether a Chinchilla surface is the right model beyond them."]
            }
        }
        if plots.drawn { lines += ["", "![IsoFLOP profiles](profiles.png)"] }
        lines.append("")
        if plots.drawn {
            lines.append("Plots are also in SVG. Each picture's data is a flat CSV beside it (`NAME.csv`: `pd.read_csv` reads it as it is), drawn by `NAME.gp` (gnuplot) and `plot_NAME.py` (matplotlib): restyle either.")
        } else if plots.enabled {
            lines.append("The plots were not drawn (gnuplot is missing); their data (`NAME.csv`) and scripts (`NAME.gp`, `plot_NAME.py`) are in this folder.")
        }
        lines += ["", "## References", ""]
        lines += RunOutput.references.enumerated().map { "[\($0.offset + 1)] \($0.element)" }
        lines += ["", "## Appendix: diagnostics", ""]
        for m in a.results { lines.append("- \(m.method.title): \(m.fit.diagnostics)") }
        for f in a.failures.sorted(by: { $0.label < $1.label }) { lines.append("- \(f.label): failed: \(f.cause)") }
        return lines.joined(separator: "\n") + "\n"
    }

    private func cell(_ i: Interval) -> String {
        sci(i.estimate) + (i.lower.isFinite && i.upper.isFinite ? " [\(sci(i.lower)), \(sci(i.upper))]" : "")
    }
}
