import Scaling

/// The printed dry run of `harness plan`: every run with its status, the cost per budget, the verdict.
extension Plan {
    static func sci(_ v: Double) -> String { NumberFormat.general(v, digits: 3) }

    static func render(_ r: PlanReport, summary: String) -> String {
        var out = "\(r.strategy): \(summary)\n"
        if r.sequential { out += "sequential: the opening moves below; later moves depend on the answers\n" }
        out += "\n"
        var t = TextTable(["#", "train_flops", "d_model", "layers", "heads", "batch", "lr", "N (12Ld^2)", "status"])
        for (i, l) in r.lines.enumerated() {
            let c = l.query.configuration
            let status = !l.violations.isEmpty ? "REFUSED: " + l.violations.joined(separator: "; ")
                : l.duplicate ? "repeat (free)" : l.withinBudget ? "ok" : "cut: over budget"
            t.append(["\(i + 1)", sci(Double(l.query.trainFlops)), "\(c.dModel)", "\(c.numLayers)", "\(c.numHeads)",
                   "\(c.batchSize)", "\(c.learningRate)", sci(c.nonEmbeddingParameters), status])
        }
        out += t.rendered + "\n\n"
        var b = TextTable(["train_flops", "queries", "FLOPs"])
        for p in r.perBudget { b.append([sci(Double(p.trainFlops)), "\(p.queries)", sci(p.flops)]) }
        b.append(["total", "\(r.perBudget.reduce(0) { $0 + $1.queries })", sci(r.wanted)])
        out += b.rendered + "\n\n"
        out += "budget \(sci(Double(r.budget))); wanted \(sci(r.wanted)) (\(String(format: "%.1f%%", 100 * r.wanted / Double(r.budget))) of budget); affordable in order \(sci(Double(r.affordable)))\n"
        if r.problems.isEmpty {
            out += "runnable: within the rules and the budget"
        } else {
            out += "NOT runnable:\n" + r.problems.map { "  - " + $0 }.joined(separator: "\n")
        }
        return TextWrap.wrapEachLine(out)
    }
}

extension Plan {
    /// The 2026 dry run as a table and its totals.
    static func render(_ r: PlanReport2026, summary: String) -> String {
        var t = "\(r.strategy): \(summary)\n"
        if r.sequential { t += "(a sequential strategy: its opening moves only)\n" }
        t += "\n| # | d | L | batch | peak lr | tokens | reserved s | expected s | upper 95% s | memory |\n|---|---|---|---|---|---|---|---|---|---|\n"
        for (i, l) in r.lines.enumerated() {
            t += "| \(i + 1) | \(l.width) | \(l.layers) | \(l.batch) | \(NumberFormat.general(l.peakLR, digits: 3)) | \(NumberFormat.sci(Double(l.tokens), digits: 3)) | \(Int(l.reservedSeconds)) | \(Int(l.expectedSeconds.rounded())) | \(Int(l.upper95Seconds.rounded())) | \(l.memory) |\n"
        }
        t += "\n\(r.lines.count) runs; \(Int(r.reservedSeconds)) s reserved in all, \(Int(r.expectedChargeSeconds.rounded())) s expected to be charged of \(Int(r.budgetSeconds)) s; expected wall time \(String(format: "%.2f", r.expectedWallSeconds / 3600)) h at \(r.maxInFlight) in flight.\n"
        t += r.problems.isEmpty ? "No rule broken.\n" : "\nProblems:\n" + r.problems.map { "- " + $0 }.joined(separator: "\n") + "\n"
        return t
    }
}
