import Foundation
import Scaling

extension Leaderboard {
    /// The leaderboard as Markdown: the overall table, one table per scenario, then every kind
    /// of failure with its count and first message. Numbers have three significant digits.
    public var markdown: String {
        var out = "# Leaderboard\n\n"
        out += "\(scenarios.count) scenarios x \(strategies.count) strategies x \(seeds.count) truth seeds"
        out += seeds.isEmpty ? "" : " (\(seeds.first!)...\(seeds.last!))"
        out += " = \(overall.reduce(0) { $0 + $1.rehearsals }) rehearsals.\n"
        out += "Each cell is the median / 90th percentile over the scored rehearsals; |ln N| is |ln(N_pred / N*)| and ln N bias the median of the signed ln(N_pred / N*), "
        out += "|loss| is |predicted loss - the loss the chosen configuration really reaches|, regret is that loss minus the best achievable, "
        out += "budget is the fraction spent.\n\n"
        out += "## Overall\n\n" + Self.table(overall, label: "strategy")
        for s in perScenario {
            out += "\n## \(s.scenario)\n\n" + Self.table(s.rows, label: "strategy")
        }
        let failed = perScenario.flatMap { s in s.rows.flatMap { r in r.failures.map { (s.scenario, r.strategy, $0) } } }
        out += "\n## Failures\n\n"
        if failed.isEmpty {
            out += "None: every rehearsal gave a prediction with a valid configuration and kept every rule.\n"
        } else {
            for (scenario, strategy, f) in failed {
                out += "- \(scenario) / \(strategy): \(f.count) \(f.kind.rawValue.replacingOccurrences(of: "_", with: " ")); first: \(Self.inline(f.first))\n"
            }
        }
        return out
    }

    static func table(_ rows: [Row], label: String) -> String {
        func cell(_ s: Spread?) -> String {
            guard let s else { return "-" }
            return "\(NumberFormat.general(s.median, digits: 3)) / \(NumberFormat.general(s.p90, digits: 3))"
        }
        var out = "| \(label) | rehearsals | scored | \\|ln N\\| | ln N bias | \\|loss\\| (nats) | regret (nats) | budget | max budget | failures |\n"
        out += "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|\n"
        for r in rows {
            let failures = r.failures.isEmpty ? "0" : r.failures.map { "\($0.count) \($0.kind.rawValue.replacingOccurrences(of: "_", with: " "))" }.joined(separator: ", ")
            let cells = [r.strategy, "\(r.rehearsals)", "\(r.scored)", cell(r.absLnNError),
                         r.lnNBias.map { NumberFormat.general($0, digits: 3) } ?? "-", cell(r.absLossError), cell(r.regret),
                         cell(r.budgetUsed), r.maxBudgetUsed.map { NumberFormat.general($0, digits: 3) } ?? "-", failures]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// A message on one Markdown line: newlines folded, pipes escaped.
    static func inline(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline).joined(separator: " ").replacingOccurrences(of: "|", with: "\\|")
    }
}
