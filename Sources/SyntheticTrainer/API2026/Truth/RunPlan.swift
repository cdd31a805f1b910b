import Scaling

/// What one 2026 experiment would do on the simulated B200, decided before it starts: the
/// charged length of each eval chunk, the validation loss reported after each chunk, and the
/// memory it needs. The mock's lifecycle engine replays a plan in virtual time; `harness truth
/// --experiment` prints one; the scorecard judges a final run by one.
///
/// Times are charged seconds from the start of the timed interval (just before chunk 1,
/// `docs/api-2026-contract.md` §9.6); the uncharged start-up overhead is the service's, not the plan's.
public struct RunPlan: Sendable, Hashable {
    /// Charged seconds at which chunk `i` (training plus its eval pass) ends; ascending,
    /// `n_evals` entries. Empty when the run fails before the first chunk (out of memory).
    public var chunkEndSeconds: [Double]
    /// The loss reported after chunk `i` (noise and bf16 quantisation included); same length as
    /// `chunkEndSeconds`.
    public var valLosses: [Double]
    /// The noise-free expected curve, one entry per chunk.
    public var expectedLosses: [Double]
    /// Peak device memory the run needs, in bytes.
    public var peakMemoryBytes: Double
    /// Set when the run cannot fit in memory: it fails with this text after `failureSeconds`.
    public var outOfMemory: OutOfMemory?

    public struct OutOfMemory: Sendable, Hashable {
        /// The worker's exception text, `"JaxRuntimeError: RESOURCE_EXHAUSTED: Out of memory while trying to allocate 274.40GiB"`.
        public var failureText: String
        /// Charged seconds before the allocation fails (about 10 s on the real service).
        public var failureSeconds: Double

        public init(failureText: String, failureSeconds: Double) {
            self.failureText = failureText
            self.failureSeconds = failureSeconds
        }
    }

    public init(
        chunkEndSeconds: [Double], valLosses: [Double], expectedLosses: [Double],
        peakMemoryBytes: Double, outOfMemory: OutOfMemory?
    ) {
        self.chunkEndSeconds = chunkEndSeconds
        self.valLosses = valLosses
        self.expectedLosses = expectedLosses
        self.peakMemoryBytes = peakMemoryBytes
        self.outOfMemory = outOfMemory
    }
}

/// How a run ends against its reservation, judged the way the worker judges it (§9.6): the
/// clock is checked before each chunk and once at the end; a chunk that has started runs to
/// its end; the watchdog kills the container at `1.05·max + 10 s`.
public enum RunOutcome: Sendable, Hashable {
    /// Every chunk ran inside the reservation; `usedRuntimeSeconds` is the last chunk's end.
    case completed(usedRuntimeSeconds: Double, valLosses: [Double])
    /// The reservation ran out; `partialValLosses` are the chunks that finished before the
    /// check (possibly all of them when only the last chunk overran).
    case timeout(usedRuntimeSeconds: Double, partialValLosses: [Double])
    /// The allocation failed after `usedRuntimeSeconds`.
    case outOfMemory(usedRuntimeSeconds: Double, failureText: String)

    /// The wire name of the outcome: `completed`, `timeout` or `out_of_memory`.
    public var name: String {
        switch self {
        case .completed: "completed"
        case .timeout: "timeout"
        case .outOfMemory: "out_of_memory"
        }
    }

    /// What the service would report as `used_runtime_seconds`.
    public var usedRuntimeSeconds: Double {
        switch self {
        case .completed(let t, _), .timeout(let t, _), .outOfMemory(let t, _): t
        }
    }

    /// The losses the service would show: the whole curve, the timeout's prefix, or none.
    public var reportedLosses: [Double] {
        switch self {
        case .completed(_, let l), .timeout(_, let l): l
        case .outOfMemory: []
        }
    }
}

/// A 2026 ground truth: turns a validated TrainingConfig into the plan of its run.
///
/// `runKey` separates repeats of the same config (the real service's reruns differ by about
/// 0.01 nats, `live-2026/SOURCES.md`); the same `(config, runKey)` always gives the same plan.
public protocol TrainingTruth2026: Sendable {
    func plan(for config: TrainingConfig, runKey: UInt64) -> RunPlan
}

extension RunPlan {
    /// The watchdog's deadline for a reservation: `1.05·max + 10 s` (§9.6).
    public static func watchdogSeconds(maxRuntimeSeconds max: Double) -> Double {
        1.05 * max + 10
    }

    /// How this run ends under a reservation of `maxRuntimeSeconds`, and after how many chunks.
    ///
    /// Before each chunk the worker compares the elapsed time with the reservation; past it,
    /// the run fails as a timeout with the losses so far. A started chunk runs to its end unless
    /// the watchdog fires first, in which case the run ends at the watchdog's deadline with the
    /// chunks finished before it. After the last chunk the clock is checked once more.
    public func outcome(maxRuntimeSeconds max: Double) -> RunOutcome {
        if let oom = outOfMemory {
            return .outOfMemory(usedRuntimeSeconds: oom.failureSeconds, failureText: oom.failureText)
        }
        let watchdog = Self.watchdogSeconds(maxRuntimeSeconds: max)
        var elapsed = 0.0
        for (index, end) in chunkEndSeconds.enumerated() {
            if elapsed > max {
                return .timeout(usedRuntimeSeconds: elapsed, partialValLosses: Array(valLosses[..<index]))
            }
            if end > watchdog {
                return .timeout(usedRuntimeSeconds: watchdog, partialValLosses: Array(valLosses[..<index]))
            }
            elapsed = end
        }
        if elapsed > max {
            return .timeout(usedRuntimeSeconds: elapsed, partialValLosses: valLosses)
        }
        return .completed(usedRuntimeSeconds: elapsed, valLosses: valLosses)
    }
}
