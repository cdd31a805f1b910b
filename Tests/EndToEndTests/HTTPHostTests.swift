import Foundation
import Testing
import MockAPIServer
import Scaling

/// Answers with what it was sent, so a test sees what reached the service.
struct EchoService: HTTPService {
    func respond(to request: TransportRequest) async -> APIResponse {
        let echo = "\(request.method) \(request.path)?\(request.query) x-probe=\(request.header("X-Probe") ?? "-") body=\(String(decoding: request.body, as: UTF8.self))"
        return APIResponse(status: 201, contentType: "text/plain", headers: [.init("X-Echo", "yes")], body: echo)
    }

    func errorResponse(status: Int, message: String) -> APIResponse {
        APIResponse(status: status, body: "{\"echo-error\": \"\(message)\"}")
    }
}

@Suite("HTTP host (protocol-neutral)")
struct HTTPHostTests {
    @Test("method, path, query, headers and body reach the service over HTTP and in process alike")
    func requestsArriveWhole() async throws {
        let server = try await MockServer.start(service: EchoService())
        let http = URLSessionTransport(baseURL: server.url, timeout: 10)
        let request = TransportRequest(method: .post, path: "/submit", query: "a=1",
                                       headers: [.init("Content-Type", "application/json"), .init("X-Probe", "42")],
                                       body: Data("{\"n\": 1}".utf8))
        let overHTTP = try await http.send(request)
        let direct = try await InProcessTransport(service: EchoService()).send(request)
        await server.stop()
        #expect(overHTTP.status == 201)
        #expect(String(decoding: overHTTP.body, as: UTF8.self) == "POST /submit?a=1 x-probe=42 body={\"n\": 1}")
        #expect(overHTTP.body == direct.body)
        #expect(overHTTP.header("x-echo") == "yes")
        #expect(direct.header("X-Echo") == "yes")
    }

    @Test("the 2025 API answers a POST with 405 and its message, in process as over HTTP")
    func postTo2025() async throws {
        let api = try Fixtures.api()
        let answer = await api.respond(to: TransportRequest(method: .post, path: "/loss"))
        #expect(answer.status == 405)
        #expect(answer.body.contains("answers GET only"))
    }
}
