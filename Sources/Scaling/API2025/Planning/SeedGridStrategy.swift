/// The naive design a typical first attempt writes down, kept as the baseline to beat.
///
/// Ten budgets (1e15 ... 1e18) times the same six model shapes (d_model 128 ... 1024 at an
/// aspect ratio of 64, head dimension 64), batch 256, learning rate 3e-4. It wants six times
/// 2.11e18 = 1.266e19 FLOPs, over six times the 2e18 budget: `plan` reports it as over budget,
/// and a campaign cuts it at the cap (asking in the listed order, smallest budgets first).
public struct SeedGridStrategy: StaticDesign {
    public var name: String { "seed-grid" }
    public var summary: String {
        "naive baseline: 10 budgets 1e15..1e18 x 6 fixed sizes, batch 256, lr 3e-4 (wants 1.27e19 FLOPs)"
    }

    public static let budgets: [Int64] = [
        1_000_000_000_000_000, 3_000_000_000_000_000, 6_000_000_000_000_000,
        10_000_000_000_000_000, 30_000_000_000_000_000, 60_000_000_000_000_000,
        100_000_000_000_000_000, 300_000_000_000_000_000, 600_000_000_000_000_000,
        1_000_000_000_000_000_000,
    ]
    /// (d_model, num_layers) of the six sizes, 2.0e5 ... 2.0e8 non-embedding parameters.
    public static let shapes: [(dModel: Int, numLayers: Int)] = [
        (128, 2), (256, 4), (384, 6), (512, 8), (768, 12), (1024, 16),
    ]

    public init() {}

    public func design(rules: APIRules) throws -> [Query] {
        Self.budgets.flatMap { flops in
            Self.shapes.map { shape in
                Query(configuration: Configuration(dModel: shape.dModel, numLayers: shape.numLayers,
                                                   numHeads: shape.dModel / 64, batchSize: 256, learningRate: 3e-4),
                      trainFlops: flops)
            }
        }
    }
}
