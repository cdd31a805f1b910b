/// How often and how long to wait before trying again after a transient failure.
///
/// The wait before retry `k` (k = 1, 2, ...) is `min(cap, base * 2^(k-1))` scaled by a jitter
/// factor drawn uniformly from [1 - jitter, 1]: bounded exponential backoff with "equal-ish"
/// jitter, so clients that failed together do not retry in lock step. The jitter comes from a
/// seeded SplitMix64 stream: the same seed gives the same waits.
///
/// Retries stop at `maxAttempts` or when the waits so far plus the next would pass
/// `maxDuration` seconds, whichever comes first. `standard` retries for five minutes (an outage
/// of a minute or two does not end a campaign); `harness run/query/sync --retry-for` sets it.
///
/// ```swift
/// let policy = RetryPolicy.lasting(seconds: 600)   // keep trying for ten minutes
/// policy.delays()                                  // [0.41, 0.77, 1.9, ...], summing to at most 600
/// ```
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included (1 = never retry).
    public var maxAttempts: Int
    /// The most time (seconds) spent waiting between attempts, in all.
    public var maxDuration: Double
    public var baseDelay: Double
    public var maxDelay: Double
    /// In [0, 1]: the fraction of each wait that is random.
    public var jitter: Double
    public var seed: UInt64

    public init(maxAttempts: Int = 6, baseDelay: Double = 0.2, maxDelay: Double = 5, jitter: Double = 0.5,
                maxDuration: Double = .infinity, seed: UInt64 = 0x5CA1_1AB1E) {
        self.maxAttempts = max(1, maxAttempts)
        self.maxDuration = maxDuration.isNaN ? 0 : max(0, maxDuration)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = min(max(jitter, 0), 1)
        self.seed = seed
    }

    /// Five minutes of retries, waits growing from 0.5 s to 30 s.
    public static let standard = RetryPolicy.lasting(seconds: 300)

    /// Retries for `seconds` of waiting in all (0: never retry), waits from 0.5 s up to 30 s.
    public static func lasting(seconds: Double) -> RetryPolicy {
        RetryPolicy(maxAttempts: 100_000, baseDelay: 0.5, maxDelay: 30, jitter: 0.5, maxDuration: seconds)
    }

    /// The waits (seconds) before retries 1, 2, ...: at most maxAttempts-1 of them, summing to at
    /// most `maxDuration`.
    public func delays() -> [Double] {
        var rng = SplitMix64(seed: seed)
        var out: [Double] = []
        var total = 0.0
        for k in 1..<max(maxAttempts, 1) {
            let bounded = min(maxDelay, baseDelay * Double(1 << min(k - 1, 30)))
            let wait = bounded * (1 - jitter * rng.nextUnit())
            guard total + wait <= maxDuration else { break }
            total += wait
            out.append(wait)
        }
        return out
    }
}
