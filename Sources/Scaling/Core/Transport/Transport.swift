import Foundation

/// Carries one GET request of the training API and brings back its status and body.
///
/// Two implementations: `URLSessionTransport` (real HTTP, for the mock server on loopback and
/// for the live service) and the mock server's in-process transport, which calls the server's
/// request handling directly for fast tournaments. The client above them is the same.
///
/// ```swift
/// let response = try await transport.get(path: "/total_flops_used", query: "api_key=abc")
/// ```
public protocol Transport: Sendable {
    /// `path` is the endpoint (`/loss`), `query` the encoded query string (see `QueryString`).
    /// Throws `TransportError` for failures where no HTTP answer arrived.
    func get(path: String, query: String) async throws(TransportError) -> TransportResponse
}

/// An HTTP answer: status code and raw body.
public struct TransportResponse: Sendable, Hashable {
    public var status: Int
    public var body: Data
    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
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
