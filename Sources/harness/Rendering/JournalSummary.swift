import Scaling

/// Distinct runs of a journal, grouped by `train_flops`, and what the key has used: the
/// larger of the journal's sum and the largest total the service reported in it (spending
/// made outside the journal, from a notebook, shows only there).
struct JournalSummary {
    var runs: [(Run, RunJournal.Source)]
    var perBudget: [(trainFlops: Int64, runs: Int, flops: Int64)]
    var total: Int64
    /// The largest `total_flops_used` the service reported in the journal (0 for none).
    var reported: Int64
    var budget: Int64
    /// What the key has used, as far as the journal knows.
    var used: Int64 { max(total, reported) }

    init(entries: [RunJournal.Entry], budget: Int64) {
        var seen = Set<Query>()
        runs = entries.filter { seen.insert($0.run.query).inserted }.map { ($0.run, $0.source) }
        let grouped = Dictionary(grouping: runs.map(\.0), by: \.trainFlops)
        // Sums saturate (a damaged journal can hold any Int64): never a trap.
        perBudget = grouped.sorted { $0.key < $1.key }.map { f, runs in
            (f, runs.count, runs.reduce(FLOPs.zero) { sum, _ in sum.saturatingAdd(FLOPs(f)) }.value)
        }
        total = perBudget.reduce(FLOPs.zero) { $0.saturatingAdd(FLOPs($1.flops)) }.value
        reported = entries.map(\.totalFlopsUsed).max() ?? 0
        self.budget = budget
    }

    /// The terminal's view (100 columns; FLOPs in engineering form, losses to 6 digits); the
    /// exact values are in `--json` and `--csv`.
    var table: String {
        let eng = { (x: Int64) in NumberFormat.engineering(Double(x)) }
        var t = TextTable(["#", "d_model", "layers", "heads", "batch", "lr", "train_flops", "loss", "source"])
        for (i, (run, source)) in runs.enumerated() {
            let c = run.configuration
            t.append(["\(i + 1)", "\(c.dModel)", "\(c.numLayers)", "\(c.numHeads)", "\(c.batchSize)", NumberFormat.general(c.learningRate, digits: 4),
                      eng(run.trainFlops), NumberFormat.general(run.loss, digits: 6), source.rawValue])
        }
        var spending = TextTable(["train_flops", "runs", "FLOPs"], title: "spending per train_flops:")
        for row in perBudget { spending.append([eng(row.trainFlops), "\(row.runs)", eng(row.flops)]) }
        let share = String(format: "%.2f", 100 * Double(used) / Double(budget))
        let left = eng(FLOPs(budget).floorSubtract(FLOPs(used)).value)
        let runCount = "\(runs.count) run\(runs.count == 1 ? "" : "s")"
        let line = reported > total
            ? "total: \(runCount), \(eng(total)) FLOPs in this journal; the service reported \(eng(reported)) used of "
                + "\(eng(budget)) (\(share)%; spending outside the journal, 'harness sync' brings it in), \(left) left"
            : "total: \(runCount), \(eng(total)) FLOPs of \(eng(budget)) (\(share)%), \(left) left"
        return t.rendered + "\n\n" + spending.rendered + "\n" + TextWrap.wrap(line, indent: "  ") + "\n"
    }

    var json: String {
        let runLines = runs.map { WireFormat.runObject($0.0, extra: ", \"source\": \"\($0.1.rawValue)\"") }
        let budgetLines = perBudget.map { "{\"train_flops\": \($0.trainFlops), \"runs\": \($0.runs), \"flops\": \($0.flops)}" }
        return "{\"runs\": [\(runLines.joined(separator: ", "))], \"per_train_flops\": [\(budgetLines.joined(separator: ", "))], \"total_flops_used\": \(total), \"service_reported_flops_used\": \(reported), \"budget\": \(budget)}\n"
    }
}
