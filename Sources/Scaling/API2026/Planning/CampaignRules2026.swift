/// The 2026 contract's rules for the campaign engine (docs/api-2026-contract.md §3, §6): a
/// config must pass the schema's checks; it reserves its `max_runtime_seconds` while queued or
/// running; an ended experiment is charged its `used_runtime_seconds` clipped to
/// [1, max_runtime_seconds] (a timeout therefore its whole reservation, an out-of-memory
/// failure the ~10 s the service reports, a failure before training 1 s). A run abandoned as
/// stuck keeps its reservation (the service never releases it); a submission the service
/// refused for budget costs nothing.
///
/// ```swift
/// let rules = CampaignRules2026()
/// rules.reservation(for: .handoutExample)   // 30 s
/// ```
public struct CampaignRules2026: CampaignRules {
    public typealias Request = TrainingConfig
    public typealias Result = ExperimentResponse2026

    /// The total of one key (12 B200-hours).
    public static let totalBudgetSeconds = 43_200.0
    /// The final run's budget: 48 B200-hours.
    public static let finalBudgetSeconds = 172_800.0

    public var budgetSeconds: Double
    public var schema: WireSchema2026

    public init(budgetSeconds: Double = totalBudgetSeconds, schema: WireSchema2026 = .v26_0_2) {
        self.budgetSeconds = budgetSeconds
        self.schema = schema
    }

    public var budget: Seconds { Seconds(budgetSeconds) }

    /// A rule of the contract a config breaks (the service's own message).
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public func violation(of request: TrainingConfig) -> Violation? {
        if case .failure(let issues) = TrainingConfig.validate(request.wireJSON, at: ["body"], schema: schema) {
            return Violation(message: issues.map { issue in
                let field = issue.loc.dropFirst().map { $0.stringValue ?? JSONText.python($0) }.joined(separator: ".")
                return (field.isEmpty ? "" : field + ": ") + issue.msg
            }.joined(separator: "; "))
        }
        if request.maxRuntimeSeconds > budgetSeconds {
            return Violation(message: "max_runtime_seconds \(request.maxRuntimeSeconds) is more than the whole budget of \(budgetSeconds) s")
        }
        return nil
    }

    public func reservation(for request: TrainingConfig) -> Seconds { Seconds(request.maxRuntimeSeconds) }

    public func charge(for result: ExperimentResponse2026, of request: TrainingConfig) -> Seconds {
        Seconds(Self.chargedSeconds(result))
    }

    public func charge(for failure: ExperimentFailure, of request: TrainingConfig) -> Seconds {
        Seconds(failure.charged ?? request.maxRuntimeSeconds)
    }

    /// What the service counts for one experiment (§6): the reservation while queued or
    /// running, else `min(max(1, used), max_runtime_seconds)`.
    public static func chargedSeconds(_ e: ExperimentResponse2026) -> Double {
        let max = e.trainingConfig.maxRuntimeSeconds
        switch e.status {
        case .queued, .running: return max
        case .completed(_, _, _, let used, _, _), .failed(_, _, _, let used, _, _):
            return Swift.min(Swift.max(1, used), max)
        }
    }
}
