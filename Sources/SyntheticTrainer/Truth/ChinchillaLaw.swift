import Foundation

/// The Chinchilla form of the loss, `L(N, D) = E + A / N^alpha + B / D^beta`
/// (Hoffmann et al. 2022, Approach 3), and its compute-optimal frontier under `C = 6 N D`.
///
/// Frontier (fitting.md): minimising `L` subject to `N D = C / 6` gives
/// `N*(C) = G (C/6)^a`, `D*(C) = (C/6)^b / G` with `a = beta / (alpha + beta)`,
/// `b = alpha / (alpha + beta)`, `G = (alpha A / (beta B))^(1 / (alpha + beta))`.
/// Exact for this law; it ignores every effect the law does not contain (ceiling, learning
/// rate, steps, shape, heads, embedding parameters).
public struct ChinchillaLaw: Hashable, Codable, Sendable {
    /// Irreducible loss E (nats).
    public var e: Double
    /// Parameter coefficient A and exponent alpha.
    public var a: Double
    public var alpha: Double
    /// Data coefficient B and exponent beta.
    public var b: Double
    public var beta: Double

    public init(e: Double, a: Double, alpha: Double, b: Double, beta: Double) {
        self.e = e; self.a = a; self.alpha = alpha; self.b = b; self.beta = beta
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case e = "E", a = "A", alpha, b = "B", beta
    }

    /// `E + A / N^alpha + B / D^beta`.
    @inlinable
    public func loss(parameters n: Double, tokens d: Double) -> Double {
        loss(logParameters: Foundation.log(n), logTokens: Foundation.log(d))
    }

    /// The same from ln N and ln D: `E + A exp(-alpha ln N) + B exp(-beta ln D)`.
    @inlinable
    public func loss(logParameters: Double, logTokens: Double) -> Double {
        e + a * Foundation.exp(-alpha * logParameters) + b * Foundation.exp(-beta * logTokens)
    }

    /// The closed-form frontier at `trainFlops`: (N*, D*, L*).
    public func frontier(trainFlops c: Double) -> (parameters: Double, tokens: Double, loss: Double) {
        let g = Foundation.pow(alpha * a / (beta * b), 1 / (alpha + beta))
        let n = g * Foundation.pow(c / 6, beta / (alpha + beta))
        let d = Foundation.pow(c / 6, alpha / (alpha + beta)) / g
        return (n, d, loss(parameters: n, tokens: d))
    }
}
