import Scaling

/// What `harness bench server` sends: `clients` connections, each sending `requestsPerClient`
/// `/loss` requests over one HTTP/1.1 keep-alive connection; each request picks a key and one of
/// that key's `configurationsPerKey` queries with a seeded generator, so the load mixes new
/// queries (first time asked: charged, stored) with repeats (free), and runs into the cap.
public struct LoadPlan: Sendable {
    public var clients: Int
    public var requestsPerClient: Int
    public var keys: [String]
    public var configurationsPerKey: Int
    public var seed: UInt64

    public init(clients: Int = 8, requestsPerClient: Int = 3000, keyCount: Int = 4, configurationsPerKey: Int = 200, seed: UInt64 = 1) {
        self.clients = clients
        self.requestsPerClient = requestsPerClient
        self.keys = (0..<keyCount).map { "bench-key-\($0)" }
        self.configurationsPerKey = configurationsPerKey
        self.seed = seed
    }

    /// The query pool of each key (the same pool for every key; keys differ in what they ask
    /// when). FLOPs cycle through the ten smallest allowed values, and every 25th query asks for
    /// the third largest (6e17 live), so a key that draws enough of those reaches its cap part way.
    public func pool(rules: APIRules) -> [Query] {
        var rng = SplitMix64(seed: seed)
        return (0..<configurationsPerKey).map { i in
            let c = Configuration(
                dModel: rng.int(in: rules.dModel), numLayers: rng.int(in: rules.numLayers), numHeads: rng.int(in: rules.numHeads),
                batchSize: rules.batchSizes[rng.int(in: 0...(rules.batchSizes.count - 1))],
                learningRate: rules.learningRate.lowerBound + (rules.learningRate.upperBound - rules.learningRate.lowerBound) * rng.nextUnit())
            let small = rules.trainFlops.prefix(10)
            let flops = i % 25 == 24 ? rules.trainFlops[max(0, rules.trainFlops.count - 3)] : small[small.startIndex + i % small.count]
            return Query(configuration: c, trainFlops: flops)
        }
    }
}
