import Foundation

/// Iso-time tiers: at each of `tierSeconds`, `sizesPerTier` widths trained for about the same
/// GPU-seconds, centred where the tier's tokens per non-embedding parameter come closest to
/// Chinchilla's 20 (Hoffmann et al. 2022), at one learning rate and batch. Each tier is sized
/// by the runtime model fitted to every tier before it (the cautious prior for the first),
/// reserving from its upper bound; a tier starts when the one before has ended.
///
/// ```swift
/// IsoTimeStrategy2026().tierSeconds   // [120, 600, 2400, 4500]
/// ```
public struct IsoTimeStrategy2026: Strategy2026 {
    public var name: String { "isotime" }
    public var summary: String { "iso-time tiers of \(tierSeconds.map { "\(Int($0))" }.joined(separator: "/")) s, \(sizesPerTier) sizes each at lr \(peakLR), runtime model refitted after each tier" }
    public var isSequential: Bool { true }
    public var maxInFlight: Int
    public var tierSeconds: [Double]
    public var sizesPerTier: Int
    public var peakLR: Double
    public var batch: Int

    public init(maxInFlight: Int = 8, tierSeconds: [Double] = [120, 600, 2400, 4500], sizesPerTier: Int = 5,
                peakLR: Double = 3e-3, batch: Int = 64) {
        self.maxInFlight = maxInFlight
        self.tierSeconds = tierSeconds
        self.sizesPerTier = sizesPerTier
        self.peakLR = peakLR
        self.batch = batch
    }

    public func nextConfigs(_ view: CampaignView2026) throws -> [TrainingConfig] {
        let phases = Phases2026(view)
        var before: [TrainingConfig] = []
        for seconds in tierSeconds {
            let planning = SecondsPlanning2026.learned(from: phases.results(before))
            let tier = Tiers2026.tier(seconds: seconds, centre: Tiers2026.chinchillaCentre(seconds, planning, batch: batch, peakLR: peakLR),
                                      count: sizesPerTier, planning: planning, batch: batch, peakLR: { _ in peakLR })
            if let next = phases.pending(tier) { return next }
            before += tier
        }
        return []
    }
}

/// The adaptive campaign (docs/rehearsing-2026.md §4): calibrate the runtime first with cheap
/// runs over the width range; probe the learning rate at two sizes (a parabola in ln lr at
/// each, a power law in N through the two vertices) and the batch at one; then iso-time tiers
/// whose centre follows the fitted optimum of the tier before (the vertex of a parabola in
/// ln N, moved by √(time ratio)), the last tier sized to what the budget still holds. Every
/// run is memory-checked and reserved from the runtime model fitted to everything before its
/// phase; many run at once within the budget.
public struct AdaptiveStrategy2026: Strategy2026 {
    public var name: String { "adaptive" }
    public var summary: String { "calibrate runtime, probe lr and batch, then tiers of \(tierSeconds.map { "\(Int($0))" }.joined(separator: "/")) s centred on the fitted optimum" }
    public var isSequential: Bool { true }
    public var maxInFlight: Int
    public var calibrationWidths: [Int]
    public var calibrationSeconds: Double
    public var probeWidths: [Int]
    public var probeSeconds: Double
    public var probeRates: [Double]
    public var probeBatches: [Int]
    /// Every tier but the last; the last takes `lastTierShare` of what is left, split over its sizes.
    public var tierSeconds: [Double]
    public var lastTierShare: Double
    public var sizesPerTier: Int

    public init(maxInFlight: Int = 10, calibrationWidths: [Int] = [256, 512, 768, 1024, 1536], calibrationSeconds: Double = 40,
                probeWidths: [Int] = [384, 768], probeSeconds: Double = 240, probeRates: [Double] = [1e-3, 3e-3, 9e-3],
                probeBatches: [Int] = [32, 64, 128], tierSeconds: [Double] = [600, 1800], lastTierShare: Double = 0.8,
                sizesPerTier: Int = 5) {
        self.maxInFlight = maxInFlight
        self.calibrationWidths = calibrationWidths
        self.calibrationSeconds = calibrationSeconds
        self.probeWidths = probeWidths
        self.probeSeconds = probeSeconds
        self.probeRates = probeRates
        self.probeBatches = probeBatches
        self.tierSeconds = tierSeconds
        self.lastTierShare = lastTierShare
        self.sizesPerTier = sizesPerTier
    }

    /// Phases 1 and 2: the calibration runs, then the rate probes they size.
    private func openingPhases(_ phases: Phases2026) -> (calibration: [TrainingConfig], lrProbes: [[TrainingConfig]]?) {
        // 1. Calibration: cheap, generously reserved (the prior may be slow by a few times).
        var calibrationPlanning = SecondsPlanning2026()
        calibrationPlanning.margin = 3
        let calibration = calibrationWidths.compactMap {
            calibrationPlanning.run(width: $0, batch: 64, peakLR: 3e-3, seconds: calibrationSeconds)
        }
        guard phases.pending(calibration) == nil else { return (calibration, nil) }
        // 2. Learning rate at two sizes.
        let planning = SecondsPlanning2026.learned(from: phases.results(calibration))
        return (calibration, probeWidths.map { d in probeRates.compactMap { planning.run(width: d, batch: 64, peakLR: $0, seconds: probeSeconds) } })
    }

    /// The rate law once the probes have ended, `nil` before.
    private func rateLaw(_ phases: Phases2026) -> LearningRateLaw2026? {
        guard let probes = openingPhases(phases).lrProbes, phases.pending(probes.flatMap { $0 }) == nil else { return nil }
        return LearningRateLaw2026(probes: probes.map { phases.results($0) }, fallback: 3e-3)
    }

    /// Each width submitted at a rate the rate law did not give (it ran outside the probed rates).
    public func notes(_ view: CampaignView2026) -> [String] {
        guard let law = rateLaw(Phases2026(view)) else { return [] }
        let submitted = view.ended.map(\.trainingConfig) + view.inFlight + view.givenUp.map(\.config)
        let bounded = Set(submitted.filter { $0.optimizer.peakLearningRate == law.rate(width: $0.architecture.hiddenSize) }
            .map(\.architecture.hiddenSize))
        return bounded.sorted().compactMap { law.note(width: $0) }
    }

    public func nextConfigs(_ view: CampaignView2026) throws -> [TrainingConfig] {
        let phases = Phases2026(view)
        let opening = openingPhases(phases)
        if let next = phases.pending(opening.calibration) { return next }
        guard let lrProbes = opening.lrProbes else { return [] }
        var before = opening.calibration
        if let next = phases.pending(lrProbes.flatMap { $0 }) { return next }
        before += lrProbes.flatMap { $0 }
        let rate = LearningRateLaw2026(probes: lrProbes.map { phases.results($0) }, fallback: 3e-3)

        // 3. Batch at the middle size, at the fitted rate.
        var planning = SecondsPlanning2026.learned(from: phases.results(before))
        let middle = SecondsPlanning2026.widths[SecondsPlanning2026.widths.count / 3]
        let batchProbes = probeBatches.compactMap { b in
            planning.run(width: middle, batch: b, peakLR: rate.rate(width: middle), seconds: probeSeconds)
        }
        if let next = phases.pending(batchProbes) { return next }
        before += batchProbes
        let batch = phases.results(batchProbes).compactMap { e in e.finalLoss.map { ($0, e.trainingConfig.trainBatchSize) } }
            .min { $0.0 < $1.0 }?.1 ?? 64

        // 4. Tiers, each centred on the optimum the tier before points to.
        var centre: Int?
        var previous: (seconds: Double, runs: [TrainingConfig])?
        let spentBeforeTiers = { (configs: [TrainingConfig]) in
            phases.results(configs).reduce(0.0) { $0 + CampaignRules2026.chargedSeconds($1) }
        }
        for k in 0...tierSeconds.count {
            planning = SecondsPlanning2026.learned(from: phases.results(before))
            let seconds: Double
            if k < tierSeconds.count {
                seconds = tierSeconds[k]
            } else {
                let left = view.budgetSeconds - spentBeforeTiers(before)
                seconds = (lastTierShare * left / Double(sizesPerTier) / planning.margin).rounded(.down)
                guard seconds >= 60 else { return [] }
            }
            if let previous, let moved = Tiers2026.fittedCentre(phases.results(previous.runs), from: previous.seconds, to: seconds) {
                centre = moved
            }
            let c = centre ?? Tiers2026.chinchillaCentre(seconds, planning, batch: batch, peakLR: rate.rate(width: 512))
            let tier = Tiers2026.tier(seconds: seconds, centre: c, count: sizesPerTier, planning: planning, batch: batch,
                                      peakLR: rate.rate(width:))
            if let next = phases.pending(tier) { return next }
            before += tier
            previous = (seconds, tier)
            centre = c
        }
        return []
    }
}

/// How the tier strategies pick their sizes.
enum Tiers2026 {
    /// `count` widths around index `centre` of `SecondsPlanning2026.widths`, each trained about `seconds`.
    static func tier(seconds: Double, centre: Int, count: Int, planning: SecondsPlanning2026, batch: Int,
                     peakLR: (Int) -> Double) -> [TrainingConfig] {
        let widths = SecondsPlanning2026.widths
        let low = max(0, min(widths.count - count, centre - count / 2))
        return widths[low..<min(widths.count, low + count)].compactMap {
            planning.run(width: $0, batch: batch, peakLR: peakLR($0), seconds: seconds)
        }
    }

    /// The width index whose run of `seconds` sees closest to 20 tokens per non-embedding parameter.
    static func chinchillaCentre(_ seconds: Double, _ planning: SecondsPlanning2026, batch: Int, peakLR: Double) -> Int {
        var best = (index: 0, distance: Double.infinity)
        for (i, d) in SecondsPlanning2026.widths.enumerated() {
            guard let c = planning.run(width: d, batch: batch, peakLR: peakLR, seconds: seconds) else { continue }
            let ratio = Double(c.totalTrainTokens) / Double(c.architecture.nonEmbeddingParameters)
            let distance = abs(log(ratio / 20))
            if distance < best.distance { best = (i, distance) }
        }
        return best.index
    }

    /// The width index nearest the optimum of the previous tier's parabola in ln N, moved to a
    /// tier of `seconds` by N ∝ √time (compute-optimal N grows about as the square root of
    /// compute); nil when the parabola has no acceptable vertex.
    static func fittedCentre(_ runs: [ExperimentResponse2026], from previousSeconds: Double, to seconds: Double) -> Int? {
        let points = runs.compactMap { e in
            e.finalLoss.map { Observation(parameters: Double(e.trainingConfig.architecture.nonEmbeddingParameters), compute: previousSeconds, loss: $0) }
        }
        guard let p = try? ParabolaFitter.parabola(IsoFLOPProfile(compute: previousSeconds, points: points)), p.accepted else {
            // No vertex inside the tier: follow its best run.
            guard let best = runs.filter({ $0.finalLoss != nil }).min(by: { $0.finalLoss! < $1.finalLoss! }) else { return nil }
            return nearest(Double(best.trainingConfig.architecture.nonEmbeddingParameters) * (seconds / previousSeconds).squareRoot())
        }
        return nearest(p.vertexParameters * (seconds / previousSeconds).squareRoot())
    }

    /// The width index whose shape's non-embedding parameters are nearest `n` (in ln).
    static func nearest(_ n: Double) -> Int {
        var best = (index: 0, distance: Double.infinity)
        for (i, d) in SecondsPlanning2026.widths.enumerated() {
            let arch = ArchitectureConfig.standard(hiddenSize: d, layers: SecondsPlanning2026.layers(d), intermediateSize: ConfigBuilder2026.ffn(d))
            let distance = abs(log(Double(arch.nonEmbeddingParameters) / n))
            if distance < best.distance { best = (i, distance) }
        }
        return best.index
    }
}

/// The peak learning rate as a power law in the non-embedding parameters, through the vertices
/// of a parabola in ln lr at each probed size (least squares over its completed runs); with one
/// usable size the rate is its vertex everywhere, with none the fallback.
///
/// The law is trusted only within the probed rates widened by `extrapolation` on each side (a
/// slope through two noisy vertices can run far off at sizes nobody probed): beyond, the rate is
/// the nearest trusted one, and `note(width:)` says so (the strategy reports it).
struct LearningRateLaw2026 {
    var logIntercept: Double
    var slope: Double
    /// The rates the evidence speaks for.
    var trusted: ClosedRange<Double>
    static let extrapolation = 3.0

    init(probes: [[ExperimentResponse2026]], fallback: Double) {
        var vertices: [(logN: Double, logLR: Double)] = []
        var probed: [Double] = []
        for runs in probes {
            let points = runs.compactMap { e in e.finalLoss.map { (log(e.trainingConfig.optimizer.peakLearningRate), $0) } }
            probed += points.map { exp($0.0) }
            guard let n = runs.first.map({ Double($0.trainingConfig.architecture.nonEmbeddingParameters) }),
                  var vertex = points.min(by: { $0.1 < $1.1 })?.0 else { continue }
            let xs = points.map(\.0)
            if points.count >= 3, let low = xs.min(), let high = xs.max(),
               let fit = try? LinearLeastSquares.fit(design: Matrix(rows: points.map { [1, $0.0, $0.0 * $0.0] }),
                                                     observations: points.map(\.1)).coefficients, fit[2] > 0 {
                let v = -fit[1] / (2 * fit[2])
                // Trust the vertex inside the probed range (and a little beyond), else the best probe.
                if v >= low - 0.5, v <= high + 0.5 { vertex = v }
            }
            vertices.append((log(n), vertex))
        }
        switch vertices.count {
        case 0: logIntercept = log(fallback); slope = 0
        case 1: logIntercept = vertices[0].logLR; slope = 0
        default:
            let a = vertices[0], b = vertices[vertices.count - 1]
            slope = b.logN == a.logN ? 0 : (b.logLR - a.logLR) / (b.logN - a.logN)
            logIntercept = a.logLR - slope * a.logN
        }
        let low = probed.min() ?? fallback, high = probed.max() ?? fallback
        trusted = (low / Self.extrapolation)...(high * Self.extrapolation)
    }

    /// The law's rate for the standard shape of width `d`, before bounding.
    func lawRate(width d: Int) -> Double {
        let arch = ArchitectureConfig.standard(hiddenSize: d, layers: SecondsPlanning2026.layers(d), intermediateSize: ConfigBuilder2026.ffn(d))
        return exp(logIntercept + slope * log(Double(arch.nonEmbeddingParameters)))
    }

    /// The rate for width `d`: the law's, or the nearest trusted rate when the law runs outside
    /// `trusted` (or is not a finite positive number).
    func rate(width d: Int) -> Double {
        let r = lawRate(width: d)
        guard !r.isNaN else { return (trusted.lowerBound * trusted.upperBound).squareRoot() }
        return min(max(r, trusted.lowerBound), trusted.upperBound)
    }

    /// What `rate(width:)` did when it did not use the law's rate, `nil` when it did.
    func note(width d: Int) -> String? {
        let r = lawRate(width: d), used = rate(width: d)
        guard r != used else { return nil }
        let f = { (x: Double) in String(format: "%.3g", x) }
        return "learning-rate law gives \(f(r)) at width \(d), outside the rates the probes support (\(f(trusted.lowerBound))...\(f(trusted.upperBound)), the probed rates widened \(f(Self.extrapolation))x); submitted \(f(used))"
    }
}
