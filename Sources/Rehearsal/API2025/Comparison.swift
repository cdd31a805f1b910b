import Foundation
import Scaling
import SyntheticTrainer

/// Two designs side by side over the same scenarios and truth seeds (`harness compare A B`): the
/// rehearsals are a tournament's entries, paired by (scenario, seed), so each difference B - A is
/// measured under the same truth and the same noise. Per metric it gives the median of each side,
/// the median paired difference, and how many pairs B won, lost and tied; per scenario and
/// overall.
///
/// The metrics are the leaderboard's: |ln(N_pred / N*)|, |predicted - achieved loss| and the
/// regret; lower is better for all three, so a negative difference means B did better. A pair
/// in which either side has no scorecard is kept in `pairs` (with nil differences) and counted in
/// `unscored`, not in the medians.
///
/// ```swift
/// let entries = try await Tournament(scenarios: s, strategies: [a, b], seeds: Array(1...30)).run()
/// let c = try Comparison(entries, a: a.name, b: b.name)
/// c.overall.metrics[0].medianDifference   // median of B - A over every (scenario, seed)
/// ```
public struct Comparison: Codable, Sendable, Equatable {
    /// The metrics compared, in order.
    public enum Metric: String, Codable, Sendable, CaseIterable {
        case absLnNError = "abs_ln_n_error"
        case absLossError = "abs_loss_error"
        case regret

        public func value(_ card: Scorecard) -> Double {
            switch self {
            case .absLnNError: abs(card.lnNError)
            case .absLossError: abs(card.lossError)
            case .regret: card.regret
            }
        }

        public var title: String {
            switch self {
            case .absLnNError: "|ln(N_pred/N*)|"
            case .absLossError: "|pred - achieved loss|"
            case .regret: "regret (nats)"
            }
        }
    }

    /// One (scenario, seed): both sides' values and B - A, per metric in `Metric` order.
    public struct Pair: Codable, Sendable, Equatable {
        public var scenario: String
        public var seed: UInt64
        public var a: [Double]?
        public var b: [Double]?
        public var difference: [Double]?
    }

    /// One metric over a set of pairs.
    public struct MetricSummary: Codable, Sendable, Equatable {
        public var metric: Metric
        public var medianA: Double?
        public var medianB: Double?
        /// The median of B - A over the scored pairs.
        public var medianDifference: Double?
        /// Pairs where B was lower (better), higher (worse), equal.
        public var bBetter: Int
        public var bWorse: Int
        public var ties: Int

        enum CodingKeys: String, CodingKey {
            case metric, medianA = "median_a", medianB = "median_b", medianDifference = "median_difference"
            case bBetter = "b_better", bWorse = "b_worse", ties
        }
    }

    /// The summary of a scenario's pairs, or of all of them (`scenario` nil).
    public struct Group: Codable, Sendable, Equatable {
        public var scenario: String?
        public var pairs: Int
        public var unscored: Int
        public var metrics: [MetricSummary]
    }

    public var a: String
    public var b: String
    public var scenarios: [String]
    public var seeds: [UInt64]
    public var pairs: [Pair]
    public var overall: Group
    public var perScenario: [Group]

    enum CodingKeys: String, CodingKey {
        case a, b, scenarios, seeds, pairs, overall, perScenario = "per_scenario"
    }

    /// Pairs `entries` of designs named `a` and `b` by (scenario, seed). Throws when the two
    /// names are equal, or when either side lacks a rehearsal the other has (the comparison would
    /// not be paired).
    public init(_ entries: [TournamentEntry], a: String, b: String) throws(TournamentError) {
        guard a != b else { throw TournamentError("compare: both designs are named '\(a)'; give them different names") }
        (self.a, self.b) = (a, b)
        var scenarios: [String] = [], seeds: [UInt64] = []
        var byKey: [String: [String: TournamentEntry]] = [:]
        for e in entries where e.strategy == a || e.strategy == b {
            if !scenarios.contains(e.scenario) { scenarios.append(e.scenario) }
            if !seeds.contains(e.seed) { seeds.append(e.seed) }
            byKey["\(e.scenario)\u{0}\(e.seed)", default: [:]][e.strategy] = e
        }
        var pairs: [Pair] = []
        for scenario in scenarios {
            for seed in seeds {
                let both = byKey["\(scenario)\u{0}\(seed)"] ?? [:]
                guard let ea = both[a], let eb = both[b] else {
                    throw TournamentError("compare: scenario '\(scenario)' seed \(seed) was rehearsed for only one of '\(a)' and '\(b)'")
                }
                let va = ea.scorecard.map { c in Metric.allCases.map { $0.value(c) } }
                let vb = eb.scorecard.map { c in Metric.allCases.map { $0.value(c) } }
                let d = va.flatMap { x in vb.map { y in zip(y, x).map { $0 - $1 } } }
                pairs.append(Pair(scenario: scenario, seed: seed, a: va, b: vb, difference: d))
            }
        }
        self.scenarios = scenarios
        self.seeds = seeds
        self.pairs = pairs
        overall = Self.group(nil, pairs)
        perScenario = scenarios.map { s in Self.group(s, pairs.filter { $0.scenario == s }) }
    }

    static func group(_ scenario: String?, _ pairs: [Pair]) -> Group {
        let scored = pairs.filter { $0.difference != nil }
        func median(_ v: [Double]) -> Double? { (try? Quantiles.of(v.filter(\.isFinite), at: [0.5]))?.first }
        let metrics = Metric.allCases.enumerated().map { i, metric in
            let d = scored.compactMap { $0.difference?[i] }.filter(\.isFinite)
            return MetricSummary(metric: metric, medianA: median(scored.compactMap { $0.a?[i] }),
                                 medianB: median(scored.compactMap { $0.b?[i] }), medianDifference: median(d),
                                 bBetter: d.filter { $0 < 0 }.count, bWorse: d.filter { $0 > 0 }.count, ties: d.filter { $0 == 0 }.count)
        }
        return Group(scenario: scenario, pairs: pairs.count, unscored: pairs.count - scored.count, metrics: metrics)
    }

    /// The per-pair rows as CSV (`compare.csv`): scenario, seed, then a_, b_ and diff_ of each
    /// metric; empty cells where a side was not scored.
    public var csv: String {
        let names = Metric.allCases.map(\.rawValue)
        var csv = CSVOutput(["scenario", "seed"] + names.map { "a_\($0)" } + names.map { "b_\($0)" } + names.map { "diff_\($0)" })
        func cells(_ v: [Double]?) -> [CSVOutput.Cell] {
            guard let v else { return Array(repeating: .empty, count: names.count) }
            return v.map { $0.isFinite ? .text(String(format: "%.10g", $0)) : .empty }
        }
        for p in pairs {
            csv.append([.text(p.scenario), .text(String(p.seed))] + cells(p.a) + cells(p.b) + cells(p.difference))
        }
        return csv.text
    }
}
