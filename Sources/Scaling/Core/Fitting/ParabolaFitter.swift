import Foundation

/// The quadratic L = p0 + p1 x + p2 x^2, x = ln N, fitted to one IsoFLOP profile.
public struct ParabolaProfile: Codable, Sendable, Equatable {
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
    public var accepted: Bool
    /// "accepted", or why the profile was rejected.
    public var verdict: String

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

    public func fit(points: [IsoFLOPPoint]) throws -> PerBudgetFit {
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
            vertexParameters: .nan, vertexLoss: .nan, accepted: false, verdict: "")
        guard Set(ns).count >= 3 else {
            result.verdict = "fewer than 3 distinct sizes (\(Set(ns).count))"
            return result
        }
        let design = Matrix(rows: ns.map { n in let x = Foundation.log(n); return [1, x, x * x] })
        let p = try LinearLeastSquares.fit(design: design, observations: profile.points.map(\.loss)).coefficients
        result.coefficients = p
        guard p[2] > 0 else {
            result.verdict = "opens downward (p2 = \(String(format: "%.3g", p[2])))"
            return result
        }
        let vertex = -p[1] / (2 * p[2])
        result.vertexParameters = Foundation.exp(vertex)
        result.vertexLoss = p[0] - p[1] * p[1] / (4 * p[2])
        guard result.vertexParameters >= smallest, result.vertexParameters <= largest else {
            result.verdict = "vertex N = \(result.vertexParameters.formatted3) outside the sampled range [\(smallest.formatted3), \(largest.formatted3)]"
            return result
        }
        result.accepted = true
        result.verdict = "accepted"
        return result
    }
}
