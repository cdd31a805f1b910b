/// One answered query: a configuration, the FLOPs it was trained for, and the loss the API gave.
///
/// Encodes flat, exactly as an entry of the API's `/previous_runs`:
/// `{"d_model": 1024, "num_layers": 24, "num_heads": 16, "batch_size": 128,
///   "learning_rate": 0.001, "train_flops": 10000000000000000, "loss": 9.07}`.
public struct Run: Hashable, Codable, Sendable {
    public var configuration: Configuration
    /// FLOPs of the run, as the API counts them (an integer on the wire).
    public var trainFlops: Int64
    public var loss: Double

    public init(configuration: Configuration, trainFlops: Int64, loss: Double) {
        self.configuration = configuration
        self.trainFlops = trainFlops
        self.loss = loss
    }

    enum CodingKeys: String, CodingKey {
        case trainFlops = "train_flops"
        case loss
    }

    public init(from decoder: any Decoder) throws {
        configuration = try Configuration(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        trainFlops = try c.decode(Int64.self, forKey: .trainFlops)
        loss = try c.decode(Double.self, forKey: .loss)
    }

    public func encode(to encoder: any Encoder) throws {
        try configuration.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(trainFlops, forKey: .trainFlops)
        try c.encode(loss, forKey: .loss)
    }

    /// The query this run answered.
    public var query: Query { Query(configuration: configuration, trainFlops: trainFlops) }
}

/// A question to the API: a configuration and the FLOPs to train it for. Two queries that are
/// equal cost a key once (the API caches by configuration and FLOPs).
public struct Query: Hashable, Codable, Sendable {
    public var configuration: Configuration
    public var trainFlops: Int64

    public init(configuration: Configuration, trainFlops: Int64) {
        self.configuration = configuration
        self.trainFlops = trainFlops
    }

    enum CodingKeys: String, CodingKey { case trainFlops = "train_flops" }

    public init(from decoder: any Decoder) throws {
        configuration = try Configuration(from: decoder)
        trainFlops = try decoder.container(keyedBy: CodingKeys.self).decode(Int64.self, forKey: .trainFlops)
    }

    public func encode(to encoder: any Encoder) throws {
        try configuration.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(trainFlops, forKey: .trainFlops)
    }
}
