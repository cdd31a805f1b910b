import Foundation
import MockAPIServer
import Scaling
import Testing

/// Persistence and recovery: --state across restarts, a campaign resumed from its journal after
/// the server died under it, and an answer lost after it was charged.
@Suite struct RestartAndResumeTests {
    @Test func restartWithStateKeepsEverything() async throws {
        let state = Fixtures.temporaryPath("state.sqlite")
        let server = try await MockServer.start(service: try Fixtures.api(state: state))
        let client = try Fixtures.client(server.url, key: "alice")
        for q in Fixtures.campaign(5) { _ = try await client.loss(q) }
        _ = try await Fixtures.client(server.url, key: "bob").loss(Fixtures.campaign(1)[0])
        let before = try await client.previousRuns()
        await server.stop()

        let restarted = try await MockServer.start(service: try Fixtures.api(state: state))
        let again = try Fixtures.client(restarted.url, key: "alice")
        #expect(try await again.previousRuns() == before)
        #expect(try await again.totalFlopsUsed() == 50_000_000_000_000_000)
        #expect(try await Fixtures.client(restarted.url, key: "bob").totalFlopsUsed() == 10_000_000_000_000_000)
        // A repeat after the restart is still free.
        #expect(try await again.loss(Fixtures.campaign(5)[4]).totalFlopsUsed == 50_000_000_000_000_000)
        await restarted.stop()
    }

    @Test func campaignResumedFromJournalAfterServerDeathSpendsNothingTwice() async throws {
        let state = Fixtures.temporaryPath("state.sqlite")
        let journal = Fixtures.temporaryPath("journal.jsonl")
        let campaign = Fixtures.campaign(12)
        let server = try await MockServer.start(service: try Fixtures.api(state: state))
        let port = server.port
        let client = try Fixtures.client(server.url, key: "alice", journal: journal)
        for q in campaign.prefix(7) { _ = try await client.loss(q) }
        await server.stop() // the server dies mid-campaign
        await #expect(throws: APIError.self) { try await client.loss(campaign[7]) }
        #expect(try RunJournal(path: journal).load().count == 7)

        // Restarted on the same port with the same state; a new client process resumes from the journal.
        let restarted = try await MockServer.start(service: try Fixtures.api(state: state), port: port)
        let resumed = try Fixtures.client(restarted.url, key: "alice", journal: journal)
        #expect(await resumed.knownRuns.count == 7)
        for q in campaign { _ = try await resumed.loss(q) }
        let runs = try await resumed.previousRuns()
        #expect(runs.map(\.query) == campaign)
        #expect(try await resumed.totalFlopsUsed() == 12 * 10_000_000_000_000_000)
        #expect(try RunJournal(path: journal).load().map(\.run) == runs)
        // Offline replay: everything answered from the journal, nothing sent.
        let offline = try TrainingAPIClient(transport: FailingTransport(), endpoint: "nowhere", apiKey: Fixtures.key("alice"), rules: .live,
                                            journal: RunJournal(path: journal), cachedOnly: true)
        for q in campaign { _ = try await offline.loss(q) }
        await #expect(throws: APIError.self) { try await offline.loss(Fixtures.campaign(13)[12]) }
        await restarted.stop()
    }

    @Test func lostAnswerIsResolvedFromPreviousRunsNotAskedAgain() async throws {
        let api = try Fixtures.api()
        let lossy = LosingTransport(inner: InProcessTransport(service: api))
        let journal = Fixtures.temporaryPath("journal.jsonl")
        let client = try TrainingAPIClient(transport: lossy, endpoint: "in-process", apiKey: Fixtures.key("alice"), rules: .live,
                                           journal: RunJournal(path: journal), retry: Fixtures.quickRetry)
        let q = Fixtures.campaign(1)[0]
        let (run, total) = try await client.loss(q)
        #expect(total == 10_000_000_000_000_000)
        #expect(await lossy.lossRequests == 1)
        #expect(api.ledger.runs("alice") == [run])
        #expect(try RunJournal(path: journal).load().map(\.run) == [run])
    }

    @Test func syncPullsPreviousRunsIntoTheJournal() async throws {
        let api = try Fixtures.api()
        let notebook = try TrainingAPIClient(transport: InProcessTransport(service: api), endpoint: "in-process", apiKey: Fixtures.key("alice"), rules: .live)
        for q in Fixtures.campaign(3) { _ = try await notebook.loss(q) }
        let journal = Fixtures.temporaryPath("journal.jsonl")
        let harness = try TrainingAPIClient(transport: InProcessTransport(service: api), endpoint: "in-process", apiKey: Fixtures.key("alice"), rules: .live,
                                            journal: RunJournal(path: journal))
        #expect(try await harness.sync() == (added: 3, listed: 3))
        #expect(try await harness.sync() == (added: 0, listed: 3))
        let entries = try RunJournal(path: journal).load()
        #expect(entries.map(\.run) == api.ledger.runs("alice"))
        #expect(entries.map(\.totalFlopsUsed) == [1, 2, 3].map { $0 * 10_000_000_000_000_000 })
        #expect(entries.allSatisfy { $0.source == .sync })
    }
}

/// Never delivers anything: the network must not be touched.
struct FailingTransport: Transport {
    func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse {
        throw TransportError(transient: false, mayHaveBeenDelivered: false, description: "the network was touched")
    }
}

/// Delivers the first /loss request to the server but loses its answer (as a reset connection).
actor LosingTransport: Transport {
    let inner: InProcessTransport
    var lossRequests = 0
    init(inner: InProcessTransport) { self.inner = inner }

    func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse {
        let path = request.path, query = request.query
        let answer = try await inner.send(.get(path, query: query))
        if path == "/loss" {
            lossRequests += 1
            if lossRequests == 1 {
                throw TransportError(transient: true, mayHaveBeenDelivered: true, description: "connection reset by peer")
            }
        }
        return answer
    }
}

@Suite struct RetryTests {
    @Test func fiveHundredsAreRetriedAfterCheckingPreviousRuns() async throws {
        let api = try Fixtures.api()
        let flaky = ScriptedTransport(inner: InProcessTransport(service: api), failures: [503, 502])
        let client = try TrainingAPIClient(transport: flaky, endpoint: "in-process", apiKey: Fixtures.key("alice"), rules: .live, retry: Fixtures.quickRetry)
        let (_, total) = try await client.loss(Fixtures.campaign(1)[0])
        #expect(total == 10_000_000_000_000_000)
        #expect(api.ledger.spent("alice") == 10_000_000_000_000_000)
        // Two 5xx then the answer, with a /previous_runs check before each retry.
        #expect(await flaky.paths == ["/loss", "/previous_runs", "/loss", "/previous_runs", "/loss"])
    }

    @Test func fourHundredsAreSurfacedAtOnce() async throws {
        let recorder = ScriptedTransport(inner: InProcessTransport(service: try Fixtures.api(keys: .only(["alice-key"]))), failures: [])
        let client = try TrainingAPIClient(transport: recorder, endpoint: "in-process", apiKey: Fixtures.key("mallory-key"), rules: .live, retry: Fixtures.quickRetry)
        await #expect(throws: APIError.refused(status: 401, endpoint: "in-process/total_flops_used", message: "Invalid API key provided: ma…")) {
            _ = try await client.totalFlopsUsed()
        }
        #expect(await recorder.paths == ["/total_flops_used"])
    }
}

/// Answers the first `failures.count` `/loss` requests with those 5xx statuses without passing
/// them on (as a failing proxy would), then forwards everything; records every path asked.
actor ScriptedTransport: Transport {
    let inner: InProcessTransport
    var failures: [Int]
    var paths: [String] = []
    init(inner: InProcessTransport, failures: [Int]) {
        self.inner = inner
        self.failures = failures
    }

    func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse {
        let path = request.path, query = request.query
        paths.append(path)
        if path == "/loss", !failures.isEmpty {
            return TransportResponse(status: failures.removeFirst(), body: Data("{\"message\": \"upstream hiccup\"}".utf8))
        }
        return try await inner.send(.get(path, query: query))
    }
}
