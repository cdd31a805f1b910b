/// SplitMix64 (Steele, Lea & Flood 2014) used as a hash: a stateless, allocation-free mixer
/// that turns a seed and the bit patterns of a query into independent-looking 64-bit words.
/// Every per-query random draw of the truth comes from here, so a query's noise is a pure
/// function of (seed, query): identical on every call, in every process, on every machine.
public enum SplitMix64 {
    /// The SplitMix64 finaliser applied to `x + golden gamma`.
    @inlinable
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Folds `word` into the running hash `h`.
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
