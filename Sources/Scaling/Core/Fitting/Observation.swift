/// A covariate's name: what, beside N, D and C, a fitter may know of an observation.
///
/// Protocols name what they measure; the fitters read only the names they model (the surface's
/// effects read `batchSize` and `learningRate`). New names need no change here:
/// `Covariate("warmup_fraction")`.
public struct Covariate: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ name: String) { rawValue = name }
    public var description: String { rawValue }
    public static func < (a: Covariate, b: Covariate) -> Bool { a.rawValue < b.rawValue }

    /// The batch size in sequences.
    public static let batchSize = Covariate("batch_size")
    /// The (peak) learning rate.
    public static let learningRate = Covariate("learning_rate")
    /// Optimiser steps taken.
    public static let optimiserSteps = Covariate("optimiser_steps")
    /// Where in a training curve the observation lies, as a fraction of the run (1 = its end).
    public static let curvePosition = Covariate("curve_position")
}

/// One observation as the fitters and the frontier estimate see it, whatever the protocol that
/// produced it: N non-embedding parameters trained on D tokens with C FLOPs to a loss L, and
/// named covariates (batch size, learning rate, optimiser steps, position in a training curve).
/// A 2025 run is one observation at the end of its training (`Observation(run:)`, in API2025);
/// a curve of another protocol gives one per evaluation.
///
/// ```swift
/// let p = Observation(parameters: 1e8, compute: 6e18, loss: 5.9)
/// p.tokens   // 1e10: D = C / (6 N) unless given
/// ```
public struct Observation: Hashable, Sendable {
    /// N, non-embedding parameters (`12 L d^2` for the course's API).
    public var parameters: Double
    /// C, training FLOPs.
    public var compute: Double
    /// L, the loss observed.
    public var loss: Double
    /// D, training tokens: C / (6 N) by the API's convention unless the protocol says otherwise.
    public var tokens: Double
    /// What else is known, by name; absent names are unknown.
    public var covariates: [Covariate: Double]

    public init(parameters: Double, compute: Double, loss: Double, tokens: Double? = nil,
                covariates: [Covariate: Double] = [:]) {
        self.parameters = parameters
        self.compute = compute
        self.loss = loss
        self.tokens = tokens ?? compute / (6 * parameters)
        self.covariates = covariates
    }

    /// The observation with one more named covariate.
    public func with(_ name: Covariate, _ value: Double?) -> Observation {
        var o = self
        o.covariates[name] = value
        return o
    }

    /// The batch size in sequences, when known; nil for bare (N, C, L) data.
    public var batchSize: Double? { covariates[.batchSize] }
    /// The learning rate, when known; nil for bare (N, C, L) data.
    public var learningRate: Double? { covariates[.learningRate] }

    /// Optimiser steps up to the constant context length: the `optimiserSteps` covariate when
    /// known, else D / batch (D when the batch is unknown).
    public var relativeSteps: Double { covariates[.optimiserSteps] ?? tokens / (batchSize ?? 1) }
}

extension Observation: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
        static let parameters = Key(stringValue: "parameters"), compute = Key(stringValue: "compute")
        static let loss = Key(stringValue: "loss"), tokens = Key(stringValue: "tokens")
    }
    /// The JSON names of the covariates the 2025 reports have always written (camelCase there).
    private static let legacyNames: [Covariate: String] = [.batchSize: "batchSize", .learningRate: "learningRate"]

    /// `{"parameters", "compute", "loss", then each covariate}`; `tokens` only when it is not
    /// C / (6 N), so the files written for the 2025 protocol are unchanged.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(compute, forKey: .compute)
        try c.encode(loss, forKey: .loss)
        if tokens != compute / (6 * parameters) { try c.encode(tokens, forKey: .tokens) }
        for name in [Covariate.batchSize, .learningRate] where covariates[name] != nil {
            try c.encode(covariates[name]!, forKey: Key(stringValue: Self.legacyNames[name]!))
        }
        for (name, value) in covariates.sorted(by: { $0.key < $1.key }) where Self.legacyNames[name] == nil {
            try c.encode(value, forKey: Key(stringValue: name.rawValue))
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let n = try c.decode(Double.self, forKey: .parameters)
        let compute = try c.decode(Double.self, forKey: .compute)
        var covariates: [Covariate: Double] = [:]
        for key in c.allKeys where ![Key.parameters, .compute, .loss, .tokens].map(\.stringValue).contains(key.stringValue) {
            let name = Self.legacyNames.first { $0.value == key.stringValue }?.key ?? Covariate(key.stringValue)
            covariates[name] = try c.decode(Double.self, forKey: key)
        }
        self.init(parameters: n, compute: compute, loss: try c.decode(Double.self, forKey: .loss),
                  tokens: try c.decodeIfPresent(Double.self, forKey: .tokens), covariates: covariates)
    }
}

/// The runs of one compute budget, sorted by model size: one IsoFLOP profile.
public struct IsoFLOPProfile: Sendable, Equatable, Codable {
    public var compute: Double
    public var points: [Observation]

    /// Group points by their exact compute budget, budgets ascending, sizes ascending within each.
    public static func group(_ points: [Observation]) -> [IsoFLOPProfile] {
        Dictionary(grouping: points, by: \.compute)
            .map { IsoFLOPProfile(compute: $0.key, points: $0.value.sorted { ($0.parameters, $0.loss) < ($1.parameters, $1.loss) }) }
            .sorted { $0.compute < $1.compute }
    }
}
