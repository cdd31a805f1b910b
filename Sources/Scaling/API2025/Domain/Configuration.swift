/// One training configuration of the course's API: the five hyperparameters a query names.
///
/// The wire names are the API's (`d_model`, `num_layers`, `num_heads`, `batch_size`,
/// `learning_rate`); `Codable` uses them so a configuration reads and writes the API's JSON as is.
///
/// ```swift
/// let c = Configuration(dModel: 512, numLayers: 8, numHeads: 8, batchSize: 128, learningRate: 1e-3)
/// c.nonEmbeddingParameters   // 12 * 8 * 512^2 = 25_165_824
/// c.tokens(trainFlops: 1e17) // 1e17 / (6 * 25_165_824)
/// ```
public struct Configuration: Hashable, Codable, Sendable, CustomStringConvertible {
    public var dModel: Int
    public var numLayers: Int
    public var numHeads: Int
    public var batchSize: Int
    public var learningRate: Double

    public init(dModel: Int, numLayers: Int, numHeads: Int, batchSize: Int, learningRate: Double) {
        self.dModel = dModel
        self.numLayers = numLayers
        self.numHeads = numHeads
        self.batchSize = batchSize
        self.learningRate = learningRate
    }

    enum CodingKeys: String, CodingKey {
        case dModel = "d_model"
        case numLayers = "num_layers"
        case numHeads = "num_heads"
        case batchSize = "batch_size"
        case learningRate = "learning_rate"
    }

    /// The assignment's parameter count: non-embedding parameters, `12 * num_layers * d_model^2`
    /// (attention 4 d^2 plus an MLP with d_ff = 4 d, 8 d^2, per layer).
    public var nonEmbeddingParameters: Double {
        12 * Double(numLayers) * Double(dModel) * Double(dModel)
    }

    /// Embedding parameters of an untied GPT-2-style model: input and output matrices, `2 * vocab * d_model`.
    public func embeddingParameters(vocabulary: Int) -> Double {
        2 * Double(vocabulary) * Double(dModel)
    }

    /// The tokens a run of `trainFlops` buys under the API's convention `C = 6 N D` with
    /// N the non-embedding count.
    public func tokens(trainFlops: Double) -> Double {
        trainFlops / (6 * nonEmbeddingParameters)
    }

    /// Aspect ratio d_model / num_layers.
    public var aspectRatio: Double { Double(dModel) / Double(numLayers) }

    /// Head dimension d_model / num_heads (the live API does not require it to be whole).
    public var headDimension: Double { Double(dModel) / Double(numHeads) }

    /// `d_model=512,num_layers=8,num_heads=8,batch_size=128,learning_rate=0.001`: the form
    /// `--config` accepts.
    public var description: String {
        "d_model=\(dModel),num_layers=\(numLayers),num_heads=\(numHeads),batch_size=\(batchSize),learning_rate=\(learningRate)"
    }
}

extension Configuration {
    /// Parses the `--config` form `d_model=512,num_layers=8,num_heads=8,batch_size=128,learning_rate=1e-3`.
    /// Every key is required once; the error names the key and the bad value.
    public init(parsing text: String) throws(ConfigurationParseError) {
        var values: [String: String] = [:]
        for item in text.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ConfigurationParseError("'\(item)' is not key=value; expected e.g. \(Configuration.example)")
            }
            guard CodingKeys(rawValue: parts[0]) != nil else {
                throw ConfigurationParseError("unknown key '\(parts[0])'; accepted keys: \(Configuration.keyList)")
            }
            guard values[parts[0]] == nil else {
                throw ConfigurationParseError("key '\(parts[0])' is given twice")
            }
            values[parts[0]] = parts[1]
        }
        let missing = Configuration.keys.filter { values[$0] == nil }
        guard missing.isEmpty else {
            throw ConfigurationParseError("missing key\(missing.count > 1 ? "s" : "") \(missing.map { "'\($0)'" }.joined(separator: ", ")); expected e.g. \(Configuration.example)")
        }
        func int(_ key: CodingKeys) throws(ConfigurationParseError) -> Int {
            guard let raw = values[key.rawValue] else {
                throw ConfigurationParseError("missing key '\(key.rawValue)'; expected e.g. \(Configuration.example)")
            }
            guard let v = Int(raw) else {
                throw ConfigurationParseError("\(key.rawValue) must be a whole number, got '\(raw)'")
            }
            return v
        }
        guard let rawLR = values[CodingKeys.learningRate.rawValue] else {
            throw ConfigurationParseError("missing key 'learning_rate'; expected e.g. \(Configuration.example)")
        }
        guard let lr = Double(rawLR), lr.isFinite else {
            throw ConfigurationParseError("learning_rate must be a finite number, got '\(rawLR)'")
        }
        self.init(
            dModel: try int(.dModel), numLayers: try int(.numLayers), numHeads: try int(.numHeads),
            batchSize: try int(.batchSize), learningRate: lr)
    }

    static let example = "d_model=512,num_layers=8,num_heads=8,batch_size=128,learning_rate=1e-3"
    static let keys = ["d_model", "num_layers", "num_heads", "batch_size", "learning_rate"]
    static let keyList = keys.joined(separator: ", ")
}

public struct ConfigurationParseError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = "bad --config: " + description }
}

import Foundation
