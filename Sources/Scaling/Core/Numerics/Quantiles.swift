import CGSL

/// Sample quantiles through GSL (`gsl_sort` then `gsl_stats_quantile_from_sorted_data`).
///
/// GSL interpolates linearly between order statistics: for sorted `x_0..x_{n-1}` the quantile
/// `f` is `x_i + (f (n-1) - i)(x_{i+1} - x_i)` with `i = floor(f (n-1))` (numpy's default
/// "linear" rule). Non-finite samples must be removed by the caller.
public enum Quantiles {
    /// The quantiles `fractions` (each in [0, 1]) of `samples` (non-empty, finite).
    public static func of(_ samples: [Double], at fractions: [Double]) throws(NumericsError) -> [Double] {
        guard !samples.isEmpty else { throw .invalidInput("quantiles of an empty sample") }
        guard samples.allSatisfy(\.isFinite) else { throw .invalidInput("quantiles need finite samples") }
        guard fractions.allSatisfy({ (0...1).contains($0) }) else {
            throw .invalidInput("quantile fractions must lie in [0, 1], got \(fractions)")
        }
        var sorted = samples
        return sorted.withUnsafeMutableBufferPointer { buffer in
            gsl_sort(buffer.baseAddress, 1, buffer.count)
            return fractions.map { gsl_stats_quantile_from_sorted_data(buffer.baseAddress, 1, buffer.count, $0) }
        }
    }
}
