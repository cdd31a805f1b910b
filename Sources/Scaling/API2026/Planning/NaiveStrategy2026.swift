/// The start students make (docs/rehearsing-2026.md §5): the handout's settings everywhere
/// (AdamW at the default peak rate 3e-4, batch 128), a fixed grid of five sizes by three token
/// counts decided before anything runs, and the same generous reservation for every run
/// (`reservationSeconds`, an hour), so few runs fit in flight and a large one can still time out.
///
/// ```swift
/// NaiveStrategy2026().design.count   // 15
/// ```
public struct NaiveStrategy2026: Strategy2026 {
    public var name: String { "naive" }
    public var summary: String { "the handout's lr 3e-4 and batch 128 on a fixed 5×3 grid, every run reserving \(Int(reservationSeconds)) s" }
    public var isSequential: Bool { false }
    public var maxInFlight: Int
    public var reservationSeconds: Double
    /// (width, layers) of the grid's sizes.
    public var sizes: [(width: Int, layers: Int)]
    public var tokenCounts: [Double]

    public init(maxInFlight: Int = 4, reservationSeconds: Double = 3600,
                sizes: [(width: Int, layers: Int)] = [(256, 4), (384, 6), (512, 8), (640, 10), (768, 12)],
                tokenCounts: [Double] = [33_554_432, 134_217_728, 536_870_912]) {
        self.maxInFlight = maxInFlight
        self.reservationSeconds = reservationSeconds
        self.sizes = sizes
        self.tokenCounts = tokenCounts
    }

    /// Every run of the grid, smallest first.
    public var design: [TrainingConfig] {
        tokenCounts.flatMap { tokens in
            sizes.map { ConfigBuilder2026.config(width: $0.width, layers: $0.layers, batch: 128, peakLR: 3e-4,
                                                 tokens: tokens, maxRuntimeSeconds: reservationSeconds) }
        }
    }

    public func nextConfigs(_ view: CampaignView2026) throws -> [TrainingConfig] {
        design.filter { !view.hasAsked($0) }
    }
}

/// The built-in 2026 strategies by the names `--strategy` accepts.
public enum StrategyCatalog2026 {
    public static var all: [any Strategy2026] { [NaiveStrategy2026(), IsoTimeStrategy2026(), AdaptiveStrategy2026()] }

    public static var names: [String] { all.map(\.name) }

    public static func named(_ name: String) throws(PlanError) -> any Strategy2026 {
        guard let s = all.first(where: { $0.name == name }) else {
            throw PlanError("unknown 2026 strategy '\(name)'; accepted: \(names.joined(separator: ", "))")
        }
        return s
    }
}
