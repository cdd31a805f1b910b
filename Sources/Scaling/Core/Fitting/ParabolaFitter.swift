import Foundation

/// The quadratic L = p0 + p1 x + p2 x^2, x = ln N, fitted to one IsoFLOP profile.
public struct ParabolaProfile: Encodable, Sendable, Equatable {
    public var compute: Double
    /// (p0, p1, p2); empty when the profile had too few distinct sizes to fit.
    public var coefficients: [Double]
    /// The sampled range of N.
    public var smallest: Double
    public var largest: Double
    /// e^(x*), x* = -p1 / (2 p2); NaN when p2 <= 0.
    public var vertexParameters: Double
    /// The parabola's value at the vertex.
    public var vertexLoss: Double
    /// Whether the vertex stands for the budget's optimum, or why not.
    public var verdict: Verdict

    /// A profile's verdict. JSON and text show it as its description ("accepted", or why not).
    public enum Verdict: Sendable, Equatable, Encodable, CustomStringConvertible {
        case accepted
        /// Fewer than three distinct sizes (how many there were): no parabola.
        case tooFewSizes(Int)
        /// p2 <= 0: no minimum.
        case opensDownward(curvature: Double)
        /// The vertex lies outside the sizes tried: an extrapolated minimum.
        case vertexOutsideRange(vertex: Double, smallest: Double, largest: Double)

        public var description: String {
            switch self {
            case .accepted: "accepted"
            case .tooFewSizes(let n): "fewer than 3 distinct sizes (\(n))"
            case .opensDownward(let p2): "opens downward (p2 = \(String(format: "%.3g", p2)))"
            case .vertexOutsideRange(let v, let lo, let hi): "vertex N = \(v.formatted3) outside the sampled range [\(lo.formatted3), \(hi.formatted3)]"
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(description)
        }
    }

    public var accepted: Bool { verdict == .accepted }

    enum CodingKeys: String, CodingKey {
        case compute, coefficients, smallest, largest, vertexParameters, vertexLoss, accepted, verdict
    }

    /// The fields in declaration order, `accepted` beside the verdict (as the reports always had).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(compute, forKey: .compute)
        try c.encode(coefficients, forKey: .coefficients)
        try c.encode(smallest, forKey: .smallest)
        try c.encode(largest, forKey: .largest)
        try c.encode(vertexParameters, forKey: .vertexParameters)
        try c.encode(vertexLoss, forKey: .vertexLoss)
        try c.encode(accepted, forKey: .accepted)
        try c.encode(verdict, forKey: .verdict)
    }


    /// The parabola at N.
    public func loss(parameters n: Double) -> Double {
        let x = Foundation.log(n)
        return coefficients[0] + coefficients[1] * x + coefficients[2] * x * x
    }
}

/// Chinchilla's Approach 2: a parabola in ln N through each IsoFLOP profile; its vertex is the
/// budget's N_opt and its minimum the budget's loss. Power laws in log space through the accepted
/// vertices.
///
/// A profile is rejected, and the rejection reported, when it has fewer than three distinct
/// sizes, when the parabola opens downward (p2 <= 0: no minimum), or when the vertex lies outside
/// the sampled range of N (an extrapolated minimum the data do not show). With unequal exponents
/// the vertex is biased when the sizes are not centred on the optimum.
public struct ParabolaFitter: ComputeOptimalFitter {
    public var method: FitMethod { .parabola }
    public init() {}

    public func fit(points: [Observation]) throws -> PerBudgetFit {
        let profiles = try IsoFLOPProfile.group(points).map(Self.parabola)
        let optima = profiles.filter(\.accepted).map {
            BudgetOptimum(compute: $0.compute, parameters: $0.vertexParameters, loss: $0.vertexLoss)
        }
        guard optima.count >= 2 else {
            throw FittingError(.parabola, "only \(optima.count) of \(profiles.count) profiles have an acceptable vertex: "
                + profiles.filter { !$0.accepted }.map { "C=\($0.compute.formatted3): \($0.verdict)" }.joined(separator: "; "))
        }
        return try PerBudgetFit(method: .parabola, optima: optima, profiles: profiles)
    }

    /// Fit and judge one profile.
    public static func parabola(_ profile: IsoFLOPProfile) throws -> ParabolaProfile {
        let ns = profile.points.map(\.parameters)
        let smallest = ns.min() ?? .nan
        let largest = ns.max() ?? .nan
        var result = ParabolaProfile(
            compute: profile.compute, coefficients: [], smallest: smallest, largest: largest,
            vertexParameters: .nan, vertexLoss: .nan, verdict: .tooFewSizes(Set(ns).count))
        guard Set(ns).count >= 3 else {
            return result
        }
        let design = Matrix(rows: ns.map { n in let x = Foundation.log(n); return [1, x, x * x] })
        let p = try LinearLeastSquares.fit(design: design, observations: profile.points.map(\.loss)).coefficients
        result.coefficients = p
        guard p[2] > 0 else {
            result.verdict = .opensDownward(curvature: p[2])
            return result
        }
        let vertex = -p[1] / (2 * p[2])
        result.vertexParameters = Foundation.exp(vertex)
        result.vertexLoss = p[0] - p[1] * p[1] / (4 * p[2])
        guard result.vertexParameters >= smallest, result.vertexParameters <= largest else {
            result.verdict = .vertexOutsideRange(vertex: result.vertexParameters, smallest: smallest, largest: largest)
            return result
        }
        result.verdict = .accepted
        return result
    }
}
