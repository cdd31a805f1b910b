import CGSL

/// A seeded stream of pseudo-random numbers: GSL's Mersenne Twister (`gsl_rng_mt19937`).
///
/// The same seed gives the same sequence on every machine and every run, which is what makes
/// bootstraps and synthetic noise reproducible byte for byte. GSL maps seed 0 to its default
/// seed 4357, so seeds 0 and 4357 give the same stream. A stream belongs to one thread: derive
/// the random choices sequentially, then hand the results to parallel work.
///
/// ```swift
/// let rng = try RandomStream(seed: 42)
/// rng.uniform()                 // in [0, 1)
/// rng.gaussian(standardDeviation: 0.02)
/// rng.resampleIndices(count: 72) // 72 indices in 0..<72, with replacement
/// ```
public final class RandomStream {
    public let seed: UInt64
    private let rng: UnsafeMutablePointer<gsl_rng>

    public init(seed: UInt64) throws(NumericsError) {
        GSL.prepare()
        self.seed = seed
        rng = try GSL.allocated(gsl_rng_alloc(cgsl_rng_mt19937()), "mt19937 random stream")
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed))
    }

    deinit { gsl_rng_free(rng) }

    /// Uniform on [0, 1) (`gsl_rng_uniform`).
    public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// Uniform on [low, high).
    public func uniform(in low: Double, _ high: Double) -> Double { low + (high - low) * gsl_rng_uniform(rng) }

    /// Normal with mean 0 and the given standard deviation (`gsl_ran_gaussian`, Box–Muller).
    public func gaussian(standardDeviation sigma: Double = 1) -> Double { gsl_ran_gaussian(rng, sigma) }

    /// Uniform on `0..<bound` (`gsl_rng_uniform_int`, unbiased). `bound` must be positive and
    /// at most 2^32 (the generator's range).
    public func integer(below bound: Int) -> Int {
        precondition(bound > 0 && UInt64(bound) <= 1 << 32, "integer(below:) needs 0 < bound <= 2^32, got \(bound)")
        return Int(gsl_rng_uniform_int(rng, UInt(bound)))
    }

    /// `count` indices drawn uniformly from `0..<count` with replacement: one bootstrap resample.
    public func resampleIndices(count: Int) -> [Int] {
        (0..<count).map { _ in integer(below: count) }
    }
}
