/// How often and how long to wait before trying again after a transient failure.
///
/// The wait before retry `k` (k = 1, 2, ...) is `min(cap, base * 2^(k-1))` scaled by a jitter
/// factor drawn uniformly from [1 - jitter, 1]: bounded exponential backoff with "equal-ish"
/// jitter, so clients that failed together do not retry in lock step. The jitter comes from a
/// seeded SplitMix64 stream: the same seed gives the same waits.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included (1 = never retry).
    public var maxAttempts: Int
    public var baseDelay: Double
    public var maxDelay: Double
    /// In [0, 1]: the fraction of each wait that is random.
    public var jitter: Double
    public var seed: UInt64

    public init(maxAttempts: Int = 6, baseDelay: Double = 0.2, maxDelay: Double = 5, jitter: Double = 0.5, seed: UInt64 = 0x5CA1_1AB1E) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = min(max(jitter, 0), 1)
        self.seed = seed
    }

    public static let standard = RetryPolicy()

    /// The waits (seconds) before retries 1 ... maxAttempts-1.
    public func delays() -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (1..<max(maxAttempts, 1)).map { k in
            let bounded = min(maxDelay, baseDelay * Double(1 << min(k - 1, 30)))
            return bounded * (1 - jitter * rng.nextUnit())
        }
    }
}
