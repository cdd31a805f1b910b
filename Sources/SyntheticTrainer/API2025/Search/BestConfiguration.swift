import Foundation
import Scaling

/// The best concrete configuration of a space at some FLOPs, with its expected loss.
public struct BestConfiguration: Hashable, Codable, Sendable {
    public var configuration: Configuration
    public var trainFlops: Double
    public var expectedLoss: Double
    /// `12 L d^2` of the configuration.
    public var nonEmbeddingParameters: Double
    /// `C / (6 * 12 L d^2)`.
    public var tokens: Double

    enum CodingKeys: String, CodingKey {
        case configuration, trainFlops = "train_flops", expectedLoss = "expected_loss"
        case nonEmbeddingParameters = "non_embedding_parameters", tokens
    }
}

extension LossSurface {
    /// The configuration of `space` with the lowest expected loss at `trainFlops`: exact
    /// (not sampled), by exhaustive search over batch size, depth and width, using two facts of
    /// the model to avoid the other two dimensions:
    /// - the head penalty depends only on d_model / num_heads and adds to the rest, so the best
    ///   head count is tabulated once per d_model;
    /// - the learning-rate penalty is convex in ln lr, so the best rate in the range is the
    ///   optimum clamped to the range.
    /// The ceiling is increasing, so minimising the raw loss minimises the loss. Ties keep the
    /// first found (smallest batch, then fewest layers, then narrowest), so the answer is
    /// deterministic. Cost: |d_model| * |num_heads| + |batch| * |layers| * |d_model| evaluations,
    /// each a handful of `exp` calls on precomputed logarithms.
    public func bestConfiguration(trainFlops: Double, in space: SearchSpace) -> BestConfiguration {
        let widths = space.dModel
        let logWidths = widths.map { Foundation.log(Double($0)) }
        var headChoice = [Int](repeating: space.numHeads.lowerBound, count: widths.count)
        var headPenalty = [Double](repeating: 0, count: widths.count)
        if heads.curvature != 0 {
            for i in logWidths.indices {
                var best = Double.infinity
                for h in space.numHeads {
                    let p = heads.penalty(logValue: logWidths[i] - Foundation.log(Double(h)))
                    if p < best { best = p; headChoice[i] = h }
                }
                headPenalty[i] = best
            }
        }
        // Everything in logarithms, so each evaluation costs four `exp` calls.
        let logFlops = Foundation.log(trainFlops)
        let logOptimalHead = Foundation.log(heads.optimum)
        let low = Foundation.log(space.learningRate.lowerBound), high = Foundation.log(space.learningRate.upperBound)
        var bestRaw = Double.infinity
        var best = (i: 0, layers: space.numLayers.lowerBound, batch: space.batchSizes.first ?? 128)
        for batch in space.batchSizes {
            let logBatch = Foundation.log(Double(batch))
            for layers in space.numLayers {
                let logLayers = Foundation.log(Double(layers))
                for i in 0..<logWidths.count {
                    let logD = logWidths[i]
                    let logN = logLawParameters(logNonEmbedding: Self.log12 + logLayers + 2 * logD, logDModel: logD)
                    // At the optimal head dimension the head penalty is 0; the table adds the real one.
                    let raw = rawLoss(logDModel: logD, logLayers: logLayers, logHeadDimension: logOptimalHead,
                                      logBatchSize: logBatch, logLearningRate: bestLogLearningRate(logParameters: logN, low: low, high: high),
                                      logTrainFlops: logFlops) + headPenalty[i]
                    if raw < bestRaw { bestRaw = raw; best = (i, layers, batch) }
                }
            }
        }
        let dModel = widths.lowerBound + best.i
        let lr = bestLearningRate(dModel: Double(dModel), numLayers: Double(best.layers), in: space.learningRate)
        let configuration = Configuration(dModel: dModel, numLayers: best.layers, numHeads: headChoice[best.i],
                                          batchSize: best.batch, learningRate: lr)
        return BestConfiguration(
            configuration: configuration, trainFlops: trainFlops,
            expectedLoss: loss(configuration, trainFlops: trainFlops),
            nonEmbeddingParameters: configuration.nonEmbeddingParameters,
            tokens: configuration.tokens(trainFlops: trainFlops))
    }
}
