import Scaling

extension ErrorCDFPlot.StrategyErrors {
    /// Each strategy's errors in a tournament, pooled over scenarios and seeds, in the order of
    /// `strategies`. Failed rehearsals without a scorecard give none; the leaderboard counts them.
    public static func of(_ entries: [TournamentEntry], strategies: [String]) -> [Self] {
        strategies.map { s in
            let cards = entries.filter { $0.strategy == s }.compactMap(\.scorecard)
            return Self(strategy: s, lnNErrors: cards.map { abs($0.lnNError) },
                        lossErrors: cards.map { abs($0.lossError) }, regrets: cards.map(\.regret))
        }
    }
}
