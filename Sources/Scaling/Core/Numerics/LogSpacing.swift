import Foundation

/// Log-spaced values: the sizes of an IsoFLOP profile around a guess, the budgets of a band.
public enum LogSpacing {
    /// `count` values log-spaced over `[centre / span, centre * span]`, smallest first; one value
    /// is the centre itself.
    public static func around(_ centre: Double, span: Double, count: Int) -> [Double] {
        (0..<max(count, 0)).map { i in
            let t = count == 1 ? 0.5 : Double(i) / Double(count - 1)
            return centre * Foundation.exp((2 * t - 1) * Foundation.log(span))
        }
    }

    /// `count` values log-spaced from `low` to `high`, both ends included; the last is `high`
    /// exactly (not `low * (high / low)`, which may differ in the last digit).
    public static func points(from low: Double, to high: Double, count: Int) -> [Double] {
        guard count > 1 else { return [high] }
        return (0..<(count - 1)).map { low * pow(high / low, Double($0) / Double(count - 1)) } + [high]
    }
}

/// The rule of thumb that plans start from before any run is answered: a compute-optimal model
/// trains on a fixed number of tokens per parameter (Hoffmann et al. 2022: about 20), so with
/// C = 6 N D, N = sqrt(C / (6 * tokensPerParameter)).
public enum TokensPerParameterRule {
    /// Chinchilla's ratio.
    public static let chinchilla: Double = 20

    public static func parameters(compute: Double, tokensPerParameter: Double = chinchilla) -> Double {
        (compute / (6 * tokensPerParameter)).squareRoot()
    }
}
