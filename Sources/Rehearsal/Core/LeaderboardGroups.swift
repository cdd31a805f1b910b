/// How a leaderboard of either protocol lays out its entries: scenarios, strategies and seeds
/// in order of first appearance, one row per strategy overall and one per strategy within each
/// scenario.
///
/// ```swift
/// let g = LeaderboardGroups(entries, scenario: \.scenario, strategy: \.strategy, seed: \.seed) { name, subset in
///     Row(strategy: name, entries: subset)
/// }
/// g.overall.map(\.strategy)   // every strategy, in the order the entries first name them
/// ```
/// One scenario's rows of a leaderboard, in either protocol (`per_scenario` in its JSON).
public struct LeaderboardScenarioRows<Row: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var scenario: String
    public var rows: [Row]
}

struct LeaderboardGroups<Entry, Seed: Hashable, Row: Codable & Sendable & Equatable> {
    var scenarios: [String]
    var strategies: [String]
    var seeds: [Seed]
    var overall: [Row]
    var perScenario: [LeaderboardScenarioRows<Row>]

    init(_ entries: [Entry], scenario: (Entry) -> String, strategy: (Entry) -> String, seed: (Entry) -> Seed,
         row: (String, [Entry]) -> Row) {
        func firstAppearance<T: Hashable>(_ values: [T]) -> [T] {
            var seen = Set<T>()
            return values.filter { seen.insert($0).inserted }
        }
        let scenarios = firstAppearance(entries.map(scenario))
        let strategies = firstAppearance(entries.map(strategy))
        self.scenarios = scenarios
        self.strategies = strategies
        seeds = firstAppearance(entries.map(seed))
        func rows(_ subset: [Entry]) -> [Row] {
            strategies.map { name in row(name, subset.filter { strategy($0) == name }) }
        }
        overall = rows(entries)
        perScenario = scenarios.map { s in LeaderboardScenarioRows(scenario: s, rows: rows(entries.filter { scenario($0) == s })) }
    }
}
