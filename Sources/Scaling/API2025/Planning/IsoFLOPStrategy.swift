import Foundation

/// A configurable IsoFLOP grid: at each budget C, `sizesPerBudget` model sizes log-spaced over
/// `[guess / span, guess * span]` around a guessed optimum `guess = sqrt(C / (6 * tokensPerParameter))`
/// (Chinchilla's rule of thumb: 20 tokens per parameter), shaped by a `ShapeRule`, all at one
/// batch size and learning rate. The whole grid is checked against the rules and the budget by
/// `plan` before anything is sent.
public struct IsoFLOPStrategy: StaticDesign, Codable, Hashable {
    public var budgets: [Int64]
    public var sizesPerBudget: Int
    /// The grid spans the guessed optimum divided and multiplied by this factor (> 1).
    public var span: Double
    public var tokensPerParameter: Double
    public var shape: ShapeRule
    public var batchSize: Int
    public var learningRate: Double

    public var name: String { "isoflop" }
    public var summary: String {
        "IsoFLOP grid: \(budgets.count) budgets x \(sizesPerBudget) sizes within x\(NumberFormat.general(span, digits: 3)) of \(NumberFormat.general(tokensPerParameter, digits: 3)) tokens/parameter, batch \(batchSize), lr \(learningRate)"
    }

    /// The default grid: six budgets 1e15 ... 3e17, four sizes each, within a factor 3 of
    /// 20 tokens per parameter, batch 128, learning rate 1e-3: 1.78e18 FLOPs.
    public init(
        budgets: [Int64] = [1_000_000_000_000_000, 3_000_000_000_000_000, 10_000_000_000_000_000,
                            30_000_000_000_000_000, 100_000_000_000_000_000, 300_000_000_000_000_000],
        sizesPerBudget: Int = 4, span: Double = 3, tokensPerParameter: Double = TokensPerParameterRule.chinchilla,
        shape: ShapeRule = ShapeRule(), batchSize: Int = 128, learningRate: Double = 1e-3
    ) {
        self.budgets = budgets
        self.sizesPerBudget = sizesPerBudget
        self.span = span
        self.tokensPerParameter = tokensPerParameter
        self.shape = shape
        self.batchSize = batchSize
        self.learningRate = learningRate
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case budgets, sizesPerBudget = "sizes_per_budget", span, tokensPerParameter = "tokens_per_parameter"
        case shape, batchSize = "batch_size", learningRate = "learning_rate"
    }

    /// The keys a strategy file may give beside `strategy: isoflop`; a misspelt key is an error.
    public static let fileKeys = CodingKeys.allCases.map(\.rawValue)

    /// The most sizes per budget and the widest span a grid may ask for: far past any useful
    /// grid, and small enough that the plan is built at once.
    public static let maxSizesPerBudget = 100
    public static let maxSpan = 1_000.0

    public init(from decoder: any Decoder) throws {
        let d = IsoFLOPStrategy()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            budgets: try Self.decodeFlops(c) ?? d.budgets,
            sizesPerBudget: try c.decodeIfPresent(Int.self, forKey: .sizesPerBudget) ?? d.sizesPerBudget,
            span: try c.decodeIfPresent(Double.self, forKey: .span) ?? d.span,
            tokensPerParameter: try c.decodeIfPresent(Double.self, forKey: .tokensPerParameter) ?? d.tokensPerParameter,
            shape: try c.decodeIfPresent(ShapeRule.self, forKey: .shape) ?? d.shape,
            batchSize: try c.decodeIfPresent(Int.self, forKey: .batchSize) ?? d.batchSize,
            learningRate: try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? d.learningRate)
    }

    /// Budgets may be written `1e16` as well as `10000000000000000`; they must be whole numbers.
    static func decodeFlops(_ c: KeyedDecodingContainer<CodingKeys>) throws -> [Int64]? {
        if let ints = try? c.decodeIfPresent([Int64].self, forKey: .budgets) { return ints }
        guard let values = try c.decodeIfPresent([Double].self, forKey: .budgets) else { return nil }
        return try values.map { v in
            guard v.isFinite, v >= 1, v < 9.2e18, v.rounded() == v else {
                throw DecodingError.dataCorruptedError(forKey: .budgets, in: c,
                    debugDescription: "budgets must be whole positive FLOP counts such as 1e16, got \(v)")
            }
            return Int64(v)
        }
    }

    /// Errors in the parameters themselves (not the rules), each naming the field and value.
    public func parameterErrors() -> [String] {
        var e: [String] = []
        if budgets.isEmpty { e.append("budgets must list at least one train_flops value, got []") }
        if let bad = budgets.first(where: { $0 <= 0 }) { e.append("budgets must be positive FLOP counts such as 1e16, got \(bad)") }
        if !(1...Self.maxSizesPerBudget).contains(sizesPerBudget) {
            e.append("sizes_per_budget must be in 1...\(Self.maxSizesPerBudget), got \(sizesPerBudget)")
        }
        if !(span > 1 && span <= Self.maxSpan) { e.append("span must be a factor in (1, \(Int(Self.maxSpan))], got \(span)") }
        if !(tokensPerParameter > 0 && tokensPerParameter <= 1e6) {
            e.append("tokens_per_parameter must be in (0, 1000000], got \(tokensPerParameter)")
        }
        return e + shape.parameterErrors()
    }

    public func design(rules: APIRules) throws -> [Query] {
        let errors = parameterErrors()
        guard errors.isEmpty else { throw PlanError(errors.joined(separator: "; ")) }
        var out: [Query] = []
        for flops in budgets {
            let guess = TokensPerParameterRule.parameters(compute: Double(flops), tokensPerParameter: tokensPerParameter)
            for n in LogSpacing.around(guess, span: span, count: sizesPerBudget) {
                let c = shape.configuration(parameters: n, dModel: rules.dModel, numLayers: rules.numLayers,
                                            numHeads: rules.numHeads, batchSize: batchSize, learningRate: learningRate)
                let q = Query(configuration: c, trainFlops: flops)
                if !out.contains(q) { out.append(q) }
            }
        }
        return out
    }
}
