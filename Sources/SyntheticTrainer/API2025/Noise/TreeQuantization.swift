import Foundation

/// Piecewise-constant answers, as from the gradient-boosted trees behind the live service.
///
/// Each continuous input is cut into cells of equal width in its logarithm:
/// `cell = floor(ln(x) / width)`, and the whole cell answers as its geometric centre
/// `exp((cell + 1/2) * width)` would. Batch size and FLOPs stay exact. Every configuration in a
/// cell (e.g. d_model 520 and 530, or learning rates 8e-4 and 9e-4) therefore gets exactly the
/// same answer, noise included, because the noise is keyed by the cell rather than the inputs.
/// A width of 0 leaves that input exact.
public struct TreeQuantization: Hashable, Codable, Sendable {
    public var dModel: Double
    public var numLayers: Double
    public var headDimension: Double
    public var learningRate: Double

    public init(dModel: Double, numLayers: Double, headDimension: Double, learningRate: Double) {
        self.dModel = dModel; self.numLayers = numLayers; self.headDimension = headDimension
        self.learningRate = learningRate
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case dModel = "d_model", numLayers = "num_layers", headDimension = "head_dimension"
        case learningRate = "learning_rate"
    }

    /// The cell of `x` for `width` (the bit pattern of `x` itself when the width is 0) and the
    /// value the cell answers as.
    @inlinable
    public static func cell(_ x: Double, width: Double) -> (key: UInt64, representative: Double) {
        if width == 0 { return (x.bitPattern, x) }
        let index = (Foundation.log(x) / width).rounded(.down)
        return (UInt64(bitPattern: Int64(index)), Foundation.exp((index + 0.5) * width))
    }
}
