import Foundation
import Testing
import MockAPIServer
import Scaling

/// Raw bytes over a real socket to an in-process server: what a client that is not URLSession
/// (curl --http1.0, a proxy, a fuzzer) sees of the connection itself.
enum RawHTTP {
    struct Exchange {
        /// Every byte the server sent.
        var text: String
        /// The server closed its side: a read returned end of file. False when the read gave up
        /// after `patience` seconds (a guard against a hanging test, not a measurement).
        var closed: Bool

        /// The answers in order: status, header fields (names lower-cased) and body. Bodies are
        /// framed by Content-Length (the mock always sends one).
        var answers: [(status: Int, headers: [String: String], body: String)] {
            var rest = Substring(text)
            var out: [(Int, [String: String], String)] = []
            while let end = rest.range(of: "\r\n\r\n") {
                let lines = rest[..<end.lowerBound].components(separatedBy: "\r\n")
                let status = Int(lines[0].split(separator: " ")[1]) ?? -1
                var headers: [String: String] = [:]
                for line in lines.dropFirst() {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
                }
                let length = Int(headers["content-length"] ?? "") ?? 0
                let body = rest[end.upperBound...].utf8.prefix(length)
                out.append((status, headers, String(decoding: body, as: UTF8.self)))
                rest = Substring(String(decoding: rest[end.upperBound...].utf8.dropFirst(length), as: UTF8.self))
            }
            return out
        }
    }

    /// Sends `request` to 127.0.0.1:`port`, then reads until the server closes the connection
    /// or `patience` seconds pass without a byte.
    /// `blockingExchange` on a thread of its own: the blocking reads must not hold a thread of
    /// Swift's cooperative pool (two on two cores), which the server's responders need; with
    /// two tests blocked there at once, both waited out their patience unanswered.
    static func exchange(port: Int, _ request: String, patience: Int = 10) async throws -> Exchange {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Exchange, any Error>) in
            Thread { done.resume(with: Result { try blockingExchange(port: port, request, patience: patience) }) }.start()
        }
    }

    static func blockingExchange(port: Int, _ request: String, patience: Int) throws -> Exchange {
        let fd = try LoadGenerator.connectLoopback(port: port, receiveTimeout: patience)
        defer { close(fd) }
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { break }  // the server may stop reading a request it refused
            sent += n
        }
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { received += buffer[0..<n]; continue }
            return Exchange(text: String(decoding: received, as: UTF8.self), closed: n == 0 || errno == ECONNRESET)
        }
    }
}

/// One request a protocol answers with 200 without charging, and how the server words its errors.
struct Probe: Sendable, CustomTestStringConvertible {
    let name: String
    let service: @Sendable () throws -> any HTTPService
    let path: String
    let fields: String
    let errorKey: String
    var testDescription: String { name }

    static let all = [
        Probe(name: "2025", service: { try Fixtures.api() }, path: "/total_flops_used?api_key=k0123", fields: "", errorKey: "message"),
        Probe(name: "2026", service: { try Mock2026().api }, path: "/budget", fields: "X-API-Key: 06123456\r\n", errorKey: "detail"),
    ]

    func request(_ version: String, _ extra: String = "") -> String {
        "GET \(path) HTTP/\(version)\r\nHost: 127.0.0.1\r\n\(fields)\(extra)\r\n"
    }

    /// The same request answered in process: what the body over the socket must be.
    func expectedBody(_ service: any HTTPService) async -> String {
        let parts = path.split(separator: "?", maxSplits: 1)
        let headers = fields.split(separator: "\r\n").map { line in
            let p = line.split(separator: ":", maxSplits: 1)
            return TransportRequest.Header(String(p[0]), p[1].trimmingCharacters(in: .whitespaces))
        }
        return await service.respond(to: TransportRequest(method: .get, path: String(parts[0]),
                                                          query: parts.count > 1 ? String(parts[1]) : "", headers: headers)).body
    }

    func errorText(_ body: String) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?[errorKey] as? String
    }
}

@Suite("HTTP connections over real sockets (both protocols)")
struct HTTPConnectionTests {
    @Test("an HTTP/1.0 request without keep-alive is answered with Connection: close, then the connection closes",
          arguments: Probe.all)
    func http10Closes(probe: Probe) async throws {
        let service = try probe.service()
        let server = try await MockServer.start(service: service)
        let exchange = try await RawHTTP.exchange(port: server.port, probe.request("1.0"))
        await server.stop()
        let answers = exchange.answers
        #expect(exchange.closed, "the connection stayed open after the answer")
        #expect(answers.count == 1)
        #expect(answers.first?.status == 200)
        #expect(answers.first?.headers["connection"] == "close")
        #expect(answers.first?.body == (await probe.expectedBody(service)))
    }

    @Test("an HTTP/1.1 request with 'Connection: Close' (any case) closes the connection after its answer",
          arguments: Probe.all)
    func http11CloseAnyCase(probe: Probe) async throws {
        let server = try await MockServer.start(service: try probe.service())
        let exchange = try await RawHTTP.exchange(port: server.port, probe.request("1.1", "Connection: Close\r\n"))
        await server.stop()
        #expect(exchange.closed, "the connection stayed open after the answer")
        #expect(exchange.answers.map(\.status) == [200])
        #expect(exchange.answers.first?.headers["connection"] == "close")
    }

    @Test("an HTTP/1.0 request with keep-alive keeps the connection for the next request", arguments: Probe.all)
    func http10KeepAliveStaysOpen(probe: Probe) async throws {
        let server = try await MockServer.start(service: try probe.service())
        // Two keep-alive requests, then one without: all three answered on one connection, which
        // closes after the last.
        let keep = probe.request("1.0", "Connection: keep-alive\r\n")
        let exchange = try await RawHTTP.exchange(port: server.port, keep + keep + probe.request("1.0"))
        await server.stop()
        let answers = exchange.answers
        #expect(answers.map(\.status) == [200, 200, 200])
        #expect(answers.map { $0.headers["connection"] } == ["keep-alive", "keep-alive", "close"])
        #expect(exchange.closed)
    }

    @Test("a request head over 80 KB gets a 400 whose JSON body says so, then the connection closes", arguments: Probe.all)
    func oversizedHead(probe: Probe) async throws {
        let server = try await MockServer.start(service: try probe.service())
        let padding = String(repeating: "a", count: 100 * 1024)
        let exchange = try await RawHTTP.exchange(port: server.port, probe.request("1.1", "X-Padding: \(padding)\r\n"))
        await server.stop()
        let answers = exchange.answers
        #expect(answers.map(\.status) == [400])
        #expect(answers.first?.headers["content-type"] == "application/json")
        #expect(answers.first?.headers["connection"] == "close")
        let text = try #require(answers.first.flatMap { probe.errorText($0.body) }, "not a JSON error body: \(exchange.text.prefix(300))")
        #expect(text.contains("request head is too large") && text.contains("81920 bytes"))
        #expect(exchange.closed)
    }

    @Test("a request line over 80 KB (a long URL) gets the same 400 with its JSON body", arguments: Probe.all)
    func oversizedURL(probe: Probe) async throws {
        let server = try await MockServer.start(service: try probe.service())
        let padding = String(repeating: "a", count: 100 * 1024)
        let exchange = try await RawHTTP.exchange(port: server.port, "GET /budget?pad=\(padding) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        await server.stop()
        #expect(exchange.answers.map(\.status) == [400])
        let text = try #require(exchange.answers.first.flatMap { probe.errorText($0.body) })
        #expect(text.contains("shorten the URL or the headers"))
        #expect(exchange.closed)
    }

    @Test("a refused head pipelined after a good request is answered after it, in order", arguments: Probe.all)
    func refusalAfterPipelinedRequest(probe: Probe) async throws {
        let service = try probe.service()
        let server = try await MockServer.start(service: service)
        let padding = String(repeating: "a", count: 100 * 1024)
        let exchange = try await RawHTTP.exchange(port: server.port, probe.request("1.1") + probe.request("1.1", "X-Padding: \(padding)\r\n"))
        await server.stop()
        let answers = exchange.answers
        #expect(answers.map(\.status) == [200, 400])
        #expect(answers.first?.body == (await probe.expectedBody(service)))
        #expect(answers.last.flatMap { probe.errorText($0.body) }?.contains("too large") == true)
        #expect(exchange.closed)
    }

    /// Issue 15 #8 over a real socket: HEAD reaches the 2025 service as HEAD, is refused with
    /// `Allow: GET`, and charges nothing.
    @Test("HEAD /loss over HTTP is a 405 with Allow: GET and charges nothing")
    func headOfLossOverHTTP() async throws {
        let api = try Fixtures.api()
        let server = try await MockServer.start(service: api)
        let query = "d_model=512&num_layers=8&num_heads=8&batch_size=128&learning_rate=0.001&train_flops=10000000000000000&api_key=k1"
        let exchange = try await RawHTTP.exchange(port: server.port, "HEAD /loss?\(query) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        await server.stop()
        #expect(exchange.answers.map(\.status) == [405])
        #expect(exchange.answers.first?.headers["allow"] == "GET")
        #expect(api.ledger.spent("k1") == 0)
        #expect(exchange.closed)
    }

    @Test("bytes that are not HTTP get a 400 with a JSON body naming the problem", arguments: Probe.all)
    func notHTTP(probe: Probe) async throws {
        let server = try await MockServer.start(service: try probe.service())
        let exchange = try await RawHTTP.exchange(port: server.port, "HELLO THERE\r\n\r\n")
        await server.stop()
        #expect(exchange.answers.map(\.status) == [400])
        let text = try #require(exchange.answers.first.flatMap { probe.errorText($0.body) })
        #expect(text.contains("not a valid HTTP/1 request"))
        #expect(exchange.closed)
    }
}
