import Scaling

/// The printed side-by-side tables of `harness isoflops`.
struct IsoFLOPsTables {
    let report: IsoFLOPsReport

    var methods: [MethodResult] { report.analysis.results }

    var rendered: String {
        [header, perBudget(\.parameters, "N_opt (parameters)"), perBudget(\.tokens, "D_opt (tokens)"),
         laws, predictions, diagnostics].joined(separator: "\n\n")
    }

    private var header: String {
        let a = report.analysis
        let budgets = a.budgets.map { NumberFormat.sci($0, digits: 2) }.joined(separator: ", ")
        let intervals = report.bootstrap > 0
            ? "[brackets]: central 95% bootstrap interval, \(report.bootstrap) resamples of the runs within each budget, seed \(report.seed)"
            : "no bootstrap (--bootstrap 0)"
        return TextWrap.wrap("\(a.runCount) runs from \(a.source) at \(a.budgets.count) budgets: \(budgets)", indent: "  ")
            + "\n" + TextWrap.wrap(intervals, indent: "  ")
    }

    private func perBudget(_ value: KeyPath<BudgetOptimum, Double>, _ title: String) -> String {
        var table = TextTable(["C (FLOPs)"] + methods.map(\.method.title), title: "Per-budget \(title)")
        for c in report.analysis.budgets {
            table.append([NumberFormat.sci(c, digits: 2)] + methods.map { m in
                m.fit.budgetOptima.first { $0.compute == c }.map { NumberFormat.sci($0[keyPath: value]) } ?? "rejected"
            })
        }
        return table.rendered
    }

    private var laws: String {
        var table = TextTable(["quantity"] + methods.map(\.method.title), title: "Fitted laws: N_opt = k C^a, D_opt = k' C^b (± OLS standard error where fitted)")
        let rows: [(String, String, (MethodResult) -> Double)] = [
            ("a (N_opt exponent)", "N_opt a", { $0.fit.nOptLaw.exponentError }),
            ("k (N_opt coefficient)", "N_opt k", { $0.fit.nOptLaw.logCoefficientError }),
            ("b (D_opt exponent)", "D_opt b", { $0.fit.dOptLaw.exponentError }),
            ("k' (D_opt coefficient)", "D_opt k", { $0.fit.dOptLaw.logCoefficientError }),
        ]
        for (label, name, error) in rows {
            table.append([label] + methods.map { m in cell(m.parameter(name), error: error(m), relative: name.hasSuffix("k")) })
        }
        for (label, name) in [("L_opt = k_L C^c: k_L", "L_opt k"), ("L_opt = k_L C^c: c", "L_opt c"),
                              ("E", "E"), ("A", "A"), ("B", "B"), ("alpha", "alpha"), ("beta", "beta")]
            where methods.contains(where: { $0.parameter(name) != nil }) {
            table.append([label] + methods.map { cell($0.parameter(name), error: .nan, relative: false) })
        }
        return table.rendered
    }

    private var predictions: String {
        var table = TextTable(["prediction"] + methods.map(\.method.title), title: "Predictions at the targets (loss: the surface's for the parametric fits, a power law of the per-budget minimum losses otherwise)")
        for (j, c) in report.analysis.targets.enumerated() {
            let label = NumberFormat.sci(c, digits: 2)
            table.append(["N_opt at \(label)"] + methods.map { cell($0.predictions[j].nOpt) })
            table.append(["D_opt at \(label)"] + methods.map { cell($0.predictions[j].dOpt) })
            table.append(["loss at \(label)"] + methods.map { cell($0.predictions[j].loss) })
        }
        return table.rendered
    }

    private var diagnostics: String {
        var lines = ["Diagnostics"]
        for m in methods {
            var line = "  \(m.method.title): \(m.fit.diagnostics)"
            if let b = m.bootstrap, b.failures > 0 { line += "; \(b.failures) of \(b.resamples) bootstrap refits failed (first: \(b.firstFailure ?? "?"))" }
            lines += TextWrap.lines(line, indent: "    ")
        }
        for f in report.analysis.failures.sorted(by: { $0.label < $1.label }) { lines += TextWrap.lines("  \(f.label): FAILED: \(f.cause)", indent: "    ") }
        return lines.joined(separator: "\n")
    }

    /// `estimate ± se [lower, upper]`; for coefficients the OLS error is on ln k, shown as a factor.
    private func cell(_ interval: Interval?, error: Double = .nan, relative: Bool = false) -> String {
        guard let interval else { return "" }
        var text = NumberFormat.general(interval.estimate)
        if error.isFinite { text += relative ? " ×/÷ \(NumberFormat.general(exp(error), digits: 3))" : " ± \(NumberFormat.general(error, digits: 2))" }
        if interval.lower.isFinite, interval.upper.isFinite {
            text += " [\(NumberFormat.general(interval.lower)), \(NumberFormat.general(interval.upper))]"
        }
        return text
    }
}

import Foundation
