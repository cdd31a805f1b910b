import Foundation
import Rehearsal
import Scaling

/// What `harness compare` prints (text tables within 100 columns) and writes (compare.md).
struct CompareTables {
    let comparison: Comparison

    static func value(_ v: Double?) -> String { v.map { NumberFormat.general($0, digits: 3) } ?? "-" }
    static func signed(_ v: Double?) -> String { v.map { ($0 > 0 ? "+" : "") + NumberFormat.general($0, digits: 3) } ?? "-" }

    static let header = ["metric", "median A", "median B", "median B-A", "B better/worse/tie"]

    func rows(_ g: Comparison.Group) -> [[String]] {
        g.metrics.map { m in
            [m.metric.title, Self.value(m.medianA), Self.value(m.medianB), Self.signed(m.medianDifference), "\(m.bBetter)/\(m.bWorse)/\(m.ties)"]
        }
    }

    func heading(_ g: Comparison.Group) -> String {
        "\(g.scenario.map { "scenario \($0)" } ?? "overall"): \(g.pairs) pairs" + (g.unscored > 0 ? " (\(g.unscored) with a side unscored)" : "")
    }

    var intro: String {
        "A = \(comparison.a), B = \(comparison.b): \(comparison.scenarios.count) scenarios x \(comparison.seeds.count) seeds, paired by (scenario, seed).\nLower is better for every metric, so B - A < 0 means B did better."
    }

    var text: String {
        var out = [intro, ""]
        for g in [comparison.overall] + comparison.perScenario {
            out.append(heading(g))
            var t = TextTable(Self.header)
            for r in rows(g) { t.append(r) }
            out.append(t.rendered)
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    var markdown: String {
        var out = ["# \(comparison.a) vs \(comparison.b)", "", intro, ""]
        for g in [comparison.overall] + comparison.perScenario {
            out += ["## " + heading(g), ""]
            out += RunOutput.markdownTable(Self.header, rows(g))
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}
