import Foundation

/// What a client's messages (retry lines, errors) may show of its secrets, for every protocol:
/// the key only in its masked form, and no URL's user information (a key put in `--api-url` as
/// `http://user:secret@host`).
///
/// ```swift
/// let redact = Redaction(apiKey: key, endpoint: "http://me:sk-123@host:8000")
/// redact.endpoint                                  // "http://host:8000"
/// redact("http://me:sk-123@host:8000/budget: ...") // "http://host:8000/budget: ..."
/// ```
public struct Redaction: Sendable {
    public let apiKey: APIKey
    /// The endpoint as given, and as messages show it.
    let rawEndpoint: String
    public let endpoint: String

    public init(apiKey: APIKey, endpoint: String) {
        self.apiKey = apiKey
        rawEndpoint = endpoint
        self.endpoint = Self.withoutUserInfo(endpoint)
    }

    /// `text` with the key masked, the endpoint shown without user information, and any other
    /// URL's user information dropped.
    public func callAsFunction(_ text: String) -> String {
        var text = text.replacingOccurrences(of: apiKey.value, with: apiKey.masked)
        if rawEndpoint != endpoint { text = text.replacingOccurrences(of: rawEndpoint, with: endpoint) }
        return text.replacing(/:\/\/[^\/@\s]*@/, with: "://")
    }

    /// `url` without user information (`http://user:secret@host` -> `http://host`).
    static func withoutUserInfo(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let hostStart = url[scheme.upperBound...].firstIndex(of: "/") ?? url.endIndex
        guard at < hostStart else { return url }
        return String(url[..<scheme.upperBound]) + String(url[url.index(after: at)...])
    }
}
