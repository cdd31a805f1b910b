/// A box of configurations: integer ranges for the shape, a set of batch sizes and a range of
/// learning rates (any real value inside). The API's space is `SearchSpace(rules)`; a scenario's
/// final-run space at the target is usually wider.
public struct SearchSpace: Hashable, Codable, Sendable {
    public var dModel: ClosedRange<Int>
    public var numLayers: ClosedRange<Int>
    public var numHeads: ClosedRange<Int>
    public var batchSizes: [Int]
    public var learningRate: ClosedRange<Double>

    public init(dModel: ClosedRange<Int>, numLayers: ClosedRange<Int>, numHeads: ClosedRange<Int>,
                batchSizes: [Int], learningRate: ClosedRange<Double>) {
        self.dModel = dModel; self.numLayers = numLayers; self.numHeads = numHeads
        self.batchSizes = batchSizes.sorted(); self.learningRate = learningRate
    }

    /// The configurations the API accepts.
    public init(_ rules: APIRules) {
        self.init(dModel: rules.dModel, numLayers: rules.numLayers, numHeads: rules.numHeads,
                  batchSizes: rules.batchSizes, learningRate: rules.learningRate)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case dModel = "d_model", numLayers = "num_layers", numHeads = "num_heads"
        case batchSizes = "batch_sizes", learningRate = "learning_rate"
    }

    public func contains(_ c: Configuration) -> Bool {
        dModel.contains(c.dModel) && numLayers.contains(c.numLayers) && numHeads.contains(c.numHeads)
            && batchSizes.contains(c.batchSize) && learningRate.contains(c.learningRate)
    }
}

extension SearchSpace {
    /// A generous final-run space for the 1e19 target: shapes well past the API's ranges, batch
    /// 128 or 256 (the assignment's rule), any learning rate from 1e-5 to 1e-2.
    public static let finalRuns = SearchSpace(dModel: 64...4096, numLayers: 2...64, numHeads: 2...64,
                                              batchSizes: [128, 256], learningRate: 1e-5...1e-2)
}
