import Foundation

/// The one client of the training API, for the mock server and the live service alike.
///
/// It never wastes budget:
/// - a query that breaks a rule (`APIRules.violations`, the server's own definition) or would
///   take the key past its budget as far as the client knows is refused locally;
/// - every answer is written to the journal (fsync'd) before it is returned, and a query already
///   in the journal is answered from it without touching the network;
/// - transient failures (connection refused or reset, timeout, 5xx) are retried with bounded
///   exponential backoff and seeded jitter; a 4xx is never retried and comes back with the
///   service's message;
/// - when a `/loss` request may have been charged but its answer was lost, `/previous_runs` is
///   consulted before asking again.
///
/// ```swift
/// let client = try TrainingAPIClient(baseURL: URL(string: "http://127.0.0.1:8000")!,
///                                    apiKey: try APIKey.load(file: "key.txt"),
///                                    journal: RunJournal(path: "runs/journal.jsonl"))
/// let (run, total) = try await client.loss(query)
/// ```
public actor TrainingAPIClient {
    public nonisolated let apiKey: APIKey
    public nonisolated let rules: APIRules
    /// Where requests go, for messages (`http://127.0.0.1:8000`, or `in-process`), without any
    /// user information a URL carried (`http://key@host` is shown as `http://host`).
    public nonisolated let endpoint: String
    private nonisolated let redact: Redaction
    let transport: any Transport
    let journal: RunJournal?
    let cachedOnly: Bool
    let retry: RetryPolicy
    let log: (@Sendable (String) -> Void)?

    private var known: [Query: Run] = [:]
    private var order: [Query] = []
    private var distinctSpent: Int64 = 0
    /// The largest total the service has reported for this key.
    private var reportedTotal: Int64 = 0

    /// - Parameters:
    ///   - transport: how requests travel (`URLSessionTransport`, or the mock's in-process one).
    ///   - journal: where answers are recorded and replayed from; nil keeps them in memory only.
    ///   - cachedOnly: answer only from the journal, never touch the network.
    ///   - log: receives one line per retry (never the key).
    public init(transport: any Transport, endpoint: String, apiKey: APIKey, rules: APIRules,
                journal: RunJournal? = nil, cachedOnly: Bool = false, retry: RetryPolicy = .standard,
                log: (@Sendable (String) -> Void)? = nil) throws(APIError) {
        self.transport = transport
        redact = Redaction(apiKey: apiKey, endpoint: endpoint)
        self.endpoint = redact.endpoint
        self.apiKey = apiKey
        self.rules = rules
        self.journal = journal
        self.cachedOnly = cachedOnly
        self.retry = retry
        self.log = log
        do {
            for entry in try journal?.load() ?? [] {
                if known[entry.run.query] == nil {
                    known[entry.run.query] = entry.run
                    order.append(entry.run.query)
                    distinctSpent = FLOPs(distinctSpent).saturatingAdd(FLOPs(entry.run.trainFlops)).value
                }
                reportedTotal = max(reportedTotal, entry.totalFlopsUsed)
            }
        } catch {
            throw APIError.journal(error.description)
        }
    }

    /// Over HTTP with `URLSession` to `baseURL` (the only host it will contact).
    public init(baseURL: URL, apiKey: APIKey, rules: APIRules, journal: RunJournal? = nil,
                cachedOnly: Bool = false, retry: RetryPolicy = .standard, timeout: TimeInterval = 30,
                log: (@Sendable (String) -> Void)? = nil) throws(APIError) {
        try self.init(transport: URLSessionTransport(baseURL: baseURL, timeout: timeout),
                      endpoint: baseURL.absoluteString, apiKey: apiKey, rules: rules, journal: journal,
                      cachedOnly: cachedOnly, retry: retry, log: log)
    }

    /// FLOPs this key has spent as far as the client knows: the larger of the sum over the
    /// distinct queries it has seen answered and the largest total the service reported.
    public var spent: Int64 { max(distinctSpent, reportedTotal) }

    /// The runs known (journal first, then this session's answers), in the order first answered.
    public var knownRuns: [Run] { order.compactMap { known[$0] } }

    /// Whether `query` is answered in the journal (no request needed).
    public func isKnown(_ query: Query) -> Bool { known[query] != nil }

    /// The loss of `query` and the key's total after it.
    ///
    /// Throws `RuleViolation` or `BudgetExceeded` (locally, nothing sent), `APIError` otherwise.
    public func loss(_ query: Query) async throws -> (run: Run, totalFlopsUsed: Int64) {
        if let violation = rules.violations(of: query).first { throw violation }
        if let run = known[query] { return (run, spent) }
        if cachedOnly { throw APIError.notInJournal(query) }
        guard Budget(cap: FLOPs(rules.budget), settled: FLOPs(spent)).canReserve(FLOPs(query.trainFlops)) else {
            throw BudgetExceeded(budget: rules.budget, used: spent, requested: query.trainFlops)
        }
        let c = query.configuration
        let pairs = [
            ("d_model", "\(c.dModel)"), ("num_layers", "\(c.numLayers)"), ("num_heads", "\(c.numHeads)"),
            ("batch_size", "\(c.batchSize)"), ("learning_rate", "\(c.learningRate)"),
            ("train_flops", "\(query.trainFlops)"),
        ]
        let answer: (Run, Int64)
        do {
            answer = try await askLoss(query, pairs)
        } catch APIError.refused(status: 403, endpoint: _, message: _) { // 403: the 2025 API's budget refusal
            // The service refused for the budget: spending it knows of and the journal does not.
            let total = (try? await totalFlopsUsed()) ?? spent
            throw BudgetExceeded(budget: rules.budget, used: max(total, spent), requested: query.trainFlops)
        }
        try record([RunJournal.Entry(run: answer.0, totalFlopsUsed: answer.1, source: .loss)])
        return (answer.0, answer.1)
    }

    private func askLoss(_ query: Query, _ pairs: [(String, String)]) async throws -> (Run, Int64) {
        let c = query.configuration
        return try await perform(WireFormat.lossPath, pairs) { body in
            let (loss, total) = try WireFormat.decodeLoss(body)
            return (Run(configuration: c, trainFlops: query.trainFlops, loss: loss), total)
        } resolveLostAnswer: {
            // The request may have been charged: if the service has the run, take it from there.
            let runs = try await self.fetchPreviousRuns()
            guard let run = runs.first(where: { $0.query == query }) else { return nil }
            self.log?("\(WireFormat.lossPath): the answer was lost but /previous_runs has it; not asking again")
            return (run, runs.distinctFlops)
        }
    }

    /// The key's total as the service reports it (from the journal with `cachedOnly`).
    public func totalFlopsUsed() async throws -> Int64 {
        if cachedOnly { return spent }
        let total = try await perform(WireFormat.totalFlopsUsedPath, [], decode: WireFormat.decodeTotalFlopsUsed)
        reportedTotal = max(reportedTotal, total)
        return total
    }

    /// The key's runs as the service lists them, in the order first queried (the journal's runs
    /// with `cachedOnly`).
    public func previousRuns() async throws -> [Run] {
        if cachedOnly { return knownRuns }
        return try await fetchPreviousRuns()
    }

    /// Pulls `/previous_runs` into the journal: every run the service has that the journal lacks
    /// is appended (source `sync`). Returns how many were added and how many the service listed.
    public func sync() async throws -> (added: Int, listed: Int) {
        if cachedOnly { return (0, known.count) }
        let runs = try await fetchPreviousRuns()
        var running: Int64 = 0
        var entries: [RunJournal.Entry] = []
        var seen = Set<Query>()
        for run in runs {
            running = FLOPs(running).saturatingAdd(FLOPs(run.trainFlops)).value
            if known[run.query] == nil, seen.insert(run.query).inserted {
                entries.append(RunJournal.Entry(run: run, totalFlopsUsed: running, source: .sync))
            }
        }
        try record(entries)
        reportedTotal = max(reportedTotal, running)
        return (entries.count, runs.count)
    }

    private func fetchPreviousRuns() async throws -> [Run] {
        try await perform(WireFormat.previousRunsPath, [], decode: WireFormat.decodePreviousRuns)
    }

    private func record(_ entries: [RunJournal.Entry]) throws(APIError) {
        do { try journal?.append(entries) } catch { throw APIError.journal(error.description) }
        for entry in entries where known[entry.run.query] == nil {
            known[entry.run.query] = entry.run
            order.append(entry.run.query)
            distinctSpent = FLOPs(distinctSpent).saturatingAdd(FLOPs(entry.run.trainFlops)).value
        }
        for entry in entries { reportedTotal = max(reportedTotal, entry.totalFlopsUsed) }
    }

    /// One request with retries. A 2xx is decoded; a 4xx is thrown at once as `refused`; a 5xx or
    /// a transient transport failure is retried after the policy's wait. Before a retry that
    /// follows a failure which may have reached the service, `resolveLostAnswer` (if given) may
    /// produce the answer instead of asking again.
    private func perform<T>(_ path: String, _ pairs: [(String, String)],
                            decode: (Data) throws -> T,
                            resolveLostAnswer: (() async throws -> T?)? = nil) async throws -> T {
        let query = QueryString.encode(pairs + [("api_key", apiKey.value)])
        let delays = retry.delays()
        let attempts = delays.count + 1
        var waitsLeft = delays.reduce(0, +)
        var mayHaveBeenDelivered = false
        var lastFailure = ""
        for attempt in 1...attempts {
            if attempt > 1 {
                let wait = delays[attempt - 2]
                log?("\(endpoint)\(path): \(masking(lastFailure)); retry \(attempt - 1) of \(attempts - 1) in \(String(format: "%.1f", wait)) s (giving up in \(String(format: "%.0f", waitsLeft)) s)")
                waitsLeft -= wait
                try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
                if mayHaveBeenDelivered, let resolve = resolveLostAnswer, let answer = try await resolve() {
                    return answer
                }
            }
            let response: TransportResponse
            do {
                response = try await transport.send(.get(path, query: query))
            } catch {
                guard error.transient else {
                    throw APIError.unavailable(endpoint: endpoint + path, attempts: attempt, lastFailure: masking(error.description))
                }
                mayHaveBeenDelivered = mayHaveBeenDelivered || error.mayHaveBeenDelivered
                lastFailure = error.description
                continue
            }
            switch response.status {
            case 200..<300:
                do { return try decode(response.body) } catch {
                    // A 2xx that is not the API's answer (a proxy's HTML page, a body cut short):
                    // the request may have been charged; retry after checking /previous_runs.
                    mayHaveBeenDelivered = true
                    lastFailure = APIError.malformedAnswer(endpoint: endpoint + path, detail: "\(error)").description
                    continue
                }
            case 400..<500:
                throw APIError.refused(status: response.status, endpoint: endpoint + path,
                                       message: masking(WireFormat.decodeMessage(response.body)))
            default:
                mayHaveBeenDelivered = true
                lastFailure = "HTTP \(response.status): \(masking(WireFormat.decodeMessage(response.body)))"
            }
        }
        throw APIError.unavailable(endpoint: endpoint + path, attempts: attempts, lastFailure: masking(lastFailure))
    }

    /// The service's message with the key replaced by its masked form, and any URL's user
    /// information (a key put in `--api-url`) dropped.
    private nonisolated func masking(_ message: String) -> String { redact(message) }
}
