import Foundation
import Scaling

/// One point of the compute-optimal frontier: the model size that minimises the expected loss
/// at `trainFlops`, treated as a continuous quantity.
public struct FrontierPoint: Hashable, Codable, Sendable {
    public var trainFlops: Double
    /// N*: non-embedding parameters `12 L d^2` (the assignment's count, whatever the law counts).
    public var nonEmbeddingParameters: Double
    /// D* = C / (6 N*).
    public var tokens: Double
    /// L*: the expected loss there.
    public var loss: Double

    enum CodingKeys: String, CodingKey {
        case trainFlops = "train_flops", nonEmbeddingParameters = "non_embedding_parameters", tokens, loss
    }
}

extension LossSurface {
    /// The law's closed-form frontier (`ChinchillaLaw.frontier`), defined only when the law
    /// counts non-embedding parameters (then its N is the API's N). It ignores every effect
    /// outside the law; it equals `frontier(trainFlops:in:)` when `isPureLaw`.
    public func closedFormFrontier(trainFlops: Double) -> FrontierPoint? {
        guard parameterCount == .nonEmbedding else { return nil }
        let f = law.frontier(trainFlops: trainFlops)
        return FrontierPoint(trainFlops: trainFlops, nonEmbeddingParameters: f.parameters, tokens: f.tokens, loss: ceiling.apply(f.loss))
    }

    /// The surface's frontier, found numerically: minimise over x = ln N (N non-embedding) the
    /// expected loss of a continuous model of N parameters at the best settings `space` allows:
    /// aspect ratio rho (`d = (rho N / 12)^(1/3)`, `L = d / rho`) at the shape optimum, or,
    /// when the law counts embeddings (so that width buys parameters the FLOPs do not charge),
    /// minimised over ln rho in [0, ln 4096] as well (and at most the rho that leaves the
    /// space's fewest layers); head dimension at its optimum; the
    /// learning-rate optimum clamped to the space's range; the better of the space's batch
    /// sizes. Each search scans its interval (241 points for ln N over [ln 1e3, ln 1e15], 49
    /// for ln rho) and refines the best by Brent's method (GSL) to 3e-8 relative (Minimizer1D's default).
    public func frontier(trainFlops: Double, in space: SearchSpace) throws(NumericsError) -> FrontierPoint {
        func atShape(_ n: Double, _ rho: Double) -> Double {
            let d = Foundation.cbrt(rho * n / 12)
            let lr = self.bestLearningRate(dModel: d, numLayers: d / rho, in: space.learningRate)
            var best = Double.infinity
            for batch in space.batchSizes {
                best = Swift.min(best, self.loss(dModel: d, numLayers: d / rho, headDimension: self.heads.optimum,
                                                 batchSize: Double(batch), learningRate: lr, trainFlops: trainFlops))
            }
            return best
        }
        var failure: NumericsError?
        func f(_ x: Double) -> Double {
            let n = Foundation.exp(x)
            guard case .withEmbeddings = self.parameterCount else { return atShape(n, self.shape.optimum) }
            do throws(NumericsError) {
                // rho at most where L = d / rho falls to the space's fewest layers.
                let rhoMax = Swift.max(2, (n / 12).squareRoot() / Foundation.pow(Double(space.numLayers.lowerBound), 1.5))
                return try Minimizer1D.minimize({ atShape(n, Foundation.exp($0)) }, over: 0...Foundation.log(Swift.min(rhoMax, 4096)), gridPoints: 49).value
            } catch {
                failure = error
                return .nan
            }
        }
        let r = try Minimizer1D.minimize(f, over: Foundation.log(1e3)...Foundation.log(1e15), gridPoints: 241)
        if let failure { throw failure }
        let n = Foundation.exp(r.x)
        return FrontierPoint(trainFlops: trainFlops, nonEmbeddingParameters: n, tokens: trainFlops / (6 * n), loss: r.value)
    }
}
