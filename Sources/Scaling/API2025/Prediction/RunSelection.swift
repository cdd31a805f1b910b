import Foundation

/// Which of a 2025 campaign's runs the fits see: the point selection of a prediction.
///
/// - `points`: one per model (shape and FLOPs), its best run, so learning-rate and batch probes
///   do not pollute the IsoFLOP profiles;
/// - `observations`: every run that is not starved, once per distinct query, for a surface that
///   models the hyperparameter effects (the probes are its evidence).
/// Starved runs (loss at or above `starvedLoss`: too few optimiser steps to learn, near the
/// ceiling ln(32000) = 10.37) are set aside.
public struct RunSelection: Sendable {
    public var starvedLoss: Double

    public init(starvedLoss: Double) { self.starvedLoss = starvedLoss }

    /// One point per model: its best run. Starved runs are counted in `excluded`.
    public func points(_ runs: [Run], excluded: inout [String]) -> [Observation] {
        var best: [ModelKey: Run] = [:]
        var order: [ModelKey] = []
        var starved = 0
        for r in runs {
            if !fittable(r) { starved += 1; continue }
            let k = r.model
            if let b = best[k] { if r.loss < b.loss { best[k] = r } } else { best[k] = r; order.append(k) }
        }
        if starved > 0 {
            excluded.append("\(starved) starved run(s) with loss >= \(NumberFormat.general(starvedLoss, digits: 3)) (too few optimiser steps to learn)")
        }
        return order.compactMap { best[$0].map(Observation.init(run:)) }
    }

    /// Every run that is not starved, once per distinct query.
    public func observations(_ runs: [Run]) -> [Observation] {
        var seen = Set<Query>()
        return runs.filter { fittable($0) && seen.insert($0.query).inserted }.map(Observation.init(run:))
    }

    /// A run the fits may use: a finite loss below `starvedLoss`.
    public func fittable(_ run: Run) -> Bool { run.loss.isFinite && run.loss < starvedLoss }
}
