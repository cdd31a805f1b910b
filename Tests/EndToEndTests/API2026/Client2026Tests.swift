import Foundation
import MockAPIServer
import Scaling
import SyntheticTrainer
import Testing

/// The 2026 client against the mock's real request handling in process, on a virtual clock.
struct Mock2026 {
    let clock = VirtualClock()
    let api: TrainingAPI2026
    let key = "06123456"

    init(behaviour: ServiceBehaviour2026 = Mock2026.quiet, truth: Truth2026 = Truth2026()) throws {
        api = try TrainingAPI2026(truth: truth, behaviour: behaviour, options: .init(seed: 3, time: .virtualClock(clock)))
    }

    /// No failures, preemptions or stuck workers.
    static var quiet: ServiceBehaviour2026 {
        var b = ServiceBehaviour2026()
        b.unexpectedFailureRate = 0; b.preemptionRate = 0; b.stuckRate = 0; b.nanRate = 0
        return b
    }

    var transport: InProcessTransport { InProcessTransport(service: api) }

    func client(journal: String? = nil, allowFinal: Bool = false, log: (@Sendable (String) -> Void)? = nil) throws -> TrainingAPIClient2026 {
        var options = TrainingAPIClient2026.Options()
        options.allowFinalSubmission = allowFinal
        return try TrainingAPIClient2026(transport: transport, endpoint: "in-process", apiKey: try APIKey(key, source: "test"),
                                         journal: journal.map(RunJournal2026.init(path:)), options: options,
                                         timing: .virtual(clock), log: log)
    }

    /// A POST /submit sent around the client (another session, or an answer the client lost).
    func submitBehindTheClientsBack(_ config: TrainingConfig) async throws -> Int {
        let r = try await transport.send(TransportRequest(method: .post, path: "/submit",
                                                          headers: [.init("X-API-Key", key), .init("Content-Type", "application/json")],
                                                          body: Data(JSONText.pydantic(config.wireJSON).utf8)))
        return r.status
    }

    /// Polls until the experiment ends (or is abandoned), sleeping on the virtual clock.
    func waitForEnd(_ client: TrainingAPIClient2026, _ state: ExperimentState<ExperimentResponse2026>) async throws -> ExperimentState<ExperimentResponse2026> {
        var s = state
        for _ in 0..<100_000 {
            guard case .running(let ticket) = s else { return s }
            try await clock.sleep(for: .seconds(30))
            s = try await client.poll(ticket)
        }
        return s
    }
}

func smallConfig(width: Int = 256, layers: Int = 4, tokens: Double = 8_388_608, maxRuntime: Double = 300, batch: Int = 64,
                 lr: Double = 3e-3) -> TrainingConfig {
    ConfigBuilder2026.config(width: width, layers: layers, batch: batch, peakLR: lr, tokens: tokens, maxRuntimeSeconds: maxRuntime)
}

func temporaryFile(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("client2026-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}

@Suite("Client2026")
struct Client2026Tests {
    @Test func submitsOnceAndRecognisesTheRepeatByUniqueID() async throws {
        let mock = try Mock2026()
        let client = try mock.client()
        let first = try await client.submitConfig(smallConfig())
        guard case .accepted(let id) = first else { Issue.record("expected accepted, got \(first)"); return }
        #expect(try await client.submitConfig(smallConfig()) == .known(experimentID: id))
        #expect(await client.submissionsSent == 1)
        #expect(try await client.budget().usedSeconds == 300)
    }

    @Test func aConflictIsFoundInExperimentsAndChargesNothing() async throws {
        let mock = try Mock2026()
        #expect(try await mock.submitBehindTheClientsBack(smallConfig()) == 200)
        let client = try mock.client()
        let answer = try await client.submitConfig(smallConfig())
        guard case .known(let id) = answer else { Issue.record("expected known, got \(answer)"); return }
        #expect(await client.duplicatesMet == 1)
        #expect(await client.experiment(for: smallConfig())?.experimentID == id)
        #expect(try await client.budget().usedSeconds == 300, "the 409 reserved nothing more")
    }

    @Test func aRerunFromTheJournalSubmitsNothingTwice() async throws {
        let mock = try Mock2026()
        let path = temporaryFile("journal.jsonl")
        let configs = [smallConfig(), smallConfig(width: 320, layers: 5), smallConfig(width: 384, layers: 6)]
        do {
            let client = try mock.client(journal: path)
            var states: [ExperimentState<ExperimentResponse2026>] = []
            for c in configs { states.append(try await client.submit(c)) }
            // Let the first end; then the client "crashes" with two in flight.
            _ = try await mock.waitForEnd(client, states[0])
        }
        // A crash that lost the answer of a fourth submit after the service took it.
        let lost = smallConfig(width: 448, layers: 7)
        #expect(try await mock.submitBehindTheClientsBack(lost) == 200)
        let rerun = try mock.client(journal: path)
        #expect(await rerun.experimentIDs.count == 3)
        for c in configs {
            let answer = try await rerun.submitConfig(c)
            guard case .known = answer else { Issue.record("\(c.uniqueID) was submitted again: \(answer)"); return }
        }
        guard case .known = try await rerun.submitConfig(lost) else { Issue.record("the lost submit was sent again"); return }
        #expect(await rerun.submissionsSent == 1, "only the lost one was sent, and it answered 409")
        #expect(mock.api.engine.experiments(of: mock.key).count == 4)
        try await rerun.settleUnfinished()
        #expect(await rerun.unfinished.isEmpty)
        let r = try await rerun.reconcile()
        #expect(r.agrees, "\(r)")
    }

    @Test func aDamagedJournalLineIsAClearErrorNamingFileAndLine() async throws {
        let mock = try Mock2026()
        let path = temporaryFile("journal.jsonl")
        do {
            let client = try mock.client(journal: path)
            _ = try await client.submitConfig(smallConfig())
            _ = try await client.budget()
        }
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text += "{\"seq\": 3, \"request\": \n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try mock.client(journal: path)
        } throws: { error in
            let d = "\(error)"
            return d.contains(path) && d.contains("line 3")
        }
        // A torn last line (no newline: the crash came mid-write) is ignored.
        try (String(text.dropLast(25))).write(toFile: path, atomically: true, encoding: .utf8)
        let client = try mock.client(journal: path)
        #expect(await client.experimentIDs.count == 1)
    }

    @Test func aTimeoutKeepsItsPartialCurveAndIsChargedItsReservation() async throws {
        let mock = try Mock2026()
        let client = try mock.client()
        let config = smallConfig(width: 512, layers: 8, tokens: 5e8, maxRuntime: 60, batch: 128)
        let end = try await mock.waitForEnd(client, try await client.submit(config))
        guard case .finished(let e) = end else { Issue.record("expected an ended experiment, got \(end)"); return }
        guard case .timeout = ExperimentOutcome2026(e) else { Issue.record("expected a timeout, got \(e.status)"); return }
        #expect(CampaignRules2026.chargedSeconds(e) == 60)
        #expect(!e.status.visibleLosses.isEmpty, "the chunks before the check are evidence")
    }

    @Test func anOutOfMemoryFailureIsEvidenceChargedWhatTheServiceReports() async throws {
        let mock = try Mock2026()
        let client = try mock.client()
        let config = smallConfig(width: 2048, layers: 24, tokens: 1e9, maxRuntime: 3600, batch: 2048)
        let end = try await mock.waitForEnd(client, try await client.submit(config))
        guard case .finished(let e) = end else { Issue.record("expected an ended experiment, got \(end)"); return }
        #expect(ExperimentOutcome2026(e).isOutOfMemory)
        let charged = CampaignRules2026.chargedSeconds(e)
        #expect(charged >= 1 && charged < 30)
    }

    @Test func aStuckRunIsAbandonedOnceAndTheRerunKnowsIt() async throws {
        var b = Mock2026.quiet
        b.stuckRate = 1
        let mock = try Mock2026(behaviour: b)
        let path = temporaryFile("journal.jsonl")
        let client = try mock.client(journal: path)
        let end = try await mock.waitForEnd(client, try await client.submit(smallConfig()))
        guard case .failed(let failure) = end else { Issue.record("expected the stuck run abandoned, got \(end)"); return }
        #expect(failure.charged == 300)
        #expect(failure.message.hasPrefix("stuck"))
        let rerun = try mock.client(journal: path)
        guard case .failed = try await rerun.submit(smallConfig()) else { Issue.record("the rerun waits on a stuck run again"); return }
        #expect(await rerun.submissionsSent == 0)
    }

    @Test func aShrinkingCurveIsWarnedAboutAndKept() async throws {
        var b = Mock2026.quiet
        b.preemptionRate = 1
        let mock = try Mock2026(behaviour: b)
        let lines = LogLines()
        let client = try mock.client(log: { lines.add($0) })
        let end = try await mock.waitForEnd(client, try await client.submit(smallConfig(tokens: 1.3e8, maxRuntime: 2000)))
        guard case .finished(let e) = end else { Issue.record("expected an ended experiment, got \(end)"); return }
        #expect(e.status.visibleLosses.count == 16 || !ExperimentOutcome2026(e).isCompleted)
        // Preemption shows only when a poll lands between the restart and the next report: if
        // the warning was given, it names the experiment.
        for w in await client.warnings where w.contains("shrank") { #expect(w.contains("experiment \(e.experimentID)")) }
    }

    @Test func aConfigDifferingOnlyInMaxRuntimeIsSentWithAWarning() async throws {
        let mock = try Mock2026()
        let client = try mock.client()
        _ = try await client.submitConfig(smallConfig(maxRuntime: 300))
        guard case .accepted = try await client.submitConfig(smallConfig(maxRuntime: 400)) else {
            Issue.record("a different max_runtime_seconds is a new experiment"); return
        }
        let warnings = await client.warnings
        #expect(warnings.count == 1 && warnings[0].contains("only in max_runtime_seconds") && warnings[0].contains("charged again"))
        #expect(try await client.budget().usedSeconds == 700)
    }

    @Test func aBrokenConfigIsRefusedLocally() async throws {
        let mock = try Mock2026()
        let client = try mock.client()
        var c = smallConfig()
        c.totalTrainTokens += 1
        await #expect(throws: APIError2026.self) { _ = try await client.submitConfig(c) }
        #expect(await client.submissionsSent == 0)
        #expect(CampaignRules2026().violation(of: c)?.message.contains("divisible") == true)
    }

    @Test func theFinalSubmissionIsPostedOnlyWhenAllowed() async throws {
        let mock = try Mock2026()
        let config = smallConfig()
        let locked = try mock.client()
        await #expect(throws: APIError2026.finalSubmissionNotAllowed) {
            _ = try await locked.submitFinal(config, predictedFinalLoss: 3.2)
        }
        #expect(try await locked.finalSubmission() == nil)
        let open = try mock.client(allowFinal: true)
        let posted = try await open.submitFinal(config, predictedFinalLoss: 3.2)
        #expect(posted.predictedFinalLoss == 3.2)
        #expect(try await open.finalSubmission() == posted)
    }

    @Test func theKeyIsEightDigitsAndNeverShownInFull() throws {
        let key = try APIKey.load2026(file: nil, environment: ["A3_API_KEY": "06123456\n"])
        #expect(key.value == "06123456")
        #expect(!"\(key)".contains("0612") && !key.masked.contains("3456"))
        for bad in ["1234567", "abcdefgh", "061234567"] {
            #expect {
                _ = try APIKey.load2026(file: nil, environment: ["A3_API_KEY": bad])
            } throws: { error in
                let d = "\(error)"
                return d.contains("exactly 8 digits") && !d.contains(bad)
            }
        }
        #expect(throws: APIKeyError.self) { _ = try APIKey.load2026(file: nil, environment: [:]) }
    }

    /// A 503 is retried on the policy's waits (`--retry-for`), each retry logged; with no time
    /// to retry, the first 503 is the failure, naming the endpoint and the answer.
    @Test func transientFailuresAreRetriedForTheirTimeAndNoLonger() async throws {
        let mock = try Mock2026()
        let flaky = FlakyTransport(inner: mock.transport, failures: 2)
        let lines = LogLines()
        var options = TrainingAPIClient2026.Options()
        options.retry = .lasting(seconds: 60)
        let patient = try TrainingAPIClient2026(transport: flaky, endpoint: "in-process", apiKey: try APIKey(mock.key, source: "test"),
                                                options: options, timing: .virtual(mock.clock), log: lines.add)
        #expect(try await patient.budget().usedSeconds == 0)
        #expect(lines.all.filter { $0.contains("HTTP 503") && $0.contains("retry") }.count == 2, "\(lines.all)")

        options.retry = .lasting(seconds: 0)
        let impatient = try TrainingAPIClient2026(transport: FlakyTransport(inner: mock.transport, failures: 1), endpoint: "in-process",
                                                  apiKey: try APIKey(mock.key, source: "test"), options: options, timing: .virtual(mock.clock))
        do {
            _ = try await impatient.budget()
            Issue.record("expected the 503 to be the failure")
        } catch {
            #expect("\(error)".contains("503") && "\(error)".contains("/budget"), "\(error)")
        }
    }

    /// Issue 15 #11 for 2026: a key put in `--api-url` (`http://user:secret@host`) is shown
    /// neither in retry lines nor in the failure, as for the 2025 client.
    @Test func aSecretInTheURLIsNeverEchoed() async throws {
        let mock = try Mock2026()
        let url = "http://student:sk-in-url-secret@host:8000"
        let lines = LogLines()
        var options = TrainingAPIClient2026.Options()
        options.retry = .lasting(seconds: 60)
        let client = try TrainingAPIClient2026(transport: UnreachableTransport(inner: mock.transport, url: url, failures: 1_000_000),
                                               endpoint: url, apiKey: try APIKey(mock.key, source: "test"), options: options,
                                               timing: .virtual(mock.clock), log: lines.add)
        #expect(client.endpoint == "http://host:8000")
        do {
            _ = try await client.budget()
            Issue.record("expected the outage to be the failure")
        } catch {
            #expect("\(error)".contains("http://host:8000/budget") && !"\(error)".contains("sk-in-url-secret"), "\(error)")
        }
        #expect(!lines.all.isEmpty)
        #expect(lines.all.allSatisfy { !$0.contains("sk-in-url-secret") && !$0.contains(mock.key) }, "\(lines.all.first ?? "")")
    }

    @Test func aRefusalNeverEchoesTheKey() async throws {
        let mock = try Mock2026()
        let client = try TrainingAPIClient2026(transport: mock.transport, endpoint: "in-process",
                                               apiKey: try APIKey("99999999", source: "test"), timing: .virtual(mock.clock))
        // The mock accepts any student ID; a 404 is still a refusal whose text must be masked.
        do {
            _ = try await client.experiment(id: 424242)
            Issue.record("expected a 404")
        } catch {
            #expect("\(error)".contains("404") && !"\(error)".contains("99999999"))
        }
    }
}

final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ s: String) { lock.lock(); lines.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}

/// Answers 503 to the first `failures` requests, then passes them to `inner`.
final class FlakyTransport: Transport, @unchecked Sendable {
    let inner: any Transport
    private let lock = NSLock()
    private var remaining: Int
    init(inner: any Transport, failures: Int) { self.inner = inner; remaining = failures }
    func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse {
        let fail: Bool = lock.withLock { defer { remaining -= 1 }; return remaining > 0 }
        if fail { return TransportResponse(status: 503, body: Data("{\"detail\":\"overloaded\"}".utf8)) }
        return try await inner.send(request)
    }
}
