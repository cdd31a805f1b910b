import CGSL
import Foundation
import Scaling

/// The noise on an observed loss, a pure function of (seed, query).
///
///     observed = expected(q') + sigma * z + outlier
///
/// where `q'` is the query itself, or the centre of its cell under `quantization`; `z` is a
/// standard normal or Student-t (`degreesOfFreedom`) deviate; and `outlier` is, with
/// probability `outlierFraction`, `outlierScale * Exp(1)` (a failed run: always upward), else 0.
/// The draws come from SplitMix64 over the seed and the bit patterns of the query (or of its
/// cell), through GSL's inverse CDFs, so no generator state exists and no call allocates.
public struct ObservationNoise: Hashable, Sendable {
    public enum Tails: Hashable, Sendable {
        case gaussian
        case studentT(degreesOfFreedom: Double)
    }

    public var seed: UInt64
    public var sigma: Double
    public var tails: Tails
    public var outlierFraction: Double
    public var outlierScale: Double
    public var quantization: TreeQuantization?

    public init(seed: UInt64, sigma: Double = 0, tails: Tails = .gaussian, outlierFraction: Double = 0,
                outlierScale: Double = 0, quantization: TreeQuantization? = nil) {
        self.seed = seed; self.sigma = sigma; self.tails = tails
        self.outlierFraction = outlierFraction; self.outlierScale = outlierScale; self.quantization = quantization
    }

    /// The observed loss of `query` on `surface`.
    public func observe(_ query: Query, on surface: LossSurface) -> Double {
        let c = query.configuration
        let flops = Double(query.trainFlops)
        var key = SplitMix64.combine(SplitMix64.mix(seed), UInt64(bitPattern: query.trainFlops))
        key = SplitMix64.combine(key, UInt64(c.batchSize))
        let expected: Double
        if let q = quantization {
            let d = TreeQuantization.cell(Double(c.dModel), width: q.dModel)
            let l = TreeQuantization.cell(Double(c.numLayers), width: q.numLayers)
            let h = TreeQuantization.cell(Double(c.dModel) / Double(c.numHeads), width: q.headDimension)
            let lr = TreeQuantization.cell(c.learningRate, width: q.learningRate)
            key = SplitMix64.combine(SplitMix64.combine(SplitMix64.combine(SplitMix64.combine(key, d.key), l.key), h.key), lr.key)
            expected = surface.loss(dModel: d.representative, numLayers: l.representative,
                                    headDimension: h.representative, batchSize: Double(c.batchSize),
                                    learningRate: lr.representative, trainFlops: flops)
        } else {
            key = SplitMix64.combine(key, UInt64(c.dModel))
            key = SplitMix64.combine(key, UInt64(c.numLayers))
            key = SplitMix64.combine(key, UInt64(c.numHeads))
            key = SplitMix64.combine(key, c.learningRate.bitPattern)
            expected = surface.loss(c, trainFlops: flops)
        }
        return expected + deviation(key)
    }

    /// The additive deviation for a hashed key: three independent uniforms from the key.
    func deviation(_ key: UInt64) -> Double {
        var total = 0.0
        if sigma > 0 {
            let u = SplitMix64.uniform(SplitMix64.mix(key ^ 0x5A17))
            let z: Double = switch tails {
            case .gaussian: gsl_cdf_ugaussian_Pinv(u)
            case .studentT(let nu): gsl_cdf_tdist_Pinv(u, nu)
            }
            total += sigma * z
        }
        if outlierFraction > 0, SplitMix64.uniform(SplitMix64.mix(key ^ 0x0071_1E55)) < outlierFraction {
            total += outlierScale * -Foundation.log(SplitMix64.uniform(SplitMix64.mix(key ^ 0xE4_9A7E)))
        }
        return total
    }
}
