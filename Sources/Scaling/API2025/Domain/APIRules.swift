/// The training API's rules: which values each parameter of `/loss` accepts and how much a key
/// may spend. The mock server, the client's pre-flight check and the planners all use this one
/// definition, so a query the client accepts is exactly a query the server accepts.
///
/// The defaults are the live 2025 service's (api-2025.md). Note what it does *not* check:
/// `d_model % num_heads` may be non-zero, and any learning rate inside the range is accepted.
public struct APIRules: Hashable, Codable, Sendable {
    public var dModel: ClosedRange<Int>
    public var numLayers: ClosedRange<Int>
    public var numHeads: ClosedRange<Int>
    public var batchSizes: [Int]
    public var learningRate: ClosedRange<Double>
    /// The allowed values of `train_flops`, ascending.
    public var trainFlops: [Int64]
    /// The most a key may spend: the sum of `train_flops` over its distinct queries.
    public var budget: Int64

    public init(
        dModel: ClosedRange<Int> = 64...1024,
        numLayers: ClosedRange<Int> = 2...24,
        numHeads: ClosedRange<Int> = 2...16,
        batchSizes: [Int] = [128, 256],
        learningRate: ClosedRange<Double> = 1e-4...1e-3,
        trainFlops: [Int64] = APIRules.liveTrainFlops,
        budget: Int64 = 2_000_000_000_000_000_000
    ) {
        self.dModel = dModel
        self.numLayers = numLayers
        self.numHeads = numHeads
        self.batchSizes = batchSizes
        self.learningRate = learningRate
        self.trainFlops = trainFlops.sorted()
        self.budget = budget
    }

    /// The live service's rules.
    public static let live = APIRules()

    /// 1e13, 3e13, 6e13, ..., 6e17, 1e18: the sixteen budgets the live service trains for.
    public static let liveTrainFlops: [Int64] = {
        var values: [Int64] = []
        var decade: Int64 = 10_000_000_000_000
        while decade <= 100_000_000_000_000_000 {
            values += [decade, 3 * decade, 6 * decade]
            decade *= 10
        }
        values.append(1_000_000_000_000_000_000)
        return values
    }()

    /// Every rule the query breaks, in parameter order; empty when the API would accept it.
    /// The messages are the API's 404 bodies: `d_model must be in range [64, 1024], got 9999`.
    public func violations(of query: Query) -> [RuleViolation] {
        let c = query.configuration
        var out: [RuleViolation] = []
        func range<T: Comparable>(_ name: String, _ r: ClosedRange<T>, _ v: T, _ show: (T) -> String) {
            if !r.contains(v) {
                out.append(RuleViolation(parameter: name,
                    message: "\(name) must be in range [\(show(r.lowerBound)), \(show(r.upperBound))], got \(show(v))"))
            }
        }
        range("d_model", dModel, c.dModel, String.init)
        range("num_layers", numLayers, c.numLayers, String.init)
        range("num_heads", numHeads, c.numHeads, String.init)
        if !batchSizes.contains(c.batchSize) {
            out.append(RuleViolation(parameter: "batch_size",
                message: "batch_size must be one of \(Self.list(batchSizes)), got \(c.batchSize)"))
        }
        if !c.learningRate.isFinite {
            out.append(RuleViolation(parameter: "learning_rate",
                message: "learning_rate must be a finite number in range [\(learningRate.lowerBound), \(learningRate.upperBound)], got \(c.learningRate)"))
        } else {
            range("learning_rate", learningRate, c.learningRate) { "\($0)" }
        }
        if !trainFlops.contains(query.trainFlops) {
            out.append(RuleViolation(parameter: "train_flops",
                message: "train_flops must be one of \(Self.list(trainFlops)), got \(query.trainFlops)"))
        }
        return out
    }

    /// Throws the first violation, if any.
    public func validate(_ query: Query) throws(RuleViolation) {
        if let first = violations(of: query).first { throw first }
    }

    static func list<T>(_ values: [T]) -> String {
        "[" + values.map { "\($0)" }.joined(separator: ", ") + "]"
    }

    enum CodingKeys: String, CodingKey {
        case dModel = "d_model", numLayers = "num_layers", numHeads = "num_heads"
        case batchSizes = "batch_sizes", learningRate = "learning_rate"
        case trainFlops = "train_flops", budget
    }
}

/// A value the API refuses. `message` is the API's own wording, suitable as a 404 body.
public struct RuleViolation: Error, Hashable, Sendable, CustomStringConvertible {
    public let parameter: String
    public let message: String
    public init(parameter: String, message: String) {
        self.parameter = parameter
        self.message = message
    }
    public var description: String { message }
}

/// A query that would take a key past its budget. The message states the cap, the amount used
/// and the amount asked, as the mock server's refusal and the client's local check both say it.
public struct BudgetExceeded: Error, Hashable, Sendable, CustomStringConvertible {
    public let budget: Int64
    public let used: Int64
    public let requested: Int64
    public init(budget: Int64, used: Int64, requested: Int64) {
        self.budget = budget
        self.used = used
        self.requested = requested
    }
    public var description: String {
        let (sum, overflow) = used.addingReportingOverflow(requested)
        return "budget exceeded: this key may spend at most \(budget) FLOPs, has used \(used), and the query asks for \(requested) more (\(overflow ? "more than \(Int64.max)" : "\(sum)") > \(budget))"
    }
}
