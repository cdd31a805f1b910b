/// One training run as the fitters see it: N non-embedding parameters trained with C FLOPs to a
/// final loss L. The tokens follow from the API's convention C = 6 N D.
///
/// ```swift
/// let p = IsoFLOPPoint(parameters: 1e8, compute: 6e18, loss: 5.9)
/// p.tokens   // 1e10
/// ```
public struct IsoFLOPPoint: Hashable, Codable, Sendable {
    /// N, non-embedding parameters (`12 L d^2` for the course's API).
    public var parameters: Double
    /// C, training FLOPs.
    public var compute: Double
    /// L, final loss.
    public var loss: Double
    /// The batch size in sequences, when known (runs from the API); nil for bare (N, C, L) data.
    public var batchSize: Double?
    /// The learning rate, when known (runs from the API); nil for bare (N, C, L) data.
    public var learningRate: Double?

    public init(parameters: Double, compute: Double, loss: Double, batchSize: Double? = nil, learningRate: Double? = nil) {
        self.parameters = parameters
        self.compute = compute
        self.loss = loss
        self.batchSize = batchSize
        self.learningRate = learningRate
    }

    /// A run from the training API: N = `12 num_layers d_model^2`, C = `train_flops`.
    public init(run: Run) {
        self.init(parameters: run.configuration.nonEmbeddingParameters, compute: Double(run.trainFlops), loss: run.loss,
                  batchSize: Double(run.configuration.batchSize), learningRate: run.configuration.learningRate)
    }

    /// Optimiser steps up to the constant context length: D / batch (D when the batch is unknown).
    public var relativeSteps: Double { tokens / (batchSize ?? 1) }

    /// D = C / (6 N), training tokens.
    public var tokens: Double { compute / (6 * parameters) }
}

/// The runs of one compute budget, sorted by model size: one IsoFLOP profile.
public struct IsoFLOPProfile: Sendable, Equatable, Codable {
    public var compute: Double
    public var points: [IsoFLOPPoint]

    /// Group points by their exact compute budget, budgets ascending, sizes ascending within each.
    public static func group(_ points: [IsoFLOPPoint]) -> [IsoFLOPProfile] {
        Dictionary(grouping: points, by: \.compute)
            .map { IsoFLOPProfile(compute: $0.key, points: $0.value.sorted { ($0.parameters, $0.loss) < ($1.parameters, $1.loss) }) }
            .sorted { $0.compute < $1.compute }
    }
}
