import Foundation

/// Carries one HTTP request of a training API and brings back its status, headers and body.
///
/// Two implementations: `URLSessionTransport` (real HTTP, for the mock server on loopback and
/// for the live service) and the mock server's in-process transport, which calls the server's
/// request handling directly for fast tournaments. The protocol's client above them is the same
/// over both, and knows nothing of either.
///
/// ```swift
/// let response = try await transport.send(.get("/total_flops_used", query: "api_key=abc"))
/// let created = try await transport.send(TransportRequest(method: .post, path: "/submit",
///     headers: [("Content-Type", "application/json")], body: Data(json.utf8)))
/// ```
public protocol Transport: Sendable {
    /// Throws `TransportError` for failures where no HTTP answer arrived.
    func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse
}

/// One HTTP request: method, path, the encoded query string (see `QueryString`), headers and body.
public struct TransportRequest: Sendable, Hashable {
    public struct Method: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let get = Method(rawValue: "GET")
        public static let head = Method(rawValue: "HEAD")
        public static let post = Method(rawValue: "POST")
        public var description: String { rawValue }
    }

    public var method: Method
    /// The endpoint (`/loss`), without the query.
    public var path: String
    /// The query string, percent-encoded, without the `?`; empty for none.
    public var query: String
    /// Header fields in order (names as sent; a name may repeat).
    public var headers: [Header]
    public var body: Data

    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) { self.name = name; self.value = value }
    }

    public init(method: Method, path: String, query: String = "", headers: [Header] = [], body: Data = Data()) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// A GET of `path` with `query`.
    public static func get(_ path: String, query: String = "") -> TransportRequest {
        TransportRequest(method: .get, path: path, query: query)
    }

    /// The value of the first header named `name` (case-insensitive, as HTTP names are).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// An HTTP answer: status code, headers and raw body.
public struct TransportResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [TransportRequest.Header]
    public var body: Data
    public init(status: Int, headers: [TransportRequest.Header] = [], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// No HTTP answer arrived. `transient` failures (connection refused or reset, timeout, lost
/// connection) may succeed if tried again; the others will not.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public var transient: Bool
    /// Whether the request may have reached the server before the failure (so a `/loss` may have
    /// been charged). Connection refused means it did not.
    public var mayHaveBeenDelivered: Bool
    public var description: String

    public init(transient: Bool, mayHaveBeenDelivered: Bool, description: String) {
        self.transient = transient
        self.mayHaveBeenDelivered = mayHaveBeenDelivered
        self.description = description
    }
}
