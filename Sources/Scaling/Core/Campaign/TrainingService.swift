/// A training service as the campaign engine sees it, whatever its protocol: requests go in,
/// experiments come out, at once (the 2025 API answers a loss immediately) or later (the 2026
/// API queues, trains and is polled).
public protocol TrainingService<Request, Result>: Sendable {
    associatedtype Request: Hashable & Sendable
    associatedtype Result: Sendable

    /// Submits one request. Throws only when the campaign cannot go on (the service is
    /// unreachable after retries, a state file cannot be written); an experiment that failed is
    /// `.failed`, data for the strategy like any result.
    func submit(_ request: Request) async throws -> ExperimentState<Result>
    /// The state of an experiment `submit` left `.running`.
    func poll(_ ticket: ExperimentTicket) async throws -> ExperimentState<Result>
}

/// The service's name for one submitted experiment.
public struct ExperimentTicket: Hashable, Sendable, Codable, CustomStringConvertible {
    public var id: String
    public init(_ id: String) { self.id = id }
    public var description: String { id }
}

/// Where an experiment stands.
public enum ExperimentState<Result: Sendable>: Sendable {
    /// Queued or training; poll again later.
    case running(ExperimentTicket)
    /// Ended with a result.
    case finished(Result)
    /// Ended without one (what it was charged is in the failure).
    case failed(ExperimentFailure)
}

/// An experiment that ended without a result, as data: what happened, what the service said,
/// and what it cost (a timeout or an out-of-memory failure is charged too).
public struct ExperimentFailure: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        case timeout = "timeout"
        case outOfMemory = "out_of_memory"
        case unexpected = "unexpected"
    }
    public var kind: Kind
    public var message: String
    /// What the service charged for it, in the budget's unit (nil when it says nothing).
    public var charged: Double?

    public init(kind: Kind, message: String, charged: Double? = nil) {
        self.kind = kind
        self.message = message
        self.charged = charged
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
