/// SplitMix64 (Steele, Lea & Flood 2014), in its two uses here:
///
/// - as a seeded stream (`init(seed:)`, `next()`): state s advances by the golden gamma
///   0x9E3779B97F4A7C15 and each output is the finaliser of the new state, so
///   `next() == SplitMix64.mix(old state)`. Enough for retry jitter and bench load; not
///   for statistics (that is `RandomStream`, GSL's Mersenne Twister).
/// - as a hash (`mix`, `combine`, `uniform`): stateless and allocation-free, it turns a seed
///   and the bit patterns of a query into independent-looking 64-bit words, so the truth's
///   per-query noise is a pure function of (seed, query): identical on every call, in every
///   process, on every machine.
///
/// ```swift
/// var rng = SplitMix64(seed: 42)
/// rng.next()                                    // == SplitMix64.mix(42)
/// rng.nextUnit()                                // in [0, 1), 53 random bits
/// SplitMix64.uniform(SplitMix64.combine(SplitMix64.mix(7), 1_000))  // in (0, 1)
/// ```
public struct SplitMix64: Sendable {
    /// The golden gamma, 2^64 / phi rounded to odd.
    @inlinable static var gamma: UInt64 { 0x9E37_79B9_7F4A_7C15 }

    public var state: UInt64
    public init(seed: UInt64) { state = seed }

    /// The next word of the stream: the finaliser of `state + gamma`, which becomes the state.
    public mutating func next() -> UInt64 {
        defer { state &+= Self.gamma }
        return Self.mix(state)
    }

    /// Uniform in [0, 1) from the top 53 bits of `next()`.
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in `range` by `next() % width` (modulo bias below width / 2^64, under 2^-50
    /// for ranges of fewer than 2^14 values).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// The SplitMix64 finaliser applied to `x + gamma`.
    @inlinable
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ gamma
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Folds `word` into the running hash `h`: `mix(h ^ mix(word))`.
    @inlinable
    public static func combine(_ h: UInt64, _ word: UInt64) -> UInt64 {
        mix(h ^ mix(word))
    }

    /// A uniform number in the open interval (0, 1) from the top 52 bits of `h`: the midpoints
    /// `(k + 1/2) / 2^52`, all exactly representable, from 2^-53 to 1 - 2^-53.
    @inlinable
    public static func uniform(_ h: UInt64) -> Double {
        Double(h >> 12) * 0x1.0p-52 + 0x1.0p-53
    }
}
