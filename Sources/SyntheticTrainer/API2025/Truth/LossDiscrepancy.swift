import Foundation
import Scaling

/// What the 2025 parametric surface misses on real `/loss` answers, near them: a
/// `GaussianDiscrepancy` over a chosen set of the query's log-inputs (`LossInput`), added to
/// the loss after the ceiling. Its anchors are real answers (a configuration, its FLOPs and the
/// real loss less the surface's); `cs336-live`'s are fitted by `harness calibrate` (docs/calibrate.md).
///
/// ```swift
/// let d = try LossDiscrepancy(
///     inputs: [.logNonEmbeddingParameters, .logTokens, .logLearningRate],
///     anchors: [.init(query: Query(configuration: c, trainFlops: 1_000_000_000_000_000), residual: -0.3)],
///     lengthScales: [1, 1, 2], signalSigma: 0.4, noiseSigma: 0.02)
/// var surface = scenario.surface
/// surface.discrepancy = d             // surface.loss(c, trainFlops: 1e15) moves by about -0.3
/// ```
public struct LossDiscrepancy: Hashable, Sendable {
    /// One real answer and the surface's miss there.
    public struct Anchor: Hashable, Sendable {
        public var query: Query
        /// Real loss − the surface's (without this term), nats.
        public var residual: Double
        public init(query: Query, residual: Double) { self.query = query; self.residual = residual }
    }

    /// Which inputs the kernel sees, in order.
    public let inputs: [LossInput]
    public let anchors: [Anchor]
    /// The neutral term over `inputs`.
    public let term: GaussianDiscrepancy
    /// ln of the FLOPs where the term starts to fade and where it is gone: the correction is
    /// multiplied by 1 up to the first, by a smoothstep in ln FLOPs between them and by 0 from
    /// the second on (nil: no fade). cs336-live fades from 3e17 (its last real answer) to the
    /// 1e19 target, so the target's truth is exactly the parametric surface's stated one.
    public let fade: (start: Double, end: Double)?
    /// The FLOPs of `fade`, as given (nil: none).
    public let fadeFlops: ClosedRange<Double>?

    /// No correction (every scenario without a `discrepancy` section).
    public static let none = LossDiscrepancy()

    private init() { inputs = []; anchors = []; term = .none; fade = nil; fadeFlops = nil }

    public static func == (a: LossDiscrepancy, b: LossDiscrepancy) -> Bool {
        a.inputs == b.inputs && a.anchors == b.anchors && a.term == b.term && a.fadeFlops == b.fadeFlops
    }
    public func hash(into h: inout Hasher) {
        h.combine(inputs); h.combine(anchors); h.combine(term); h.combine(fadeFlops?.lowerBound); h.combine(fadeFlops?.upperBound)
    }



    /// Solves for the weights (see `GaussianDiscrepancy.init`): one length scale per input, the
    /// inputs distinct, every anchor's query positive, `fadeFlops` (if any) positive and finite
    /// with its start below its end.
    public init(inputs: [LossInput], anchors: [Anchor], lengthScales: [Double], signalSigma: Double, noiseSigma: Double,
                fadeFlops: ClosedRange<Double>? = nil) throws(NumericsError) {
        if let f = fadeFlops {
            guard f.lowerBound > 0, f.upperBound.isFinite, f.lowerBound < f.upperBound else {
                throw .invalidInput("the discrepancy's fade must be two finite FLOPs > 0, the first below the second, got \(f)")
            }
            fade = (Foundation.log(f.lowerBound), Foundation.log(f.upperBound))
        } else {
            fade = nil
        }
        self.fadeFlops = fadeFlops
        guard Set(inputs).count == inputs.count else {
            throw .invalidInput("the discrepancy's inputs must be distinct, got \(inputs.map(\.rawValue))")
        }
        for (i, a) in anchors.enumerated() {
            let c = a.query.configuration
            guard c.dModel > 0, c.numLayers > 0, c.numHeads > 0, c.batchSize > 0, c.learningRate > 0, a.query.trainFlops > 0 else {
                throw .invalidInput("discrepancy anchor \(i + 1) needs positive inputs, got \(c) at \(a.query.trainFlops) FLOPs")
            }
        }
        self.inputs = inputs; self.anchors = anchors
        term = try GaussianDiscrepancy(
            inputs: inputs.map(\.rawValue),
            anchors: anchors.map { a in .init(inputs: inputs.map { $0.value(LossInput.Point(a.query)) }, residual: a.residual) },
            lengthScales: lengthScales, signalSigma: signalSigma, noiseSigma: noiseSigma)
    }

    /// The same anchors' queries with other residuals and kernel (a refit against another surface).
    public func with(residuals: [Double]? = nil, lengthScales: [Double]? = nil, signalSigma: Double? = nil,
                     noiseSigma: Double? = nil, anchorsWhere keep: ((Anchor) -> Bool)? = nil) throws(NumericsError) -> LossDiscrepancy {
        let r = residuals ?? anchors.map(\.residual)
        guard r.count == anchors.count else { throw .invalidInput("expected \(anchors.count) residuals, got \(r.count)") }
        let kept = zip(anchors, r).map { Anchor(query: $0.query, residual: $1) }.filter { keep?($0) ?? true }
        return try LossDiscrepancy(inputs: inputs, anchors: kept,
                                   lengthScales: lengthScales ?? term.lengthScales, signalSigma: signalSigma ?? term.signalSigma,
                                   noiseSigma: noiseSigma ?? term.noiseSigma, fadeFlops: fadeFlops)
    }

    /// The correction at a point, nats (0 without anchors), faded by `fade`.
    @inlinable
    public func correction(_ p: LossInput.Point) -> Double {
        if term.isEmpty { return 0 }
        var factor = 1.0
        if let f = fade, p.logTrainFlops > f.start {
            if p.logTrainFlops >= f.end { return 0 }
            let t = (p.logTrainFlops - f.start) / (f.end - f.start)
            factor = 1 - t * t * (3 - 2 * t)
        }
        return factor * term.correction { inputs[$0].value(p) }
    }
}

/// The log-inputs of a 2025 query a discrepancy may use (their YAML names are the raw values).
public enum LossInput: String, CaseIterable, Hashable, Sendable {
    case logDModel = "log_d_model"
    case logNumLayers = "log_num_layers"
    case logNumHeads = "log_num_heads"
    case logHeadDimension = "log_head_dimension"
    case logBatchSize = "log_batch_size"
    case logLearningRate = "log_learning_rate"
    case logTrainFlops = "log_train_flops"
    /// ln(12 L d²).
    case logNonEmbeddingParameters = "log_non_embedding_parameters"
    /// ln(C / (6 · 12 L d²)).
    case logTokens = "log_tokens"
    /// ln(d_model / num_layers).
    case logAspectRatio = "log_aspect_ratio"

    /// A query's inputs in logarithms (real-valued, so tree cells' centres are points too).
    public struct Point: Hashable, Sendable {
        public var logDModel: Double, logLayers: Double, logHeadDimension: Double
        public var logBatchSize: Double, logLearningRate: Double, logTrainFlops: Double
        @inlinable
        public init(logDModel: Double, logLayers: Double, logHeadDimension: Double, logBatchSize: Double,
                    logLearningRate: Double, logTrainFlops: Double) {
            self.logDModel = logDModel; self.logLayers = logLayers; self.logHeadDimension = logHeadDimension
            self.logBatchSize = logBatchSize; self.logLearningRate = logLearningRate; self.logTrainFlops = logTrainFlops
        }
        public init(_ q: Query) {
            let c = q.configuration
            self.init(logDModel: Foundation.log(Double(c.dModel)), logLayers: Foundation.log(Double(c.numLayers)),
                      logHeadDimension: Foundation.log(c.headDimension), logBatchSize: Foundation.log(Double(c.batchSize)),
                      logLearningRate: Foundation.log(c.learningRate), logTrainFlops: Foundation.log(Double(q.trainFlops)))
        }
    }

    @inlinable
    public func value(_ p: Point) -> Double {
        switch self {
        case .logDModel: p.logDModel
        case .logNumLayers: p.logLayers
        case .logNumHeads: p.logDModel - p.logHeadDimension
        case .logHeadDimension: p.logHeadDimension
        case .logBatchSize: p.logBatchSize
        case .logLearningRate: p.logLearningRate
        case .logTrainFlops: p.logTrainFlops
        case .logNonEmbeddingParameters: LossInput.log12 + p.logLayers + 2 * p.logDModel
        case .logTokens: p.logTrainFlops - LossInput.log72 - p.logLayers - 2 * p.logDModel
        case .logAspectRatio: p.logDModel - p.logLayers
        }
    }

    @usableFromInline static let log12 = Foundation.log(12.0)
    @usableFromInline static let log72 = Foundation.log(72.0)
}
