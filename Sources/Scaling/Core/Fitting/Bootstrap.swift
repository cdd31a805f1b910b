import Foundation

/// A point estimate with a percentile interval.
public struct Interval: Codable, Sendable, Equatable {
    public var estimate: Double
    public var lower: Double
    public var upper: Double

    public init(estimate: Double, lower: Double, upper: Double) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
    }

    public func contains(_ x: Double) -> Bool { lower <= x && x <= upper }
}

/// A fitted scalar with its bootstrap interval.
public struct ParameterInterval: Codable, Sendable, Equatable {
    public var name: String
    public var interval: Interval
}

/// The frontier at one compute with bootstrap intervals.
public struct FrontierInterval: Codable, Sendable, Equatable {
    public var compute: Double
    public var nOpt: Interval
    public var dOpt: Interval
    public var loss: Interval
}

/// What a bootstrap found for one method.
public struct BootstrapSummary: Codable, Sendable, Equatable {
    public var method: FitMethod
    public var resamples: Int
    /// Resamples whose refit failed (e.g. every parabola rejected); they are left out.
    public var failures: Int
    public var firstFailure: String?
    public var level: Double
    public var seed: UInt64
    public var parameters: [ParameterInterval]
    public var frontier: [FrontierInterval]

    public func parameter(_ name: String) -> Interval? { parameters.first { $0.name == name }?.interval }
    public func frontier(at compute: Double) -> FrontierInterval? { frontier.first { $0.compute == compute } }
}

/// The seeded bootstrap: resample the runs with replacement, refit, take percentiles.
///
/// Resampling is stratified by budget: each budget's runs are redrawn, as many as it had, so
/// every replicate keeps the experimental design (every budget present). The indices are drawn
/// sequentially from one mt19937 stream seeded with `seed`, then the refits run in parallel; the
/// result is the same for any number of cores. Intervals are the central `level` percentile
/// intervals (GSL's linear interpolation between order statistics) of the replicates that fit;
/// the estimate is the full-data fit's.
///
/// ```swift
/// let full = try BestRunFitter().fit(points: points)
/// let b = try Bootstrap(resamples: 1000, seed: 0).run(BestRunFitter(), points: points, full: full, computes: [1e23, 1e24])
/// b.frontier(at: 1e23)?.nOpt   // Interval
/// ```
public struct Bootstrap: Sendable {
    public var resamples: Int
    public var seed: UInt64
    public var level: Double = 0.95
    public var parallel: Bool = true

    public init(resamples: Int, seed: UInt64, level: Double = 0.95) {
        self.resamples = resamples
        self.seed = seed
        self.level = level
    }

    /// The index sets of every replicate (stratified by budget).
    public func resampleIndices(points: [Observation]) throws -> [[Int]] {
        let budgets = Dictionary(grouping: points.indices, by: { points[$0].compute }).sorted { $0.key < $1.key }.map(\.value)
        let rng = try RandomStream(seed: seed)
        return (0..<resamples).map { _ in
            budgets.flatMap { members in rng.resampleIndices(count: members.count).map { members[$0] } }
        }
    }

    /// Bootstrap `fitter` on `points`, whose full fit is `full`, with frontier intervals at `computes`.
    /// `progress`, if given, is called with the number of finished replicates (from any thread).
    public func run<F: ComputeOptimalFitter>(
        _ fitter: F, points: [Observation], full: F.Fit, computes: [Double],
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> BootstrapSummary {
        guard resamples >= 2 else { throw FittingError(fitter.method, "a bootstrap needs at least 2 resamples, got \(resamples)") }
        guard level > 0, level < 1 else { throw FittingError(fitter.method, "the interval level must lie in (0, 1), got \(level)") }
        let sets = try resampleIndices(points: points)
        let refit = fitter.resampleFitter(warmStartedFrom: full)
        let counter = ProgressCounter()
        let replicates: [Result<[Double], any Error>] = try Parallel.map(count: resamples, parallel: parallel, makeWorker: { () }, work: { _, r in
            defer { if let progress { progress(counter.increment()) } }
            return Result { () throws -> [Double] in
                let fit = try refit.fit(points: sets[r].map { points[$0] })
                return Self.quantities(fit, computes: computes)
            }
        })
        let good = replicates.compactMap { try? $0.get() }.filter { $0.allSatisfy(\.isFinite) }
        let failures = resamples - good.count
        var firstFailure: String?
        for case let .failure(error) in replicates { firstFailure = "\(error)"; break }
        if firstFailure == nil, failures > 0 { firstFailure = "non-finite quantities in \(failures) replicates" }
        guard good.count >= 2 else {
            throw FittingError(fitter.method, "only \(good.count) of \(resamples) bootstrap refits succeeded (first failure: \(firstFailure ?? "none"))")
        }
        let estimates = Self.quantities(full, computes: computes)
        let tail = (1 - level) / 2
        var intervals: [Interval] = []
        for k in estimates.indices {
            let q = try Quantiles.of(good.map { $0[k] }, at: [tail, 1 - tail])
            intervals.append(Interval(estimate: estimates[k], lower: q[0], upper: q[1]))
        }
        let names = full.parameters.map(\.name)
        let frontierStart = names.count
        return BootstrapSummary(
            method: fitter.method, resamples: resamples, failures: failures, firstFailure: firstFailure,
            level: level, seed: seed,
            parameters: names.enumerated().map { ParameterInterval(name: $1, interval: intervals[$0]) },
            frontier: computes.enumerated().map { j, c in
                let base = frontierStart + 3 * j
                return FrontierInterval(compute: c, nOpt: intervals[base], dOpt: intervals[base + 1], loss: intervals[base + 2])
            })
    }

    /// The fit's parameters, then N_opt, D_opt and loss at each compute.
    static func quantities(_ fit: some ComputeOptimalFit, computes: [Double]) -> [Double] {
        fit.parameters.map(\.value)
            + computes.flatMap { c in let o = fit.optimum(compute: c); return [o.parameters, o.tokens, o.loss] }
    }
}

/// A thread-safe counter for progress reports.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() -> Int { lock.withLock { count += 1; return count } }
}
