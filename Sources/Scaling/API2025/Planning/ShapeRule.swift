import Foundation

/// Turns a target non-embedding size N = 12 L d^2 into a concrete model shape.
///
/// Among all (d_model, num_layers) with d_model a multiple of `dModelStep` inside the allowed
/// ranges, it picks the one minimising
///
///     |ln(12 L d^2 / N)| + aspectWeight * |ln((d / L) / aspectRatio)|
///
/// so the size is matched first and the aspect ratio (Kaplan et al.: loss within a few percent over
/// a wide range, worse at the extremes) second. Heads are chosen for a head dimension near
/// `headDimension`, inside the head range, preferring a count that divides d_model (the live API
/// does not require it, but real models do). Ties go to the smaller model, so the rule is
/// deterministic.
public struct ShapeRule: Hashable, Codable, Sendable {
    /// Preferred d_model / num_layers (64 reproduces the live service's best shapes, e.g. 704/11).
    public var aspectRatio: Double
    /// Preferred d_model / num_heads.
    public var headDimension: Double
    /// How much a unit of log aspect-ratio error counts against a unit of log size error.
    public var aspectWeight: Double
    /// d_model is a multiple of this.
    public var dModelStep: Int

    public init(aspectRatio: Double = 64, headDimension: Double = 64, aspectWeight: Double = 0.05, dModelStep: Int = 16) {
        self.aspectRatio = aspectRatio
        self.headDimension = headDimension
        self.aspectWeight = aspectWeight
        self.dModelStep = dModelStep
    }

    enum CodingKeys: String, CodingKey {
        case aspectRatio = "aspect_ratio", headDimension = "head_dimension"
        case aspectWeight = "aspect_weight", dModelStep = "d_model_step"
    }

    /// The shape whose `12 L d^2` is closest to `parameters` under the rule, with the given
    /// batch size and learning rate. Sizes outside what the ranges can reach get the nearest
    /// reachable shape: check `nonEmbeddingParameters` of the result when that matters.
    public func configuration(
        parameters: Double, dModel: ClosedRange<Int>, numLayers: ClosedRange<Int>, numHeads: ClosedRange<Int>,
        batchSize: Int, learningRate: Double
    ) -> Configuration {
        precondition(parameters > 0 && parameters.isFinite, "target size must be positive and finite")
        let lnTarget = Foundation.log(parameters)
        let lnAspect = Foundation.log(aspectRatio)
        var best: (score: Double, d: Int, l: Int)? = nil
        let firstD = max(dModelStep, (dModel.lowerBound + dModelStep - 1) / dModelStep * dModelStep)
        for d in stride(from: firstD, through: dModel.upperBound, by: dModelStep) {
            for l in numLayers {
                let n = 12 * Double(l) * Double(d) * Double(d)
                let score = abs(Foundation.log(n) - lnTarget)
                    + aspectWeight * abs(Foundation.log(Double(d) / Double(l)) - lnAspect)
                if best == nil || score < best!.score - 1e-12 { best = (score, d, l) }
            }
        }
        let d = best!.d, l = best!.l
        return Configuration(dModel: d, numLayers: l, numHeads: heads(dModel: d, in: numHeads),
                             batchSize: batchSize, learningRate: learningRate)
    }

    /// A head count near d / headDimension inside `range`, preferring divisors of d.
    public func heads(dModel d: Int, in range: ClosedRange<Int>) -> Int {
        let ideal = Double(d) / headDimension
        func cost(_ h: Int) -> Double {
            abs(Foundation.log(Double(h) / ideal)) + (d % h == 0 ? 0 : 1)
        }
        return range.min { cost($0) < cost($1) || (cost($0) == cost($1) && $0 < $1) }!
    }
}
