import Scaling

/// Distinct runs of a journal, grouped by `train_flops`.
struct JournalSummary {
    var runs: [(Run, RunJournal.Source)]
    var perBudget: [(trainFlops: Int64, runs: Int, flops: Int64)]
    var total: Int64
    var budget: Int64

    init(entries: [RunJournal.Entry], budget: Int64) {
        var seen = Set<Query>()
        runs = entries.filter { seen.insert($0.run.query).inserted }.map { ($0.run, $0.source) }
        let grouped = Dictionary(grouping: runs.map(\.0), by: \.trainFlops)
        // Sums saturate (a damaged journal can hold any Int64): never a trap.
        perBudget = grouped.sorted { $0.key < $1.key }.map { f, runs in
            (f, runs.count, runs.reduce(FLOPs.zero) { sum, _ in sum.saturatingAdd(FLOPs(f)) }.value)
        }
        total = perBudget.reduce(FLOPs.zero) { $0.saturatingAdd(FLOPs($1.flops)) }.value
        self.budget = budget
    }

    var table: String {
        var out = pad("#", 4, right: true) + "  " + pad("configuration", 74) + pad("train_flops", 20, right: true) + "  " + pad("loss", 20) + "source\n"
        for (i, (run, source)) in runs.enumerated() {
            out += pad("\(i + 1)", 4, right: true) + "  " + pad(run.configuration.description, 74)
                + pad("\(run.trainFlops)", 20, right: true) + "  " + pad("\(run.loss)", 20) + source.rawValue + "\n"
        }
        out += "\nspending per train_flops:\n"
        for row in perBudget {
            out += "  " + pad("\(Double(row.trainFlops))", 8, right: true) + "  " + pad("\(row.runs)", 4, right: true)
                + (row.runs == 1 ? " run   " : " runs  ") + pad("\(row.flops)", 20, right: true) + " FLOPs\n"
        }
        out += "total: \(runs.count) run\(runs.count == 1 ? "" : "s"), \(total) FLOPs of \(budget) (\(String(format: "%.2f", 100 * Double(total) / Double(budget)))%), \(FLOPs(budget).floorSubtract(FLOPs(total)).value) left\n"
        return out
    }

    var json: String {
        let runLines = runs.map { WireFormat.runObject($0.0, extra: ", \"source\": \"\($0.1.rawValue)\"") }
        let budgetLines = perBudget.map { "{\"train_flops\": \($0.trainFlops), \"runs\": \($0.runs), \"flops\": \($0.flops)}" }
        return "{\"runs\": [\(runLines.joined(separator: ", "))], \"per_train_flops\": [\(budgetLines.joined(separator: ", "))], \"total_flops_used\": \(total), \"budget\": \(budget)}\n"
    }
}
