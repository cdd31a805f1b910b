import CGSL
import Foundation

/// Draws from a distribution by its inverse CDF (GSL's `gsl_cdf_*_Pinv`), given a uniform
/// number in [0, 1): the caller owns the seeded stream, so a draw is a pure function of it
/// (and can come from a stateless hash such as `SplitMix64.uniform`).
///
/// ```swift
/// InverseCDF.exponential(unit: 0.5, mean: 10)                       // 10 ln 2 = 6.93
/// InverseCDF.truncatedLogNormal(unit: 0.5, median: 25, sigma: 0.4, range: 12...50)  // 25 (the median)
/// ```
public enum InverseCDF {
    /// Exponential with the given mean (`gsl_cdf_exponential_Pinv`).
    public static func exponential(unit u: Double, mean: Double) -> Double {
        gsl_cdf_exponential_Pinv(u, mean)
    }

    /// Lognormal with this median and log-sd (`exp(ln median + sigma Φ⁻¹(u))`).
    public static func logNormal(unit u: Double, median: Double, sigma: Double) -> Double {
        guard sigma > 0 else { return median }
        return Foundation.exp(log(median) + sigma * gsl_cdf_ugaussian_Pinv(u))
    }

    /// Lognormal with this median and log-sd, conditioned on `range` (truncated, not clamped):
    /// `u` is mapped onto [Φ(a), Φ(b)] of the standardised bounds before inverting, so every draw
    /// lies in the range and the shape inside it is the lognormal's. `range` must be positive.
    public static func truncatedLogNormal(unit u: Double, median: Double, sigma: Double, range: ClosedRange<Double>) -> Double {
        guard sigma > 0 else { return median }
        let mu = log(median)
        let low = gsl_cdf_ugaussian_P((log(range.lowerBound) - mu) / sigma)
        let high = gsl_cdf_ugaussian_P((log(range.upperBound) - mu) / sigma)
        let p = low + (high - low) * u
        let x = Foundation.exp(mu + sigma * gsl_cdf_ugaussian_Pinv(p))
        // Φ⁻¹ at the very ends of [Φ(a), Φ(b)] can miss the bound by an ulp; the bound is the limit.
        return min(max(x, range.lowerBound), range.upperBound)
    }
}
