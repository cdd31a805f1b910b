import Foundation
import Scaling

/// A `Transport` that calls the mock's request handling directly, without sockets: the same
/// `TrainingAPI.respond` the HTTP server calls, so answers are identical, only faster (for
/// tournaments of many simulated campaigns).
///
/// ```swift
/// let client = try TrainingAPIClient(transport: InProcessTransport(api: api), endpoint: "in-process", apiKey: key)
/// ```
public struct InProcessTransport: Transport {
    public let api: TrainingAPI
    public init(api: TrainingAPI) { self.api = api }

    public func get(path: String, query: String) async throws(TransportError) -> TransportResponse {
        let answer = api.respond(path: path, rawQuery: Substring(query))
        return TransportResponse(status: answer.status, body: Data(answer.body.utf8))
    }
}
