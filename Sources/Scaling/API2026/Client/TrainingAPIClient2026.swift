import Foundation

/// How the 2026 client tells and waits for time: the rehearsal's `VirtualClock` (waiting costs
/// no real time) or the real clock against a live service.
public struct ClientTiming2026: Sendable {
    /// Seconds on this clock (any origin; only differences are used).
    public var now: @Sendable () -> Double
    /// Waits `seconds` on this clock.
    public var sleep: @Sendable (Double) async throws -> Void

    public init(now: @escaping @Sendable () -> Double, sleep: @escaping @Sendable (Double) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// The campaign's virtual clock: sleeping moves it at once.
    public static func virtual(_ clock: VirtualClock) -> ClientTiming2026 {
        ClientTiming2026(now: { clock.now.seconds }, sleep: { try await clock.sleep(for: .seconds($0)) })
    }

    /// Real time.
    public static var real: ClientTiming2026 {
        let start = ContinuousClock.now
        return ClientTiming2026(now: {
            let c = (ContinuousClock.now - start).components
            return Double(c.seconds) + Double(c.attoseconds) * 1e-18
        }, sleep: { try await Task.sleep(for: .seconds($0)) })
    }
}

/// The one client of the 2026 training API (docs/api-2026-contract.md), for the in-process mock,
/// the mock over HTTP and the live service alike.
///
/// It never wastes budget:
/// - a config that breaks a rule of the contract is refused locally (the schema's own checks);
/// - every answer is written to the journal (fsync'd) before it is used; on start the journal is
///   replayed, so a config already submitted is recognised by its `uniqueID` (the contract's
///   BLAKE2s hash, §7) and never sent again, whatever state it was in;
/// - a `409` (already exists) is resolved by finding the experiment in `GET /experiments`;
/// - a config that differs from an earlier one only in `max_runtime_seconds` is sent (it is a
///   new experiment) with a warning: it is charged again;
/// - transient failures (connection, timeout, 5xx) are retried with bounded backoff and seeded
///   jitter on the injected clock; a 4xx is never retried;
/// - polls back off while nothing changes (from `pollBase` up to `pollCap` seconds); a curve that
///   gets shorter (a preempted worker restarting) is logged and kept; a run with no new loss for
///   `stuckAfter(config)` seconds is abandoned as stuck (its reservation stays held, §5.1);
/// - the local mirror of reservations (`mirroredUsedSeconds`) is reconciled with `GET /budget`.
///
/// As a `TrainingService` its `Result` is every ended experiment (`completed` or `failed`):
/// a timeout's partial curve and an OOM are evidence for the planner, not errors. `.failed`
/// is only a run abandoned as stuck (charged its reservation) or one the service refused for
/// budget (charged nothing).
///
/// ```swift
/// let client = try TrainingAPIClient2026(transport: InProcessTransport(service: api), endpoint: "in-process",
///                                        apiKey: key, journal: RunJournal2026(path: "runs/journal.jsonl"),
///                                        timing: .virtual(clock))
/// let state = try await client.submit(.handoutExample)   // .running(ticket)
/// ```
public actor TrainingAPIClient2026: TrainingService {
    public typealias Request = TrainingConfig
    public typealias Result = ExperimentResponse2026

    public struct Options: Sendable {
        /// The contract version the local checks follow (26.0.2 lifts the 43,200 s bound).
        public var schema: WireSchema2026
        public var retry: RetryPolicy
        /// First wait between polls of one experiment, and the longest (seconds).
        public var pollBase: Double
        public var pollCap: Double
        /// How long a running experiment may go without a new loss before it counts as stuck:
        /// `stuckFactor × max_runtime_seconds + stuckSlack` seconds (the worker's watchdog ends a
        /// healthy run by 1.05·max + 10 s of training; queueing and start-up come on top).
        public var stuckFactor: Double
        public var stuckSlack: Double
        /// Whether `submitFinal` may POST (the CLI's `--submit-final`).
        public var allowFinalSubmission: Bool

        public init(schema: WireSchema2026 = .v26_0_2, retry: RetryPolicy = .standard, pollBase: Double = 10,
                    pollCap: Double = 120, stuckFactor: Double = 2, stuckSlack: Double = 1800,
                    allowFinalSubmission: Bool = false) {
            self.schema = schema; self.retry = retry; self.pollBase = pollBase; self.pollCap = pollCap
            self.stuckFactor = stuckFactor; self.stuckSlack = stuckSlack; self.allowFinalSubmission = allowFinalSubmission
        }
    }

    public nonisolated let apiKey: APIKey
    /// Where requests go, for messages (`http://127.0.0.1:8000`, or `in-process`), without any
    /// user information a URL carried (`http://key@host` is shown as `http://host`).
    public nonisolated let endpoint: String
    private nonisolated let redact: Redaction
    public nonisolated let options: Options
    let transport: any Transport
    let journal: RunJournal2026?
    let timing: ClientTiming2026
    let log: (@Sendable (String) -> Void)?

    struct Watch {
        var nextPollAt: Double
        var interval: Double
        var lastLosses: Int
        var lastChangeAt: Double
    }

    private var seq = 0
    /// Everything the journalled answers say (rebuilt from the journal on start).
    struct Known {
        var idByUniqueID: [String: Int64] = [:]
        var latest: [Int64: ExperimentResponse2026] = [:]
        /// Configs accepted by `POST /submit`, by experiment id (known before any poll).
        var submitted: [Int64: TrainingConfig] = [:]
        var order: [Int64] = []
        var lastBody: [Int64: String] = [:]
        var abandoned: [Int64: String] = [:]
        /// uniqueID of a config with `max_runtime_seconds` set to 1, to the runtimes seen.
        var runtimeFamilies: [String: Set<Double>] = [:]
        var reportedBudget: BudgetSummary2026?
    }
    private var known = Known()
    private var idByUniqueID: [String: Int64] { known.idByUniqueID }
    private var latest: [Int64: ExperimentResponse2026] { known.latest }
    private var order: [Int64] { known.order }
    private var lastBody: [Int64: String] { known.lastBody }
    private var abandoned: [Int64: String] { known.abandoned }
    private var runtimeFamilies: [String: Set<Double>] { known.runtimeFamilies }
    private var watches: [Int64: Watch] = [:]
    /// The last budget summary the service sent.
    public var reportedBudget: BudgetSummary2026? { known.reportedBudget }
    /// Every warning given (also sent to `log`).
    public private(set) var warnings: [String] = []
    /// `POST /submit` requests sent by this client (not answered from the journal).
    public private(set) var submissionsSent = 0
    /// Answers of 409 (already exists) met.
    public private(set) var duplicatesMet = 0

    /// - Parameters:
    ///   - transport: how requests travel (`URLSessionTransport`, or the mock's in-process one).
    ///   - journal: where answers are recorded and replayed from; nil keeps them in memory only.
    ///   - timing: the clock polls, backoff and stuck runs are measured on.
    ///   - log: receives one line per retry, warning or abandoned run (never the key).
    public init(transport: any Transport, endpoint: String, apiKey: APIKey, journal: RunJournal2026? = nil,
                options: Options = Options(), timing: ClientTiming2026 = .real,
                log: (@Sendable (String) -> Void)? = nil) throws(APIError2026) {
        self.transport = transport
        redact = Redaction(apiKey: apiKey, endpoint: endpoint)
        self.endpoint = redact.endpoint
        self.apiKey = apiKey
        self.journal = journal
        self.options = options
        self.timing = timing
        self.log = log
        let entries: [RunJournal2026.Entry]
        do { entries = try journal?.load() ?? [] } catch { throw APIError2026.journal(error.description) }
        var rebuilt = Known()
        var last = 0
        for entry in entries {
            last = max(last, entry.seq)
            do { try rebuilt.apply(entry, endpoint: endpoint) } catch {
                throw APIError2026.journal("journal \(journal?.path ?? "?"), entry \(entry.seq) (\(entry.request)): \(error)")
            }
        }
        known = rebuilt
        seq = last
    }

    /// Over HTTP with `URLSession` to `baseURL` (the only host it will contact).
    public init(baseURL: URL, apiKey: APIKey, journal: RunJournal2026? = nil, options: Options = Options(),
                timeout: TimeInterval = 30, log: (@Sendable (String) -> Void)? = nil) throws(APIError2026) {
        try self.init(transport: URLSessionTransport(baseURL: baseURL, timeout: timeout), endpoint: baseURL.absoluteString,
                      apiKey: apiKey, journal: journal, options: options, timing: .real, log: log)
    }

    // MARK: What the client knows

    /// Every experiment known (journal first, then this session), in the order first seen, in
    /// its latest known state.
    public var experimentsKnown: [ExperimentResponse2026] { order.compactMap { latest[$0] } }

    /// The experiment of `config` (by its `uniqueID`), if one is known.
    public func experiment(for config: TrainingConfig) -> ExperimentResponse2026? {
        idByUniqueID[config.uniqueID].flatMap { latest[$0] }
    }

    /// Ids of every experiment known (submitted here or listed by the service), in the order first seen.
    public var experimentIDs: [Int64] { order }

    /// Ids of experiments not known to have ended and not abandoned (queued, running, or
    /// accepted and not polled yet).
    public var unfinished: [Int64] {
        order.filter { !(latest[$0]?.status.isTerminal ?? false) && abandoned[$0] == nil }
    }

    /// Experiments this client gave up on as stuck, with why.
    public var abandonedExperiments: [Int64: String] { abandoned }

    /// Seconds the known experiments hold by the contract's accounting (§6): a queued or
    /// running one its `max_runtime_seconds`, an ended one its runtime clipped to [1, max].
    public var mirroredUsedSeconds: Double {
        order.reduce(0) { sum, id in
            if let e = latest[id] { return sum + CampaignRules2026.chargedSeconds(e) }
            return sum + (known.submitted[id]?.maxRuntimeSeconds ?? 0)
        }
    }

    // MARK: Submitting and polling

    /// What `submitConfig` did.
    public enum Submission: Sendable, Hashable {
        /// The service accepted it now.
        case accepted(experimentID: Int64)
        /// It was submitted before (journal, or a 409 resolved through `/experiments`): nothing charged.
        case known(experimentID: Int64)
        /// 400 insufficient budget: nothing charged; the summary is the service's.
        case insufficientBudget(BudgetSummary2026)
    }

    /// Submits `config` unless it was submitted before.
    public func submitConfig(_ config: TrainingConfig) async throws -> Submission {
        if case .failure(let issues) = TrainingConfig.validate(config.wireJSON, at: ["body"], schema: options.schema) {
            throw APIError2026.invalidConfig(issues.map(\.msg).joined(separator: "; "))
        }
        let uid = config.uniqueID
        if let id = idByUniqueID[uid] { return .known(experimentID: id) }
        var family = config
        family.maxRuntimeSeconds = 1
        let others = runtimeFamilies[family.uniqueID, default: []]
        if !others.isEmpty {
            warn("config \(uid) differs from an earlier one only in max_runtime_seconds (\(others.sorted().map { formatSeconds($0, 0) }.joined(separator: ", ")) s before, \(formatSeconds(config.maxRuntimeSeconds, 0)) s now): it is a new experiment and is charged again")
        }
        submissionsSent += 1
        let body = Data(JSONText.pydantic(config.wireJSON).utf8)
        let answer = try await send(.post, "/submit", body: body, uniqueID: uid, sent: String(decoding: body, as: UTF8.self))
        switch answer.status {
        case 200..<300:
            guard let id = idByUniqueID[uid] else {
                throw APIError2026.malformedAnswer(endpoint: endpoint + "/submit", detail: "no experiment_id")
            }
            return .accepted(experimentID: id)
        case 409:
            duplicatesMet += 1
            _ = try await listExperiments()
            guard let id = idByUniqueID[uid] else { throw APIError2026.duplicateNotListed(uniqueID: uid) }
            log?("POST /submit: config \(uid) already exists as experiment \(id); taken from /experiments, nothing charged")
            return .known(experimentID: id)
        case 400:
            if case .insufficientBudget(_, let summary)? = try? ErrorDetail2026(json: JSONText.parse(Array(answer.body.utf8))) {
                return .insufficientBudget(summary)
            }
            throw refusal(answer, "/submit")
        default:
            throw refusal(answer, "/submit")
        }
    }

    public func submit(_ request: TrainingConfig) async throws -> ExperimentState<ExperimentResponse2026> {
        switch try await submitConfig(request) {
        case .accepted(let id), .known(let id):
            if let reason = abandoned[id] { return .failed(stuckFailure(request, reason)) }
            if let e = latest[id], e.status.isTerminal { return .finished(e) }
            if watches[id] == nil { watch(id, losses: latest[id]?.status.visibleLosses.count ?? 0) }
            return .running(ExperimentTicket(String(id)))
        case .insufficientBudget(let summary):
            return .failed(ExperimentFailure(kind: .unexpected, message: "refused by the service: insufficient budget (\(summary.remainingSeconds) s remaining, \(request.maxRuntimeSeconds) s asked)", charged: 0))
        }
    }

    public func poll(_ ticket: ExperimentTicket) async throws -> ExperimentState<ExperimentResponse2026> {
        guard let id = Int64(ticket.id) else {
            throw APIError2026.invalidConfig("ticket '\(ticket.id)' is not an experiment id")
        }
        if let reason = abandoned[id] { return .failed(stuckFailure(latest[id]?.trainingConfig, reason)) }
        let now = timing.now()
        if let w = watches[id], now < w.nextPollAt, latest[id] != nil { return .running(ticket) }
        let e = try await experiment(id: id)
        if e.status.isTerminal {
            watches[id] = nil
            return .finished(e)
        }
        let count = e.status.visibleLosses.count
        var w = watches[id] ?? Watch(nextPollAt: now, interval: options.pollBase, lastLosses: count, lastChangeAt: now)
        if count != w.lastLosses {
            if count < w.lastLosses {
                warn("experiment \(id): val_losses shrank from \(w.lastLosses) to \(count) entries (the worker was preempted and restarted); the shorter curve is kept")
            }
            w.lastLosses = count
            w.lastChangeAt = now
            w.interval = options.pollBase
        } else {
            w.interval = min(options.pollCap, w.interval * 1.5)
        }
        w.nextPollAt = now + w.interval
        watches[id] = w
        // A queued experiment waits for a slot; only a running one can be stuck.
        if case .running = e.status, now - w.lastChangeAt > stuckAfter(e.trainingConfig) {
            let reason = "no new loss for \(formatSeconds(now - w.lastChangeAt, 0)) s (more than \(formatSeconds(stuckAfter(e.trainingConfig), 0)) s): treated as stuck; its \(e.trainingConfig.maxRuntimeSeconds) s stay reserved"
            try record(RunJournal2026.Entry(seq: 0, at: now, request: "CLIENT abandon", experimentID: id, status: 0, body: reason))
            warn("experiment \(id): \(reason)")
            return .failed(stuckFailure(e.trainingConfig, reason))
        }
        return .running(ticket)
    }

    /// Polls every unfinished experiment the journal knows until each has ended or is
    /// abandoned (a rerun after a crash adopts what was in flight instead of submitting again).
    public func settleUnfinished(pollSeconds: Double = 30) async throws {
        while true {
            let open = unfinished
            if open.isEmpty { return }
            var ended = false
            for id in open {
                let state = try await poll(ExperimentTicket(String(id)))
                if case .running = state { continue }
                ended = true
            }
            if !ended { try await timing.sleep(pollSeconds) }
        }
    }

    func stuckAfter(_ config: TrainingConfig) -> Double {
        options.stuckFactor * config.maxRuntimeSeconds + options.stuckSlack
    }

    private func stuckFailure(_ config: TrainingConfig?, _ reason: String) -> ExperimentFailure {
        ExperimentFailure(kind: .unexpected, message: "stuck: " + reason, charged: config?.maxRuntimeSeconds)
    }

    private func watch(_ id: Int64, losses: Int) {
        let now = timing.now()
        watches[id] = Watch(nextPollAt: now + options.pollBase, interval: options.pollBase, lastLosses: losses, lastChangeAt: now)
    }

    // MARK: Reading

    /// `GET /experiment/{id}`.
    public func experiment(id: Int64) async throws -> ExperimentResponse2026 {
        let path = "/experiment/\(id)"
        let answer = try await send(.get, path, experimentID: id)
        guard (200..<300).contains(answer.status) else { throw refusal(answer, path) }
        guard let e = latest[id] else { throw APIError2026.malformedAnswer(endpoint: endpoint + path, detail: "no experiment") }
        return e
    }

    /// `GET /experiments`: every experiment of the key.
    public func listExperiments() async throws -> [ExperimentResponse2026] {
        let answer = try await send(.get, "/experiments")
        guard (200..<300).contains(answer.status) else { throw refusal(answer, "/experiments") }
        return try Self.decode(answer.body, endpoint + "/experiments") { v throws(WireDecodingError) in try ExperimentResponse2026.decodeList(v) }
    }

    /// `GET /budget`.
    public func budget() async throws -> BudgetSummary2026 {
        let answer = try await send(.get, "/budget")
        guard (200..<300).contains(answer.status) else { throw refusal(answer, "/budget") }
        return try Self.decode(answer.body, endpoint + "/budget") { v throws(WireDecodingError) in try BudgetSummary2026(json: v) }
    }

    /// The service's budget against the local mirror of every experiment (after a fresh
    /// `/experiments`, so experiments from other sessions are counted too).
    public struct Reconciliation: Sendable, Hashable {
        public var service: BudgetSummary2026
        public var mirroredUsedSeconds: Double
        /// service − mirror, in seconds.
        public var difference: Double { service.usedSeconds - mirroredUsedSeconds }
        public var agrees: Bool { abs(difference) <= 1e-6 * max(1, service.usedSeconds) }
    }

    public func reconcile() async throws -> Reconciliation {
        _ = try await listExperiments()
        let summary = try await budget()
        let r = Reconciliation(service: summary, mirroredUsedSeconds: mirroredUsedSeconds)
        if !r.agrees {
            warn("GET /budget says \(summary.usedSeconds) s used, the experiments account for \(r.mirroredUsedSeconds) s (difference \(r.difference) s)")
        }
        return r
    }

    /// `GET /final_submission`: nil when there is none.
    public func finalSubmission() async throws -> FinalSubmissionResponse2026? {
        let answer = try await send(.get, "/final_submission")
        guard (200..<300).contains(answer.status) else { throw refusal(answer, "/final_submission") }
        do { return try FinalSubmissionResponse2026.decodeOptional(Array(answer.body.utf8)) } catch {
            throw APIError2026.malformedAnswer(endpoint: endpoint + "/final_submission", detail: error.description)
        }
    }

    /// `POST /final_submission`, only when `options.allowFinalSubmission` (else nothing is sent).
    public func submitFinal(_ config: TrainingConfig, predictedFinalLoss: Double) async throws -> FinalSubmissionResponse2026 {
        guard options.allowFinalSubmission else { throw APIError2026.finalSubmissionNotAllowed }
        let request = FinalSubmissionRequest2026(trainingConfig: config, predictedFinalLoss: predictedFinalLoss)
        if case .failure(let issues) = FinalSubmissionRequest2026.validate(request.json, schema: options.schema) {
            throw APIError2026.invalidConfig(issues.map { "\($0.loc.map(JSONText.python).joined(separator: ".")): \($0.msg)" }.joined(separator: "; "))
        }
        let answer = try await send(.post, "/final_submission", body: Data(JSONText.pydantic(request.json).utf8))
        guard (200..<300).contains(answer.status) else { throw refusal(answer, "/final_submission") }
        return try Self.decode(answer.body, endpoint + "/final_submission") { v throws(WireDecodingError) in try FinalSubmissionResponse2026(json: v) }
    }

    // MARK: The exchange

    struct Answer {
        var status: Int
        var body: String
    }

    /// One request with retries; the answer is journalled, then applied to what the client
    /// knows, then returned. A 5xx or a transient transport failure is retried after the
    /// policy's wait (on the injected clock); a POST /submit retried after it may have been
    /// delivered is safe (a repeat answers 409, resolved through `/experiments`).
    private func send(_ method: TransportRequest.Method, _ path: String, body: Data = Data(), uniqueID: String? = nil,
                      experimentID: Int64? = nil, sent: String? = nil) async throws -> Answer {
        var headers = [TransportRequest.Header("X-API-Key", apiKey.value)]
        if !body.isEmpty { headers.append(.init("Content-Type", "application/json")) }
        let request = TransportRequest(method: method, path: path, headers: headers, body: body)
        // The policy's waits bound the attempts (none left: the last failure is the answer).
        let delays = options.retry.delays()
        let attempts = delays.count + 1
        var waitsLeft = delays.reduce(0, +)
        var lastFailure = ""
        for attempt in 1...attempts {
            if attempt > 1 {
                let wait = delays[attempt - 2]
                log?("\(method) \(path): \(lastFailure); retry \(attempt - 1) of \(attempts - 1) in \(formatSeconds(wait, 2)) s (giving up in \(formatSeconds(waitsLeft, 0)) s)")
                waitsLeft -= wait
                try await timing.sleep(wait)
            }
            let response: TransportResponse
            do { response = try await transport.send(request) } catch {
                guard error.transient else {
                    throw APIError2026.unavailable(endpoint: endpoint + path, attempts: attempt, lastFailure: masking(error.description))
                }
                lastFailure = masking(error.description)
                continue
            }
            let text = String(decoding: response.body, as: UTF8.self)
            if response.status >= 500 {
                lastFailure = "HTTP \(response.status): \(masking(String(text.prefix(200))))"
                continue
            }
            let answer = Answer(status: response.status, body: text)
            if method == .get, let experimentID, response.status == 200, lastBody[experimentID] == text {
                return answer // byte-identical to the last poll journalled: nothing new to record
            }
            try record(RunJournal2026.Entry(seq: 0, at: timing.now(), request: "\(method) \(path)", uniqueID: uniqueID,
                                            experimentID: experimentID, status: response.status, body: text, sent: sent))
            return answer
        }
        throw APIError2026.unavailable(endpoint: endpoint + path, attempts: attempts, lastFailure: lastFailure)
    }

    /// Journals `entry` (durably), then applies it.
    private func record(_ entry: RunJournal2026.Entry) throws {
        var e = entry
        seq += 1
        e.seq = seq
        do { try journal?.append([e]) } catch { throw APIError2026.journal(error.description) }
        try known.apply(e, endpoint: endpoint)
    }
}

extension TrainingAPIClient2026.Known {

    /// What one journalled answer tells the client (the same code on replay and live).
    mutating func apply(_ entry: RunJournal2026.Entry, endpoint: String) throws(APIError2026) {
        let parts = entry.request.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw APIError2026.journal("unknown request '\(entry.request)'") }
        let (method, path) = (parts[0], parts[1])
        if method == "CLIENT" {
            if path == "abandon", let id = entry.experimentID { abandoned[id] = entry.body }
            return
        }
        guard (200..<300).contains(entry.status) else { return }
        let at = endpoint + path
        switch (method, path) {
        case ("POST", "/submit"):
            let r = try TrainingAPIClient2026.decode(entry.body, at) { v throws(WireDecodingError) in try SubmitResponse2026(json: v) }
            reportedBudget = r.budgetSummary
            if let uid = entry.uniqueID { idByUniqueID[uid] = r.experimentID }
            if !order.contains(r.experimentID) { order.append(r.experimentID) }
            if let sent = entry.sent {
                let config = try TrainingAPIClient2026.decode(sent, at + " (the config sent)") { v throws(WireDecodingError) in try TrainingConfig(json: v) }
                submitted[r.experimentID] = config
                noteFamily(config)
            }
        case ("GET", "/experiments"):
            let list = try TrainingAPIClient2026.decode(entry.body, at) { v throws(WireDecodingError) in try ExperimentResponse2026.decodeList(v) }
            for e in list { learn(e, body: nil) }
        case ("GET", "/budget"):
            reportedBudget = try TrainingAPIClient2026.decode(entry.body, at) { v throws(WireDecodingError) in try BudgetSummary2026(json: v) }
        case ("GET", _) where path.hasPrefix("/experiment/"):
            let e = try TrainingAPIClient2026.decode(entry.body, at) { v throws(WireDecodingError) in try ExperimentResponse2026(json: v) }
            learn(e, body: entry.body)
        default:
            return
        }
    }

    mutating func learn(_ e: ExperimentResponse2026, body: String?) {
        let id = e.experimentID
        if latest[id] == nil || !(latest[id]?.status.isTerminal ?? false) { latest[id] = e }
        if let body { lastBody[id] = body }
        idByUniqueID[e.trainingConfig.uniqueID] = id
        if !order.contains(id) {
            // Submitted ids come first in `order` from their POST; listed ones join here.
            order.append(id)
        }
        noteFamily(e.trainingConfig)
    }

    mutating func noteFamily(_ config: TrainingConfig) {
        var family = config
        family.maxRuntimeSeconds = 1
        runtimeFamilies[family.uniqueID, default: []].insert(config.maxRuntimeSeconds)
    }
}

extension TrainingAPIClient2026 {
    func warn(_ text: String) {
        warnings.append(text)
        log?("warning: " + text)
    }

    static func decode<T>(_ body: String, _ endpoint: String, _ make: (JSONValue) throws(WireDecodingError) -> T) throws(APIError2026) -> T {
        let v: JSONValue
        do { v = try JSONText.parse(Array(body.utf8)) } catch {
            throw APIError2026.malformedAnswer(endpoint: endpoint, detail: "not JSON: \(error.message) at character \(error.offset)")
        }
        do { return try make(v) } catch { throw APIError2026.malformedAnswer(endpoint: endpoint, detail: error.description) }
    }

    func refusal(_ answer: Answer, _ path: String) -> APIError2026 {
        let detail: String
        switch try? ErrorDetail2026(json: JSONText.parse(Array(answer.body.utf8))) {
        case .message(let m)?: detail = m
        case .insufficientBudget(let m, let b)?: detail = "\(m) (\(b.usedSeconds) s used, \(b.remainingSeconds) s remaining)"
        case .validation(let issues)?: detail = issues.map { "\($0.loc.map(JSONText.python).joined(separator: ".")): \($0.msg)" }.joined(separator: "; ")
        case nil: detail = String(answer.body.prefix(300))
        }
        return .refused(status: answer.status, endpoint: endpoint + path, detail: masking(detail))
    }

    /// `text` with the key replaced by its masked form, and any URL's user information (a key
    /// put in `--api-url`) dropped.
    nonisolated func masking(_ text: String) -> String { redact(text) }
}

/// `x` with `digits` decimals, for messages.
func formatSeconds(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

extension ExperimentStatus2026 {
    /// Completed or failed: nothing changes any more.
    public var isTerminal: Bool {
        switch self {
        case .completed, .failed: true
        case .queued, .running: false
        }
    }
}
