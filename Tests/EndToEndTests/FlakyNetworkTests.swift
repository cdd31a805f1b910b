import Foundation
import MockAPIServer
import Synchronization
import Testing
@testable import Scaling
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Issue 15, defect 6: transient failures (bodies cut short, a proxy's HTML page with 200, an
/// outage of many seconds) are retried for the policy's time, with a countdown, and a lost
/// answer is taken from /previous_runs rather than paid for twice.
@Suite struct FlakyNetworkTests {
    @Test func theStandardPolicyRetriesForMinutesWithGrowingWaits() {
        let waits = RetryPolicy.standard.delays()
        let total = waits.reduce(0, +)
        #expect(total >= 120 && total <= 300)
        #expect(waits.first! < 1 && waits.max()! <= 30)
        #expect(RetryPolicy.lasting(seconds: 0).delays().isEmpty)
        #expect(RetryPolicy.lasting(seconds: 11).delays().reduce(0, +) <= 11)
    }

    @Test(arguments: [URLError.Code.unknown, .networkConnectionLost, .timedOut, .cannotConnectToHost, .notConnectedToInternet, .dnsLookupFailed])
    func cutBodiesAndOutagesAreTransient(_ code: URLError.Code) {
        #expect(URLSessionTransport.classify(URLError(code), target: "http://h/loss").transient)
    }

    @Test func badURLsAreNotRetried() {
        #expect(!URLSessionTransport.classify(URLError(.unsupportedURL), target: "x").transient)
    }

    @Test func anOutageOfManyFailuresIsRiddenOutAndNothingIsPaidTwice() async throws {
        let api = try Fixtures.api()
        let outage = OutageTransport(inner: InProcessTransport(service: api), failures: 24)
        let lines = Mutex<[String]>([])
        let policy = RetryPolicy(maxAttempts: 10_000, baseDelay: 0.002, maxDelay: 0.01, jitter: 0.5, maxDuration: 5, seed: 3)
        let client = try TrainingAPIClient(transport: outage, endpoint: "http://student:sk-in-url-secret@host:8000", apiKey: Fixtures.key("alice-key-0123456789"),
                                           rules: .live, retry: policy, log: { line in lines.withLock { $0.append(line) } })
        let query = Fixtures.campaign(1)[0]
        let (run, total) = try await client.loss(query)
        #expect(total == query.trainFlops)
        #expect(api.ledger.spent("alice-key-0123456789") == query.trainFlops)
        #expect(run.query == query)
        let log = lines.withLock { $0 }
        #expect(log.count >= 12)
        #expect(log.allSatisfy { $0.contains("giving up in") })
        #expect(log.allSatisfy { !$0.contains("sk-in-url-secret") && !$0.contains("alice-key-0123456789") }, "\(log.first ?? "")")
    }

    @Test func aShortRetryTimeEndsWithUnavailableNamingTheLastFailure() async throws {
        let outage = OutageTransport(inner: InProcessTransport(service: try Fixtures.api()), failures: 1_000_000)
        let client = try TrainingAPIClient(transport: outage, endpoint: "in-process", apiKey: Fixtures.key("alice"), rules: .live,
                                           retry: RetryPolicy(maxAttempts: 10_000, baseDelay: 0.002, maxDelay: 0.005, maxDuration: 0.05))
        await #expect {
            try await client.totalFlopsUsed()
        } throws: { error in
            guard case .unavailable(_, let attempts, _) = error as? APIError else { return false }
            return attempts > 3
        }
    }
}

/// Fails the first `failures` requests in turn as a flaky network does: a body cut short (the
/// request was delivered and charged), a proxy's HTML page with status 200, a refused connection.
actor OutageTransport: Transport {
    let inner: InProcessTransport
    var failures: Int
    var count = 0
    init(inner: InProcessTransport, failures: Int) {
        self.inner = inner
        self.failures = failures
    }

    func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse {
        count += 1
        guard count <= failures else { return try await inner.send(request) }
        switch count % 3 {
        case 0:
            _ = try await inner.send(request) // delivered (and charged), then the body is cut
            throw URLSessionTransport.classify(URLError(.unknown), target: "http://student:sk-in-url-secret@host:8000\(request.path)")
        case 1:
            return TransportResponse(status: 200, headers: [.init("Content-Type", "text/html")], body: Data("<html><body>Gateway says hi</body></html>".utf8))
        default:
            throw URLSessionTransport.classify(URLError(.cannotConnectToHost), target: "http://student:sk-in-url-secret@host:8000\(request.path)")
        }
    }
}

/// Refuses the first `failures` connections as an unreachable host does, naming the URL (with
/// any user information in it) as URLSession's errors do.
final class UnreachableTransport: Transport, @unchecked Sendable {
    let inner: any Transport
    let url: String
    private let lock = NSLock()
    private var left: Int
    init(inner: any Transport, url: String, failures: Int) {
        self.inner = inner
        self.url = url
        left = failures
    }

    func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse {
        let fail = lock.withLock { () -> Bool in
            guard left > 0 else { return false }
            left -= 1
            return true
        }
        if fail { throw URLSessionTransport.classify(URLError(.cannotConnectToHost), target: url + request.path) }
        return try await inner.send(request)
    }
}
