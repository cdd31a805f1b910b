/// The minima of a multi-start run, ranked by objective (ties to the earlier start), with
/// non-finite ones dropped.
struct MultiStartRanking {
    let sorted: [Minimum]

    init(_ minima: [Minimum]) {
        sorted = minima.enumerated()
            .filter { $0.element.value.isFinite && $0.element.point.allSatisfy(\.isFinite) }
            .sorted { ($0.element.value, $0.offset) < ($1.element.value, $1.offset) }
            .map(\.element)
    }

    var best: Minimum? { sorted.first }

    /// Up to `limit` minima, best first, each differing from those before it by more than
    /// `separation` in some coordinate.
    func distinct(limit: Int, separation: Double = 1e-2) -> [[Double]] {
        var kept: [[Double]] = []
        for m in sorted where kept.count < limit {
            if kept.allSatisfy({ k in zip(k, m.point).contains { Swift.abs($0 - $1) > separation } }) { kept.append(m.point) }
        }
        return kept
    }
}
