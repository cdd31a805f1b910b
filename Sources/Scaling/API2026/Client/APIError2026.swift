/// Why the 2026 client could not produce an answer. Every message names the endpoint, and never
/// holds the API key in full (the service's text is masked before it is stored).
public enum APIError2026: Error, Sendable, CustomStringConvertible, Equatable {
    /// The service refused the request (4xx other than the cases below): never retried.
    /// `detail` is the service's own `detail` (a string, or the 422 issues joined).
    case refused(status: Int, endpoint: String, detail: String)
    /// A transient failure (connection, timeout, 5xx) persisted through every retry.
    case unavailable(endpoint: String, attempts: Int, lastFailure: String)
    /// The service answered something that is not the contract's format.
    case malformedAnswer(endpoint: String, detail: String)
    /// The config breaks a rule of the contract; checked locally, nothing was sent.
    case invalidConfig(String)
    /// The service answered 409 but `/experiments` does not list the config (should not happen).
    case duplicateNotListed(uniqueID: String)
    /// `POST /final_submission` was asked for without the explicit permission (`--submit-final`).
    case finalSubmissionNotAllowed
    /// The journal could not be read or written; nothing was asked.
    case journal(String)

    public var description: String {
        switch self {
        case let .refused(status, endpoint, detail):
            "the service refused \(endpoint) (HTTP \(status)): \(detail)"
        case let .unavailable(endpoint, attempts, last):
            "\(endpoint): no answer after \(attempts) attempt\(attempts == 1 ? "" : "s"); last failure: \(last)"
        case let .malformedAnswer(endpoint, detail):
            "\(endpoint): the answer is not in the 2026 contract's format (\(detail))"
        case let .invalidConfig(message):
            "the training config breaks a rule of the 2026 contract (not sent): \(message)"
        case let .duplicateNotListed(id):
            "POST /submit answered 409 (duplicate) for config \(id), but GET /experiments does not list it"
        case .finalSubmissionNotAllowed:
            "POST /final_submission needs an explicit --submit-final; nothing was sent"
        case let .journal(detail):
            detail
        }
    }
}

extension APIKey {
    /// The environment variable the course's 2026 client reads.
    public static let environmentVariable2026 = "A3_API_KEY"

    /// The 2026 key (the 8-digit student ID): from `file` if given, else from `A3_API_KEY`.
    /// Like the course's client, anything but exactly 8 ASCII digits is refused before a
    /// request is sent; the message never repeats the key.
    ///
    /// ```swift
    /// let key = try APIKey.load2026(file: nil, environment: ["A3_API_KEY": "06123456"])
    /// key.masked   // "…(8 characters)"
    /// ```
    public static func load2026(file: String?, environment: [String: String]) throws(APIKeyError) -> APIKey {
        let key: APIKey
        let source: String
        if let file {
            source = "--api-key-file \(file)"
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw APIKeyError("\(source): cannot read it (\(error.localizedDescription))")
            }
            key = try APIKey(text, source: source)
        } else {
            source = "environment variable \(environmentVariable2026)"
            guard let text = environment[environmentVariable2026] else {
                throw APIKeyError("no API key: pass --api-key-file FILE (one line, your 8-digit student ID) or set \(environmentVariable2026)")
            }
            key = try APIKey(text, source: source)
        }
        let scalars = key.value.unicodeScalars
        guard scalars.count == 8, scalars.allSatisfy({ ("0"..."9").contains($0) }) else {
            throw APIKeyError("\(source): the 2026 API key must be exactly 8 digits (your student ID, e.g. 06123456), got \(scalars.count) character(s)\(scalars.allSatisfy({ ("0"..."9").contains($0) }) ? "" : " that are not all digits")")
        }
        return key
    }
}
