/// What a 2026 strategy sees of a campaign: every ended experiment (its curve, its timeout
/// prefix or its failure text), what is in flight, what was given up on, and the budget in
/// seconds. A pure value: the same view gives the same choices.
public struct CampaignView2026: Sendable {
    /// Every experiment that ended (completed or failed), in the order they ended.
    public var ended: [ExperimentResponse2026]
    /// Configs in flight (queued or running), in the order submitted.
    public var inFlight: [TrainingConfig]
    /// Runs abandoned as stuck or refused for budget, with why.
    public var givenUp: [(config: TrainingConfig, failure: ExperimentFailure)]
    /// Configs refused locally (a rule, or the budget), with why.
    public var refused: [(config: TrainingConfig, reason: String)]
    public var budgetSeconds: Double
    /// Settled charges plus the reservations in flight.
    public var committedSeconds: Double
    public var remainingSeconds: Double { max(0, budgetSeconds - committedSeconds) }
    var asked: Set<TrainingConfig>

    public init(ended: [ExperimentResponse2026] = [], inFlight: [TrainingConfig] = [],
                givenUp: [(config: TrainingConfig, failure: ExperimentFailure)] = [],
                refused: [(config: TrainingConfig, reason: String)] = [],
                budgetSeconds: Double = CampaignRules2026.totalBudgetSeconds, committedSeconds: Double = 0) {
        self.ended = ended
        self.inFlight = inFlight
        self.givenUp = givenUp
        self.refused = refused
        self.budgetSeconds = budgetSeconds
        self.committedSeconds = committedSeconds
        asked = Set(ended.map(\.trainingConfig) + inFlight + givenUp.map(\.config))
    }

    /// Whether `config` was submitted already (ended, in flight or given up): never sent again.
    public func hasAsked(_ config: TrainingConfig) -> Bool { asked.contains(config) }

    /// Whether `config` was refused locally before.
    public func wasRefused(_ config: TrainingConfig) -> Bool { refused.contains { $0.config == config } }

    /// The ended experiments that completed.
    public var completed: [ExperimentResponse2026] { ended.filter { ExperimentOutcome2026($0).isCompleted } }
}

/// A way of running a 2026 campaign in GPU-seconds: given what has been answered, the next
/// configs to submit (empty: nothing new now; the engine waits for runs in flight, or ends).
/// The engine enforces the rules and the budget; a strategy should still propose only what it
/// means to pay for, in the order it wants it.
public protocol Strategy2026: Sendable {
    /// The name `--strategy` accepts (`naive`, `isotime`, `adaptive`).
    var name: String { get }
    /// One line on what it does.
    var summary: String { get }
    /// Whether it looks at answers before choosing (then `plan` shows only its opening).
    var isSequential: Bool { get }
    /// Experiments it keeps in flight at most.
    var maxInFlight: Int { get }
    func nextConfigs(_ view: CampaignView2026) throws -> [TrainingConfig]
    /// What the strategy did that a user should know (e.g. a rate it bounded), given the
    /// campaign's end; reported beside the client's warnings.
    func notes(_ view: CampaignView2026) -> [String]
}

extension Strategy2026 {
    public func notes(_ view: CampaignView2026) -> [String] { [] }
}

/// A `Strategy2026` as the campaign engine's planner.
public struct StrategyPlanner2026: CampaignPlanner {
    public typealias Request = TrainingConfig
    public typealias Result = ExperimentResponse2026
    public var strategy: any Strategy2026
    public var budgetSeconds: Double

    public init(_ strategy: any Strategy2026, budgetSeconds: Double = CampaignRules2026.totalBudgetSeconds) {
        self.strategy = strategy
        self.budgetSeconds = budgetSeconds
    }

    public func next<Amount: BudgetAmount>(_ state: CampaignProgress<TrainingConfig, ExperimentResponse2026, Amount>) throws -> [TrainingConfig] {
        try strategy.nextConfigs(Self.view(state, budgetSeconds: budgetSeconds))
    }

    /// The engine's state as a strategy sees it.
    public static func view<Amount: BudgetAmount>(_ state: CampaignProgress<TrainingConfig, ExperimentResponse2026, Amount>,
                                                  budgetSeconds: Double) -> CampaignView2026 {
        let committed = (state.budget.committed as? Seconds)?.value ?? 0
        return CampaignView2026(ended: state.finished.map(\.result), inFlight: state.inFlight.map(\.request),
                                givenUp: state.failed.map { ($0.request, $0.failure) },
                                refused: state.refused.map { ($0.request, $0.reason.description) },
                                budgetSeconds: budgetSeconds, committedSeconds: committed)
    }
}

/// Builds valid configs of the handout's family (bf16, untied, no bias, vocabulary 32,000,
/// head dim 64, SwiGLU width ≈ 8d/3 rounded to 64, AdamW with the warmup-cosine schedule).
///
/// ```swift
/// let c = ConfigBuilder2026.config(width: 448, layers: 9, batch: 128, peakLR: 3e-4, tokens: 8e6, maxRuntimeSeconds: 60)
/// c.totalTrainTokens   // 7,340,032: a whole number of steps per eval chunk
/// ```
public enum ConfigBuilder2026 {
    /// The SwiGLU width for `d`: 8d/3 rounded to a multiple of 64, at least d.
    public static func ffn(_ d: Int) -> Int { max(d, Int((Double(d) * 8 / 3 / 64).rounded()) * 64) }

    /// The largest token count ≤ `tokens` that the contract accepts for this batch and
    /// `nEvals` (a multiple of 512·batch·nEvals), and at least one such unit.
    public static func tokens(_ tokens: Double, batch: Int, nEvals: Int) -> Int {
        let unit = TrainingConfig.sequenceLength * batch * nEvals
        let cap = TrainingConfig.maximumTrainTokens / unit
        guard tokens.isFinite, tokens > Double(unit) else { return unit }
        return min(cap, Int((tokens / Double(unit)).rounded(.down))) * unit
    }

    public static func config(width d: Int, layers: Int, batch: Int, peakLR: Double, tokens: Double,
                              maxRuntimeSeconds: Double, nEvals: Int = 16, valBatch: Int = 32,
                              headDim: Int = 64) -> TrainingConfig {
        let arch = ArchitectureConfig.standard(hiddenSize: d, layers: layers, headDim: headDim, intermediateSize: ffn(d))
        return TrainingConfig(architecture: arch, optimizer: .adamW(AdamWConfig(lrScheduler: WarmupCosineSchedule(peakValue: peakLR))),
                              trainBatchSize: batch, valBatchSize: valBatch, nEvals: nEvals,
                              totalTrainTokens: Self.tokens(tokens, batch: batch, nEvals: nEvals),
                              maxRuntimeSeconds: maxRuntimeSeconds, modelSeed: 0)
    }
}
