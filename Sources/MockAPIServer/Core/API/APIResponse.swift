import Scaling

/// An answer of a mock API, independent of how it travels (HTTP or in process).
public struct APIResponse: Sendable, Hashable {
    public var status: Int
    /// Empty for an answer without a body type (a redirect).
    public var contentType: String
    /// Header fields beside the content type (an `Allow` list, a request id, a `Location`).
    public var headers: [TransportRequest.Header]
    public var body: String

    public init(status: Int, contentType: String = "application/json", headers: [TransportRequest.Header] = [], body: String) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    /// Every header field as sent: the content type first (none when it is empty, as for a
    /// redirect).
    public var headerFields: [TransportRequest.Header] {
        (contentType.isEmpty ? [] : [TransportRequest.Header("Content-Type", contentType)]) + headers
    }
}

/// What the HTTP host serves: one protocol's API, a request in and an answer out. The host
/// (`MockServer`) and the in-process transport both call `respond`, so the two give identical
/// answers by construction; a protocol registers itself by conforming.
public protocol HTTPService: Sendable {
    func respond(to request: TransportRequest) async -> APIResponse
    /// An error answer in this protocol's shape, for what the host refuses before a request
    /// reaches `respond` (a request head too large to parse, bytes that are not HTTP).
    func errorResponse(status: Int, message: String) -> APIResponse
}
