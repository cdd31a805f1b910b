import Foundation
import Scaling

/// A `Transport` that calls the mock's request handling directly, without sockets: the same
/// `HTTPService.respond` the HTTP server calls, so answers are identical, only faster (for
/// tournaments of many simulated campaigns).
///
/// ```swift
/// let client = try TrainingAPIClient(transport: InProcessTransport(service: api), endpoint: "in-process", apiKey: key, rules: api.rules)
/// ```
public struct InProcessTransport: Transport {
    public let service: any HTTPService
    public init(service: any HTTPService) { self.service = service }

    public func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse {
        let answer = await service.respond(to: request)
        return TransportResponse(status: answer.status, headers: answer.headerFields, body: Data(answer.body.utf8))
    }
}
