import Foundation
import Scaling
import Synchronization
import SyntheticTrainer

/// The 2026 training API (`docs/api-2026-contract.md` §1–§8) as an `HTTPService`: the public routes
/// with FastAPI's and Starlette's answers byte for byte (404/405/307, CORS, `x-request-id`, the
/// order of checks), per-key budgets and final submissions, and the run lifecycle of
/// `LifecycleEngine2026` in virtual time. The neutral host (`MockServer`) serves it over HTTP and
/// `InProcessTransport` calls it directly, with identical answers.
///
/// In process, time moves only when the caller moves it:
/// ```swift
/// let api = try TrainingAPI2026(truth: truth, behaviour: ServiceBehaviour2026(), options: .init(seed: 1))
/// let transport = InProcessTransport(service: api)
/// // POST /submit ... then
/// api.advance(bySeconds: 120)          // or api.advance(toSeconds: api.nextEventSeconds!)
/// ```
/// Bound to a `VirtualClock` (`time: .virtualClock(clock)`), every request first catches up with
/// the clock, so a campaign that sleeps on that clock jumps from event to event. Over HTTP,
/// `.realTime(scale: K)` maps each real second to K virtual seconds.
public final class TrainingAPI2026: HTTPService {
    /// How virtual time moves.
    public enum TimeSource: Sendable {
        /// Only `advance(...)` (and the admin route) move it.
        case manual
        /// Each request first catches up with this clock's `now` (seconds since its start).
        case virtualClock(VirtualClock)
        /// Virtual seconds = K × real seconds since the service started (plus admin advances).
        case realTime(scale: Double)
    }

    public struct Options: Sendable {
        public var schema: WireSchema2026
        public var keys: KeyPolicy
        public var seed: UInt64
        /// The wall-clock instant (µs since the Unix epoch) virtual time 0 stands for.
        public var epochMicros: Int64
        public var time: TimeSource
        /// Serve `GET /_mock/clock` and `POST /_mock/clock/advance` (never in /openapi.json).
        public var admin: Bool

        public init(schema: WireSchema2026 = .v26_0_2, keys: KeyPolicy = .anyStudentID, seed: UInt64 = 0,
                    epochMicros: Int64 = TrainingAPI2026.defaultEpochMicros, time: TimeSource = .manual, admin: Bool = false) {
            self.schema = schema
            self.keys = keys
            self.seed = seed
            self.epochMicros = epochMicros
            self.time = time
            self.admin = admin
        }
    }

    /// 2026-04-29T23:46:36Z, the notebook's first queued_at (whole second): the default start of
    /// virtual time.
    public static let defaultEpochMicros: Int64 = 1_777_506_396_000_000

    public let options: Options
    let store: StateStore2026?
    let openAPI: String
    /// `/docs`: Swagger UI over the plain page, which `/redoc` serves alone.
    let docs: SwaggerUI

    struct State: Sendable {
        var engine: LifecycleEngine2026
        var finals: [ExactKey: FinalSubmission2026] = [:] // byte for byte
        var requestIDs: SplitMix64
        /// Virtual time added by admin advances on top of the time source.
        var offset: VirtualMicros = 0
        /// Where virtual time stood when the service started (after a replay).
        var base: VirtualMicros = 0
        var savedClock: VirtualMicros = 0
    }
    let state: Mutex<State>
    let started = ContinuousClock.now

    /// - Parameter store: the `--state` journal; its inputs are replayed before the service answers.
    public init(truth: any TrainingTruth2026, behaviour: ServiceBehaviour2026, options: Options,
                store: StateStore2026? = nil) throws {
        self.options = options
        self.store = store
        openAPI = OpenAPIDocument2026.json(schema: options.schema)
        docs = SwaggerUI(title: "CS336 training API (2026)", fallback: DocsPage.html(document: openAPI))
        var s = State(engine: try LifecycleEngine2026(truth: truth, behaviour: behaviour, seed: options.seed,
                                                      epochMicros: options.epochMicros),
                      requestIDs: SplitMix64(seed: SplitMix64.mix(options.seed ^ 0x5EC1D)))
        if let store {
            let (inputs, clock) = try store.load()
            for (index, input) in inputs.enumerated() {
                s.engine.advance(to: input.at)
                switch input {
                case .submit(_, let key, let text, let expected):
                    guard let config = WireBridge2026.loadStoredConfig(text, schema: options.schema) else {
                        throw StateFileError(path: store.path, detail: "input \(index + 1): its stored training config no longer validates")
                    }
                    let id = s.engine.submit(key: key, config: config)
                    guard id == expected else {
                        throw StateFileError(path: store.path, detail: "input \(index + 1) replays as experiment \(id), but it was experiment \(expected): the scenario's truth or service behaviour changed since the file was written")
                    }
                case .finalSubmission(let at, let key, let text, let loss):
                    guard let config = WireBridge2026.loadStoredConfig(text, schema: options.schema) else {
                        throw StateFileError(path: store.path, detail: "input \(index + 1): its stored final submission no longer validates")
                    }
                    s.finals[ExactKey(key)] = FinalSubmission2026(config: config, predictedFinalLoss: loss, submittedAt: at)
                }
            }
            s.engine.advance(to: clock)
            s.base = s.engine.now
            s.savedClock = clock
        }
        state = Mutex(s)
    }

    // MARK: Virtual time, in process

    /// Virtual seconds since the start.
    public var nowSeconds: Double { Double(state.withLock { $0.engine.now }) / 1e6 }

    /// When the lifecycle next changes something, in virtual seconds (nil: nothing scheduled).
    public var nextEventSeconds: Double? { state.withLock { $0.engine.nextEventTime }.map { Double($0) / 1e6 } }

    /// Moves virtual time forward by `seconds` (at least 0), running every event on the way.
    public func advance(bySeconds seconds: Double) {
        guard let delta = VirtualMicros.micros(seconds: max(0, seconds)) else { return }
        state.withLock { s in
            s.offset = s.offset.addingReportingOverflow(delta).overflow ? s.offset : s.offset + delta
            catchUp(&s)
        }
    }

    /// Moves virtual time to `seconds` since the start (never backwards).
    public func advance(toSeconds seconds: Double) {
        advance(bySeconds: seconds - nowSeconds)
    }

    /// A snapshot of the lifecycle (for tests, benches and the admin route).
    public var engine: LifecycleEngine2026 { state.withLock { $0.engine } }

    /// Where the time source says virtual time is now.
    private func target(_ s: State) -> VirtualMicros {
        let source: VirtualMicros = switch options.time {
        case .manual: s.base
        case .virtualClock(let clock): VirtualMicros.micros(seconds: clock.now.seconds) ?? s.base
        case .realTime(let scale):
            s.base + (VirtualMicros.micros(seconds: scale * (ContinuousClock.now - started).seconds) ?? 0)
        }
        let (t, overflow) = source.addingReportingOverflow(s.offset)
        return overflow ? VirtualMicros.max : t
    }

    private func catchUp(_ s: inout State) {
        let t = target(s)
        if t > s.engine.now { s.engine.advance(to: t) }
    }

    /// Journals the clock when it moved past what is saved: an answer may show a run that ended.
    private func saveClock(_ s: inout State) throws {
        guard let store, s.engine.now > s.savedClock else { return }
        try store.saveClock(s.engine.now)
        s.savedClock = s.engine.now
    }

    // MARK: Answering

    public func respond(to request: TransportRequest) async -> APIResponse {
        respondNow(to: request)
    }

    /// The synchronous core of `respond` (the whole request under one lock: concurrent submits of
    /// one key are serialised, as the live service's row lock does).
    public func respondNow(to request: TransportRequest) -> APIResponse {
        state.withLock { s in
            catchUp(&s)
            let requestID = request.header("x-request-id") ?? Self.uuid4Hex(&s.requestIDs)
            let origin = request.header("origin")
            if request.method.rawValue == "OPTIONS", let origin, let method = request.header("access-control-request-method") {
                var answer = CORS2026.preflight(origin: origin, method: method,
                                                headers: request.header("access-control-request-headers"),
                                                privateNetwork: request.header("access-control-request-private-network"))
                answer.headers.append(.init("x-request-id", requestID))
                return Self.finish(answer)
            }
            var answer: APIResponse
            do {
                answer = try route(request, &s)
                try saveClock(&s)
            } catch {
                // An unhandled error: Starlette's outermost middleware answers, without the
                // headers of the inner ones (no x-request-id, no CORS).
                return Self.finish(Self.internalServerError)
            }
            if answer == Self.internalServerError { return Self.finish(answer) }
            answer.headers.append(.init("x-request-id", requestID))
            if let origin, CORS2026.allowedOrigins.contains(origin) {
                answer.headers.append(.init("access-control-allow-origin", origin))
                answer.headers.append(.init("vary", "Origin"))
            }
            return Self.finish(answer)
        }
    }

    /// `{"detail": ...}` from uvicorn, as the API's other plain refusals.
    public func errorResponse(status: Int, message: String) -> APIResponse { Self.finish(Self.detail(status, message)) }

    static let internalServerError = APIResponse(status: 500, contentType: "text/plain; charset=utf-8", body: "Internal Server Error")

    private static func finish(_ answer: APIResponse) -> APIResponse {
        var a = answer
        a.headers.insert(.init("server", "uvicorn"), at: 0)
        return a
    }

    private static func json(_ status: Int, _ body: String) -> APIResponse { APIResponse(status: status, body: body) }
    private static func detail(_ status: Int, _ text: String) -> APIResponse { json(status, WireBridge2026.detail(text)) }

    /// The routes in the order FastAPI registered them, each with its methods (Starlette adds
    /// HEAD to its own GET routes, FastAPI does not to the API's).
    private enum Route: CaseIterable {
        case submit, experiments, experiment, budget, finalGet, finalPost, dashboard, openapi, docs, docsAsset, redoc
        case internalEvent, internalFinish, adminClock, adminAdvance

        var methods: [String] {
            switch self {
            case .submit, .finalPost, .internalEvent, .internalFinish, .adminAdvance: ["POST"]
            case .experiments, .experiment, .budget, .finalGet, .dashboard, .adminClock: ["GET"]
            case .openapi, .docs, .docsAsset, .redoc: ["GET", "HEAD"]
            }
        }

        /// Whether the path is this route's; a `{parameter}` matches one non-empty segment.
        func matches(_ segments: [Substring], admin: Bool) -> Bool {
            switch self {
            case .submit: segments == ["submit"]
            case .experiments: segments == ["experiments"]
            case .experiment: segments.count == 2 && segments[0] == "experiment" && !segments[1].isEmpty
            case .budget: segments == ["budget"]
            case .finalGet, .finalPost: segments == ["final_submission"]
            case .dashboard: segments == ["dashboard"]
            case .openapi: segments == ["openapi.json"]
            case .docs: segments == ["docs"]
            case .docsAsset: segments.count == 2 && segments[0] == "docs" && SwaggerUI.assets["/docs/\(segments[1])"] != nil
            case .redoc: segments == ["redoc"]
            case .internalEvent, .internalFinish:
                segments.count == 4 && segments[0] == "internal" && segments[1] == "worker" && !segments[2].isEmpty
                    && segments[3] == (self == .internalEvent ? "event" : "finish")
            case .adminClock: admin && segments == ["_mock", "clock"]
            case .adminAdvance: admin && segments == ["_mock", "clock", "advance"]
            }
        }
    }

    private static func segments(_ path: String) -> [Substring]? {
        guard path.hasPrefix("/") else { return nil }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
    }

    private func route(_ request: TransportRequest, _ s: inout State) throws -> APIResponse {
        let method = request.method.rawValue
        let segments = Self.segments(request.path) ?? []
        let candidates = Route.allCases.filter { $0.matches(segments, admin: options.admin) }
        guard let route = candidates.first(where: { $0.methods.contains(method) }) else {
            if let partial = candidates.first {
                return APIResponse(status: 405, headers: [.init("allow", partial.methods.joined(separator: ", "))],
                                   body: WireBridge2026.detail("Method Not Allowed"))
            }
            if let redirect = redirectSlash(request) { return redirect }
            return Self.detail(404, "Not Found")
        }
        switch route {
        case .openapi: return APIResponse(status: 200, body: openAPI)
        case .docs, .docsAsset: return docs.response(path: request.path) ?? Self.detail(404, "Not Found")
        case .redoc: return APIResponse(status: 200, contentType: "text/html; charset=utf-8", body: docs.fallback)
        case .dashboard: return APIResponse(status: 200, contentType: "text/html; charset=utf-8", body: DashboardPage2026.html)
        case .internalEvent, .internalFinish: return Self.detail(401, "invalid internal key")
        case .adminClock: return adminClock(s)
        case .adminAdvance: return try adminAdvance(request, &s)
        case .submit: return try submit(request, &s)
        case .finalPost: return try postFinal(request, &s)
        case .experiments, .experiment, .budget, .finalGet:
            let key: String
            switch authenticate(request) {
            case .success(let k): key = k
            case .failure(let refusal): return refusal.response
            }
            switch route {
            case .experiments:
                return Self.json(200, WireBridge2026.experimentsBody(listOrder(s.engine.experiments(of: key)), epochMicros: options.epochMicros))
            case .budget:
                return Self.json(200, WireBridge2026.budgetBody(s.engine.budget(of: key)))
            case .finalGet:
                guard let f = s.finals[ExactKey(key)] else { return Self.json(200, "null") }
                return Self.json(200, WireBridge2026.finalBody(f, epochMicros: options.epochMicros))
            default:
                switch WireBridge2026.experimentID(String(segments[1])) {
                case .invalid(let issues): return WireBridge2026.validation(issues)
                case .overflow: return Self.internalServerError
                case .id(let id):
                    guard let e = s.engine.experiment(id), e.key == key else { return Self.detail(404, "not found") }
                    return Self.json(200, WireBridge2026.experimentBody(e, epochMicros: options.epochMicros))
                }
            }
        }
    }

    /// §4.2: ascending queued_at, ties by descending id.
    private func listOrder(_ list: [Experiment2026]) -> [Experiment2026] {
        list.sorted { a, b in a.queuedAt != b.queuedAt ? a.queuedAt < b.queuedAt : a.id > b.id }
    }

    /// Starlette's `redirect_slashes`: when the path with (or without) its trailing slash is a
    /// route, 307 there, keeping the query.
    private func redirectSlash(_ request: TransportRequest) -> APIResponse? {
        let path = request.path
        guard path != "/" else { return nil }
        let other = path.hasSuffix("/") ? String(path.dropLast()) : path + "/"
        guard let segments = Self.segments(other), Route.allCases.contains(where: { $0.matches(segments, admin: options.admin) }) else {
            return nil
        }
        let host = request.header("host") ?? "127.0.0.1:8000"
        let location = "http://\(host)\(other)" + (request.query.isEmpty ? "" : "?\(request.query)")
        return APIResponse(status: 307, contentType: "", headers: [.init("location", location)], body: "")
    }

    private struct Refusal: Error {
        let response: APIResponse
    }

    /// §1.1: `X-API-Key`, any case; absent or empty is "missing", anything not admitted "invalid".
    private func authenticate(_ request: TransportRequest) -> Result<String, Refusal> {
        guard let key = request.header("x-api-key"), !key.isEmpty else {
            return .failure(Refusal(response: Self.detail(401, "missing X-API-Key")))
        }
        guard options.keys.admits(key) else { return .failure(Refusal(response: Self.detail(401, "invalid API key"))) }
        return .success(key)
    }

    /// The body, then the key (§1.2): malformed JSON is answered before auth, the rest after.
    private func bodyAndKey(_ request: TransportRequest) -> Result<(JSONValue, String), Refusal> {
        let body = WireBridge2026.readBody(request)
        if body.isAnsweredBeforeAuth, case .failure(let r) = body.validationInput {
            return .failure(Refusal(response: WireBridge2026.rejection(r)))
        }
        return authenticate(request).flatMap { key in
            body.validationInput.map { ($0, key) }.mapError { Refusal(response: WireBridge2026.rejection($0)) }
        }
    }

    /// §4.1 in the order of §1.2: JSON, auth, fields, cross-field, budget (400), duplicate (409).
    private func submit(_ request: TransportRequest, _ s: inout State) throws -> APIResponse {
        let body: JSONValue, key: String
        switch bodyAndKey(request) {
        case .success(let (b, k)): (body, key) = (b, k)
        case .failure(let refusal): return refusal.response
        }
        let config: TrainingConfig
        switch WireBridge2026.trainingConfig(body, schema: options.schema) {
        case .success(let c): config = c
        case .failure(let issues): return WireBridge2026.validation(issues)
        }
        let before = s.engine.budget(of: key)
        if config.maxRuntimeSeconds > before.remainingSeconds {
            return Self.json(400, WireBridge2026.insufficientBudgetBody(before))
        }
        if s.engine.hasExperiment(key: key, config: config) {
            return Self.detail(409, "experiment already exists for this training config")
        }
        // Postgres' JSONB refuses NaN and infinities: the real app fails storing such a config.
        if config.containsNonFiniteFloat { return Self.internalServerError }
        try store?.append(.submit(at: s.engine.now, key: key, config: WireBridge2026.storedConfig(config),
                                  experimentID: s.engine.nextExperimentID))
        let id = s.engine.submit(key: key, config: config)
        return Self.json(200, WireBridge2026.submitBody(id: id, budget: s.engine.budget(of: key)))
    }

    /// §4.5: an upsert, no budget or duplicate check.
    private func postFinal(_ request: TransportRequest, _ s: inout State) throws -> APIResponse {
        let body: JSONValue, key: String
        switch bodyAndKey(request) {
        case .success(let (b, k)): (body, key) = (b, k)
        case .failure(let refusal): return refusal.response
        }
        switch WireBridge2026.finalSubmission(body, schema: options.schema) {
        case .failure(let issues):
            return WireBridge2026.validation(issues)
        case .success(let request):
            let config = request.trainingConfig, loss = request.predictedFinalLoss
            if config.containsNonFiniteFloat || !loss.isFinite { return Self.internalServerError }
            try store?.append(.finalSubmission(at: s.engine.now, key: key, config: WireBridge2026.storedConfig(config),
                                               predictedFinalLoss: loss))
            let f = FinalSubmission2026(config: config, predictedFinalLoss: loss, submittedAt: s.engine.now)
            s.finals[ExactKey(key)] = f
            return Self.json(200, WireBridge2026.finalBody(f, epochMicros: options.epochMicros))
        }
    }

    // MARK: Admin (only with `admin`)

    private func adminClock(_ s: State) -> APIResponse {
        let e = s.engine
        let next = e.nextEventTime.map { JSONValue.double(Double($0) / 1e6) } ?? .null
        let body = JSONValue.object([
            JSONMember(key: "now_seconds", value: .double(Double(e.now) / 1e6)),
            JSONMember(key: "now", value: .string(WireBridge2026.timestamp(e.now, epochMicros: options.epochMicros))),
            JSONMember(key: "next_event_seconds", value: next),
            JSONMember(key: "slots_in_use", value: .int(e.slotsInUse)),
            JSONMember(key: "queued", value: .int(e.queueLength)),
        ])
        return Self.json(200, JSONText.pydantic(body))
    }

    /// `{"seconds": x}` with 0 ≤ x ≤ 10⁷: moves virtual time forward by x.
    private func adminAdvance(_ request: TransportRequest, _ s: inout State) throws -> APIResponse {
        let refusal = Self.detail(422, "expected a JSON object {\"seconds\": x} with a number x in [0, 10000000]")
        guard case .json(.object(let members)) = WireBridge2026.readBody(request), members.count == 1,
              let member = members.first, member.key == "seconds" else { return refusal }
        let seconds: Double
        switch member.value {
        case .int(let i): seconds = Double(i)
        case .double(let d): seconds = d
        default: return refusal
        }
        guard seconds.isFinite, seconds >= 0, seconds <= 10_000_000, let delta = VirtualMicros.micros(seconds: seconds) else {
            return refusal
        }
        s.offset += delta
        catchUp(&s)
        return adminClock(s)
    }

    // MARK: Request ids

    /// A version-4 UUID as 32 lowercase hex digits, from the seeded stream.
    static func uuid4Hex(_ rng: inout SplitMix64) -> String {
        var high = rng.next(), low = rng.next()
        high = (high & ~0xF000) | 0x4000                          // version 4
        low = (low & ~(0xC000_0000_0000_0000)) | 0x8000_0000_0000_0000  // variant 10
        let h = String(high, radix: 16), l = String(low, radix: 16)
        return String(repeating: "0", count: 16 - h.count) + h + String(repeating: "0", count: 16 - l.count) + l
    }
}

extension TransportRequest {
    /// The first value of a header, by case-insensitive name.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name }?.value
    }
}

extension Duration {
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}
