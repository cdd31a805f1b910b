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

    enum CodingKeys: String, CodingKey, CaseIterable {
        case aspectRatio = "aspect_ratio", headDimension = "head_dimension"
        case aspectWeight = "aspect_weight", dModelStep = "d_model_step"
    }

    /// The keys a file may give (`shape: {aspect_ratio: 64, head_dimension: 64}`); any left out
    /// keeps its default.
    public static let fileKeys = CodingKeys.allCases.map(\.rawValue)

    public init(from decoder: any Decoder) throws {
        let d = ShapeRule()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(aspectRatio: try c.decodeIfPresent(Double.self, forKey: .aspectRatio) ?? d.aspectRatio,
                  headDimension: try c.decodeIfPresent(Double.self, forKey: .headDimension) ?? d.headDimension,
                  aspectWeight: try c.decodeIfPresent(Double.self, forKey: .aspectWeight) ?? d.aspectWeight,
                  dModelStep: try c.decodeIfPresent(Int.self, forKey: .dModelStep) ?? d.dModelStep)
    }

    /// Errors in the rule's parameters, each naming the field (under `shape.`), value and range.
    public func parameterErrors() -> [String] {
        var e: [String] = []
        if !(aspectRatio > 0 && aspectRatio <= 10_000) { e.append("shape.aspect_ratio must be in (0, 10000], got \(aspectRatio)") }
        if !(headDimension > 0 && headDimension <= 10_000) { e.append("shape.head_dimension must be in (0, 10000], got \(headDimension)") }
        if !(aspectWeight >= 0 && aspectWeight <= 1_000) { e.append("shape.aspect_weight must be in [0, 1000], got \(aspectWeight)") }
        if !(1...1024).contains(dModelStep) { e.append("shape.d_model_step must be in 1...1024, got \(dModelStep)") }
        return e
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
