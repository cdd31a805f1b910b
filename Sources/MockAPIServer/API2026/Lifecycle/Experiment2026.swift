import Scaling

/// Virtual time of the 2026 mock: microseconds since the scenario's start. Integers, so events
/// order exactly and a replay lands on the same instants.
public typealias VirtualMicros = Int64

extension VirtualMicros {
    /// Seconds as virtual microseconds, rounded to the nearest microsecond; nil when not finite
    /// or past what 64 bits hold.
    static func micros(seconds: Double) -> VirtualMicros? {
        let us = (seconds * 1_000_000).rounded()
        guard us.isFinite, us > -9.2e18, us < 9.2e18 else { return nil }
        return VirtualMicros(us)
    }
}

/// Where one experiment is in its life (`docs/api-2026-contract.md` §5): queued, running (with the
/// losses reported so far), or ended. Times are `VirtualMicros`; the routes turn them into wire
/// timestamps.
public enum ExperimentPhase2026: Sendable, Hashable {
    case queued
    case running(Dispatch, valLosses: [Double])
    case completed(Dispatch, usedRuntimeSeconds: Double, valLosses: [Double], completedAt: VirtualMicros)
    case failed(Dispatch, usedRuntimeSeconds: Double, reason: Failure, failedAt: VirtualMicros)

    /// When the dispatcher started the run, and its Modal-style call id.
    public struct Dispatch: Sendable, Hashable {
        public var dispatchedAt: VirtualMicros
        public var runID: String
    }

    /// Why a run failed: out of its reservation (with the losses it reported), or an exception.
    public enum Failure: Sendable, Hashable {
        case timeout(partialValLosses: [Double])
        case unexpected(failure: String)
    }

    /// `queued`, `running`, `completed` or `failed` (the wire's `status_type`).
    public var statusType: String {
        switch self {
        case .queued: "queued"
        case .running: "running"
        case .completed: "completed"
        case .failed: "failed"
        }
    }

    /// The losses a client can draw: running and completed `val_losses`, a timeout's partial ones.
    public var visibleLosses: [Double] {
        switch self {
        case .queued: []
        case .running(_, let l), .completed(_, _, let l, _): l
        case .failed(_, _, .timeout(let l), _): l
        case .failed(_, _, .unexpected, _): []
        }
    }

    var isFinished: Bool {
        switch self {
        case .queued, .running: false
        case .completed, .failed: true
        }
    }
}

/// One experiment a key submitted: its normalised config, when it was queued, and its phase.
public struct Experiment2026: Sendable, Hashable {
    public let id: Int64
    public let key: String
    public let config: TrainingConfig
    /// `config`'s pydantic JSON, written once at submission (every poll echoes it).
    public let configText: String
    public let queuedAt: VirtualMicros
    public internal(set) var phase: ExperimentPhase2026

    public init(id: Int64, key: String, config: TrainingConfig, queuedAt: VirtualMicros, phase: ExperimentPhase2026) {
        self.id = id
        self.key = key
        self.config = config
        configText = JSONText.pydantic(config.wireJSON)
        self.queuedAt = queuedAt
        self.phase = phase
    }

    /// What it counts against its key's budget now (§6): the whole reservation while queued or
    /// running; `min(max(1, used), max_runtime_seconds)` once ended.
    public var chargedSeconds: Double {
        switch phase {
        case .queued, .running: config.maxRuntimeSeconds
        case .completed(_, let used, _, _), .failed(_, let used, _, _):
            min(max(1.0, used), config.maxRuntimeSeconds)
        }
    }
}

/// A key's budget (§6): what its experiments hold or were charged, summed in id order, and
/// `total − used` by plain float subtraction (`43128.815914497`).
public struct BudgetState2026: Sendable, Hashable {
    public static let totalSeconds = 43_200.0
    public var usedSeconds: Double
    public var remainingSeconds: Double { Self.totalSeconds - usedSeconds }
    public var totalBudgetSeconds: Double { Self.totalSeconds }
}
