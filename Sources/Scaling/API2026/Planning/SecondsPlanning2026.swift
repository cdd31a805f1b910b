import Foundation

/// What every strategy in seconds shares: sizing a run to a time, sizing its reservation from
/// the runtime model, and keeping it inside the memory model.
///
/// - `tokens(toTake:)` inverts the runtime model's expected seconds, which is linear in the
///   token count for a fixed shape (two evaluations give the intercept and the slope).
/// - `reservation(for:)` is `margin × upper95 + one chunk + slack`, at least `minimumSeconds`:
///   the worker checks the clock only before each chunk (so a chunk's length is added), a
///   timeout costs the whole reservation, and what is reserved and not used is refunded (so
///   the margin only costs concurrency).
/// - `fitMemory(_:)` halves the batch (keeping the tokens) until the memory model says it fits.
public struct SecondsPlanning2026: Sendable {
    public var runtime: RuntimeModel2026
    public var memory: MemoryModel2026
    public var margin: Double
    public var slackSeconds: Double
    public var minimumSeconds: Double

    public init(runtime: RuntimeModel2026 = .prior, memory: MemoryModel2026 = .prior, margin: Double = 1.15,
                slackSeconds: Double = 30, minimumSeconds: Double = 30) {
        self.runtime = runtime
        self.memory = memory
        self.margin = margin
        self.slackSeconds = slackSeconds
        self.minimumSeconds = minimumSeconds
    }

    /// Fitted to `experiments` (sorted by id, so the order they ended in does not matter); the
    /// runtime prior stands in while the fit is impossible (too few finished runs).
    public static func learned(from experiments: [ExperimentResponse2026], margin: Double = 1.15) -> SecondsPlanning2026 {
        let sorted = experiments.sorted { $0.experimentID < $1.experimentID }
        let runtime = (try? RuntimeModel2026.fit(sorted)) ?? .prior
        return SecondsPlanning2026(runtime: runtime, memory: MemoryModel2026.fit(sorted), margin: margin)
    }

    /// The token count (valid for the config's batch and n_evals) whose expected runtime is
    /// about `seconds`; at least one unit.
    public func tokens(_ config: TrainingConfig, toTake seconds: Double) -> Int {
        var a = config, b = config
        let unit = TrainingConfig.sequenceLength * config.trainBatchSize * config.nEvals
        a.totalTrainTokens = unit
        b.totalTrainTokens = unit * 1024
        let ta = runtime.estimate(a).expectedSeconds, tb = runtime.estimate(b).expectedSeconds
        let slope = (tb - ta) / Double(unit * 1023)
        guard slope > 0, slope.isFinite, ta.isFinite else { return unit }
        let intercept = ta - slope * Double(unit)
        return ConfigBuilder2026.tokens((seconds - intercept) / slope, batch: config.trainBatchSize, nEvals: config.nEvals)
    }

    /// The reservation for `config` (seconds).
    public func reservation(for config: TrainingConfig) -> Double {
        let e = runtime.estimate(config)
        let r = margin * e.upper95Seconds + e.expectedSeconds / Double(max(1, config.nEvals)) + slackSeconds
        return max(minimumSeconds, r.rounded(.up))
    }

    /// `config` with its reservation set.
    public func reserved(_ config: TrainingConfig) -> TrainingConfig {
        var c = config
        c.maxRuntimeSeconds = reservation(for: c)
        return c
    }

    /// `config` with the batch halved until the memory model says it fits (nil when even
    /// batch 1 does not).
    public func fitMemory(_ config: TrainingConfig) -> TrainingConfig? {
        var c = config
        while true {
            if case .fits = memory.check(c) { return c }
            guard c.trainBatchSize > 1 else { return nil }
            let tokens = Double(c.totalTrainTokens)
            c.trainBatchSize /= 2
            c.totalTrainTokens = ConfigBuilder2026.tokens(tokens, batch: c.trainBatchSize, nEvals: c.nEvals)
        }
    }

    /// A run of width `d` (layers `d/64`, at least 2) taking about `seconds`, memory-checked and reserved.
    public func run(width d: Int, batch: Int, peakLR: Double, seconds: Double, nEvals: Int = 16) -> TrainingConfig? {
        let shape = ConfigBuilder2026.config(width: d, layers: Self.layers(d), batch: batch, peakLR: peakLR, tokens: 0,
                                             maxRuntimeSeconds: 1, nEvals: nEvals)
        guard var c = fitMemory(shape) else { return nil }
        c.totalTrainTokens = tokens(c, toTake: seconds)
        guard let fitted = fitMemory(c) else { return nil }
        return reserved(fitted)
    }

    /// Depth for width `d`: an aspect ratio d/L of 64, as the handout's family suggests.
    public static func layers(_ d: Int) -> Int { max(2, Int((Double(d) / 64).rounded())) }

    /// Widths the strategies choose among.
    public static let widths = [192, 256, 320, 384, 448, 512, 640, 768, 896, 1024, 1152, 1280, 1536, 1792, 2048, 2304, 2560]
}

/// Phases of a sequential design: each phase's configs are fixed by the experiments of the
/// phases before it, so the design replays identically from a journal.
struct Phases2026 {
    let view: CampaignView2026
    /// Ended experiments by config hash.
    let ended: [String: ExperimentResponse2026]
    let givenUp: Set<String>

    init(_ view: CampaignView2026) {
        self.view = view
        var e: [String: ExperimentResponse2026] = [:]
        for x in view.ended { e[x.trainingConfig.uniqueID] = x }
        ended = e
        givenUp = Set(view.givenUp.map(\.config.uniqueID))
    }

    /// nil when `phase` is complete (every config ended, given up, or refused with nothing
    /// left in flight); otherwise what to submit now (possibly nothing: wait).
    func pending(_ phase: [TrainingConfig]) -> [TrainingConfig]? {
        let notAsked = phase.filter { !view.hasAsked($0) }
        let open = phase.filter { view.hasAsked($0) && ended[$0.uniqueID] == nil && !givenUp.contains($0.uniqueID) }
        if notAsked.isEmpty && open.isEmpty { return nil }
        if open.isEmpty && view.inFlight.isEmpty && notAsked.allSatisfy({ view.wasRefused($0) }) { return nil }
        return notAsked
    }

    /// The ended experiments of `configs`, in id order.
    func results(_ configs: [TrainingConfig]) -> [ExperimentResponse2026] {
        configs.compactMap { ended[$0.uniqueID] }.sorted { $0.experimentID < $1.experimentID }
    }
}

extension ExperimentResponse2026 {
    /// The last loss of a completed run (nil otherwise, or when it is not finite).
    public var finalLoss: Double? {
        guard case .completed(_, _, _, _, let losses, _) = status, let last = losses.last, last.isFinite else { return nil }
        return last
    }
}
