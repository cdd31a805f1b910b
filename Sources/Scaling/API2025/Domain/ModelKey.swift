/// A model as the 2025 API's runs name it: a shape trained for some FLOPs, optionally with one
/// hyperparameter held fixed. Runs that share a key are a controlled comparison of what the key
/// leaves out: `model` groups a model's runs, `modelAtRate` the runs that differ only in batch
/// size, `modelAtBatch` those that differ only in learning rate.
public struct ModelKey: Hashable, Sendable {
    public var dModel: Int
    public var numLayers: Int
    public var numHeads: Int
    public var trainFlops: Int64
    public var batchSize: Int?
    public var learningRate: Double?
}

extension Run {
    /// The model: shape and FLOPs, whatever the hyperparameters.
    public var model: ModelKey {
        let c = configuration
        return ModelKey(dModel: c.dModel, numLayers: c.numLayers, numHeads: c.numHeads, trainFlops: trainFlops)
    }

    /// The model at this run's learning rate: its runs differ only in batch size.
    public var modelAtRate: ModelKey { var k = model; k.learningRate = configuration.learningRate; return k }

    /// The model at this run's batch size: its runs differ only in learning rate.
    public var modelAtBatch: ModelKey { var k = model; k.batchSize = configuration.batchSize; return k }
}
