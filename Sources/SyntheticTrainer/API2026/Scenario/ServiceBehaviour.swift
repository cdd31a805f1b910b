/// How a 2026 scenario's simulated service behaves around the runs themselves: the queue, the
/// uncharged start-up, injected faults and other users. The truth decides what a run does on
/// the GPU (`RunPlan`); this decides what happens to it on the way there. Read from a scenario
/// file's `service:` section; every field has the default shown, which is the idle real
/// service of `docs/rehearsing-2026.md` §2 (rates of faults never seen there are guesses).
public struct ServiceBehaviour2026: Sendable, Hashable {
    /// Runs on GPUs at once across all users (the real dispatcher's 100).
    public var slots: Int = 100
    /// Seconds between dispatcher passes (about 1 s).
    public var dispatchTickSeconds: Double = 1
    /// Uncharged wall time between dispatch and the first chunk (container start, staging,
    /// compile): lognormal with this median, truncated to `overheadRangeSeconds`.
    public var overheadMedianSeconds: Double = 25
    public var overheadSigma: Double = 0.4
    public var overheadRangeSeconds: ClosedRange<Double> = 12...50
    /// Probability that a run crashes at a uniformly drawn chunk (failed/unexpected, charged the
    /// elapsed time).
    public var unexpectedFailureRate: Double = 0.005
    /// Probability that a run is preempted once and restarts from scratch (its `val_losses`
    /// shorten; the restart's time is charged).
    public var preemptionRate: Double = 0.01
    /// Probability that a worker dies without reporting: the run stays `running` for ever with
    /// its reservation held.
    public var stuckRate: Double = 0.002
    /// Probability that a report carries NaN: `val_losses` freeze, then the run fails with an
    /// `InternalAPIError`.
    public var nanRate: Double = 0
    /// Simulated other students sharing the slots.
    public var background: BackgroundLoad = BackgroundLoad()

    public init() {}

    /// Other users' experiments: Poisson arrivals at `arrivalsPerHour`, each holding a slot for
    /// a lognormal time with median `medianRuntimeSeconds`; during the last `surgeHours` before
    /// `surgeEndsAtHour` (hours from the start of the campaign) arrivals are `surgeFactor` times
    /// as frequent. Zero arrivals (the default) is an idle queue.
    public struct BackgroundLoad: Sendable, Hashable {
        public var arrivalsPerHour: Double = 0
        public var medianRuntimeSeconds: Double = 600
        public var runtimeSigma: Double = 1
        public var surgeFactor: Double = 1
        public var surgeHours: Double = 0
        public var surgeEndsAtHour: Double = 12

        public init() {}
    }
}
