import Foundation

/// The Chinchilla loss surface L(N, D) = E + A / N^alpha + B / D^beta (Hoffmann et al. 2022,
/// Approach 3) and its compute-optimal frontier under C = 6 N D: what the fitters estimate and
/// what a synthetic truth is built on.
///
/// Minimising L along N D = C/6 gives (Hoffmann et al. 2022, eq. 4; fitting.md)
/// N_opt(C) = G (C/6)^a, D_opt(C) = (C/6)^b / G, with a = beta / (alpha + beta),
/// b = alpha / (alpha + beta), G = (alpha A / (beta B))^(1 / (alpha + beta)).
/// The frontier exists only for alpha, beta > 0 and A, B > 0; `isProper` says so. It is exact
/// for this law and ignores every effect the law does not contain (ceiling, learning rate,
/// steps, shape, heads, embedding parameters).
///
/// Encoded (JSON, scenario YAML) with the keys `E`, `A`, `alpha`, `B`, `beta` (`keyNames`).
///
/// ```swift
/// let law = ChinchillaLaw(E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28)
/// law.nOpt(compute: 1e23)   // ~ 3.3e10 (with these published values)
/// ```
public struct ChinchillaLaw: Hashable, Codable, Sendable {
    /// Irreducible loss E (nats).
    public var E: Double
    /// Parameter coefficient A and exponent alpha.
    public var A: Double
    public var alpha: Double
    /// Data coefficient B and exponent beta.
    public var B: Double
    public var beta: Double

    public init(E: Double, A: Double, B: Double, alpha: Double, beta: Double) {
        self.E = E
        self.A = A
        self.B = B
        self.alpha = alpha
        self.beta = beta
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case E, A, alpha, B, beta
    }

    /// The encoded keys, in file order: what a scenario's `law` mapping may hold.
    public static let keyNames: [String] = CodingKeys.allCases.map(\.stringValue)

    /// `E + A / N^alpha + B / D^beta`, by `pow`.
    public func loss(parameters n: Double, tokens d: Double) -> Double {
        E + A / Foundation.pow(n, alpha) + B / Foundation.pow(d, beta)
    }

    /// The same from ln N and ln D, `E + A exp(-alpha ln N) + B exp(-beta ln D)`: the truth's
    /// hot path, which already has the logarithms. Agrees with `loss(parameters:tokens:)` to
    /// rounding (a few ulps), not bit for bit.
    @inlinable
    public func loss(logParameters: Double, logTokens: Double) -> Double {
        E + A * Foundation.exp(-alpha * logParameters) + B * Foundation.exp(-beta * logTokens)
    }

    /// Whether the frontier is defined (alpha, beta, A, B positive and everything finite).
    public var isProper: Bool {
        [E, A, B, alpha, beta].allSatisfy(\.isFinite) && alpha > 0 && beta > 0 && A > 0 && B > 0
    }

    /// a = beta / (alpha + beta).
    public var nExponent: Double { beta / (alpha + beta) }
    /// G = (alpha A / (beta B))^(1 / (alpha + beta)).
    public var frontierScale: Double { Foundation.pow(alpha * A / (beta * B), 1 / (alpha + beta)) }

    public func nOpt(compute c: Double) -> Double { frontierScale * Foundation.pow(c / 6, nExponent) }
    public func dOpt(compute c: Double) -> Double { Foundation.pow(c / 6, 1 - nExponent) / frontierScale }
    /// L(N_opt(C), D_opt(C)).
    public func frontierLoss(compute c: Double) -> Double { loss(parameters: nOpt(compute: c), tokens: dOpt(compute: c)) }

    /// N_opt = k C^a with k = G 6^-a.
    public var nOptLaw: PowerLaw {
        PowerLaw(coefficient: frontierScale * Foundation.pow(6, -nExponent), exponent: nExponent)
    }

    /// D_opt = k' C^b with k' = 6^-b / G.
    public var dOptLaw: PowerLaw {
        PowerLaw(coefficient: Foundation.pow(6, -(1 - nExponent)) / frontierScale, exponent: 1 - nExponent)
    }

    /// The frontier at `trainFlops` as the truth reports it: (N_opt, D_opt, L) with
    /// D_opt = (C/6)^(alpha / (alpha + beta)) / G (the same value as `dOpt`, whose exponent is
    /// written 1 - a, up to an ulp) and L by `loss(logParameters:logTokens:)`.
    public func frontier(trainFlops c: Double) -> (parameters: Double, tokens: Double, loss: Double) {
        let n = nOpt(compute: c)
        let d = Foundation.pow(c / 6, alpha / (alpha + beta)) / frontierScale
        return (n, d, loss(logParameters: Foundation.log(n), logTokens: Foundation.log(d)))
    }
}
