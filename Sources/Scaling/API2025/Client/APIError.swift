/// Why the client could not produce an answer.
public enum APIError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The service refused the request (4xx): never retried. `message` is the service's own.
    case refused(status: Int, endpoint: String, message: String)
    /// A transient failure (connection, timeout, 5xx) persisted through every retry.
    case unavailable(endpoint: String, attempts: Int, lastFailure: String)
    /// The service answered something that is not the API's format.
    case malformedAnswer(endpoint: String, detail: String)
    /// `--use-cached-only`: the query is not in the journal and the network may not be used.
    case notInJournal(Query)
    /// The journal could not be read or written; nothing was asked.
    case journal(String)

    public var description: String {
        switch self {
        case let .refused(status, endpoint, message):
            "the service refused \(endpoint) (HTTP \(status)): \(message)"
        case let .unavailable(endpoint, attempts, last):
            "\(endpoint): no answer after \(attempts) attempt\(attempts == 1 ? "" : "s"); last failure: \(last)"
        case let .malformedAnswer(endpoint, detail):
            "\(endpoint): the answer is not in the API's format (\(detail))"
        case let .notInJournal(query):
            "--use-cached-only: \(query.configuration) at train_flops=\(query.trainFlops) is not in the journal, and the network may not be used"
        case let .journal(detail):
            detail
        }
    }
}
