import Foundation
import Scaling

/// The on-disk form of a scenario (YAML, decoded with Yams through `Codable`). Field names are
/// the file's; `Scenario.load(from:)` validates every value and builds the typed scenario.
/// Every section's keys are listed in `ScenarioFile.schema`, which the loader uses to reject
/// unknown (e.g. misspelt) keys, since `Codable` would silently ignore them.
struct ScenarioFile: Codable {
    var name: String
    var description: String
    var law: ChinchillaLaw
    /// `non_embedding` or `with_embeddings`.
    var parameters: String
    var vocabulary: Int?
    var context: Double?
    var effects: Effects?
    var ceiling: Ceiling?
    var noise: Noise
    var api: API
    var target: Target
    var statedTruth: StatedTruth?
    var discrepancy: Discrepancy?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, law, parameters, vocabulary, context, effects, ceiling, noise, api, target
        case statedTruth = "stated_truth", discrepancy
    }

    /// `LossDiscrepancy`: the inputs by name (`LossInput`), one length scale each, the two
    /// sigmas and one `[d_model, num_layers, num_heads, batch_size, learning_rate, train_flops,
    /// residual]` row per real answer.
    struct Discrepancy: Codable {
        var inputs: [String]
        var lengthScales: [Double]
        var signalSigma: Double
        var noiseSigma: Double
        var anchors: [[Double]]
        /// `[start, end]` FLOPs of the fade to 0 (optional).
        var fadeTrainFlops: [Double]?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case inputs, lengthScales = "length_scales", signalSigma = "signal_sigma", noiseSigma = "noise_sigma", anchors
            case fadeTrainFlops = "fade_train_flops"
        }
    }

    struct Effects: Codable {
        var learningRate: LearningRateEffect?
        var steps: StepsEffect?
        var shape: BowlEffect?
        var heads: BowlEffect?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case learningRate = "learning_rate", steps, shape, heads
        }
    }

    struct Noise: Codable {
        var seed: UInt64
        var sigma: Double?
        /// `gaussian` or `student_t`.
        var tails: String?
        var degreesOfFreedom: Double?
        var outlierFraction: Double?
        var outlierScale: Double?
        var quantization: TreeQuantization?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case seed, sigma, tails, degreesOfFreedom = "degrees_of_freedom"
            case outlierFraction = "outlier_fraction", outlierScale = "outlier_scale", quantization
        }
    }

    /// `APIRules`' own keys; FLOPs are read as numbers so that `1.0e13` may be written, and
    /// must be whole.
    struct API: Codable {
        var dModel: [Int]
        var numLayers: [Int]
        var numHeads: [Int]
        var batchSizes: [Int]
        var learningRate: [Double]
        var trainFlops: [Double]
        var budget: Double
        enum CodingKeys: String, CodingKey, CaseIterable {
            case dModel = "d_model", numLayers = "num_layers", numHeads = "num_heads"
            case batchSizes = "batch_sizes", learningRate = "learning_rate"
            case trainFlops = "train_flops", budget
        }
    }

    struct Target: Codable {
        var budget: Double?
        var dModel: [Int]
        var numLayers: [Int]
        var numHeads: [Int]
        var batchSizes: [Int]
        var learningRate: [Double]
        enum CodingKeys: String, CodingKey, CaseIterable {
            case budget, dModel = "d_model", numLayers = "num_layers", numHeads = "num_heads"
            case batchSizes = "batch_sizes", learningRate = "learning_rate"
        }
    }

    /// Which keys each mapping may hold, by dotted path ("" is the top level).
    static let schema: [String: [String]] = [
        "": names(CodingKeys.self),
        "law": ChinchillaLaw.keyNames,
        "effects": names(Effects.CodingKeys.self),
        "effects.learning_rate": names(LearningRateEffect.CodingKeys.self),
        "effects.steps": names(StepsEffect.CodingKeys.self),
        "effects.shape": names(BowlEffect.CodingKeys.self),
        "effects.heads": names(BowlEffect.CodingKeys.self),
        "ceiling": names(Ceiling.CodingKeys.self),
        "noise": names(Noise.CodingKeys.self),
        "noise.quantization": names(TreeQuantization.CodingKeys.self),
        "api": names(API.CodingKeys.self),
        "target": names(Target.CodingKeys.self),
        "stated_truth": names(StatedTruth.CodingKeys.self),
        "discrepancy": names(Discrepancy.CodingKeys.self),
    ]

    private static func names<K: CodingKey & CaseIterable>(_: K.Type) -> [String] {
        K.allCases.map(\.stringValue)
    }
}

/// What a scenario's author states about its truth at the target (e.g. cs336-live's chosen
/// N* and L* at 1e19), so that tests and readers can check the surface says the same.
public struct StatedTruth: Hashable, Codable, Sendable {
    /// Non-embedding parameters of the continuous compute-optimal model at the target.
    public var nonEmbeddingParameters: Double
    /// Its expected loss.
    public var loss: Double
    enum CodingKeys: String, CodingKey, CaseIterable {
        case nonEmbeddingParameters = "non_embedding_parameters", loss
    }
}
