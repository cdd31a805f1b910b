import Foundation
import Scaling

/// A whole key's budget of experiments run in process on a `VirtualClock`, as a student's
/// polling loop would: keep up to `maxInFlight` experiments submitted, sleep `pollSeconds` on
/// the clock (which jumps), poll each one in flight with `GET /experiment/{id}`, submit the next
/// when one ends. For `harness bench server-2026`, which times it; the checks at the end make a
/// wrong answer fail the bench instead of looking fast.
public enum BudgetSimulation2026 {
    public struct Result: Sendable {
        public var submitted = 0
        public var refused = 0
        public var requests = 0
        public var completed = 0
        public var failed = 0
        /// Experiments still running when the loop gave up on them (a stuck worker).
        public var abandoned = 0
        public var virtualSeconds = 0.0
        public var usedSeconds = 0.0
    }

    /// `configs` are sent in order; the API must be built with `time: .virtualClock(clock)`.
    public static func run(api: TrainingAPI2026, clock: VirtualClock, key: String, configs: [TrainingConfig],
                           maxInFlight: Int, pollSeconds: Double) async throws -> Result {
        let transport = InProcessTransport(service: api)
        let headers = [TransportRequest.Header("X-API-Key", key), .init("Content-Type", "application/json")]
        var result = Result()
        var next = 0
        var inFlight: [(id: Int, giveUpAt: Double)] = []
        func send(_ method: TransportRequest.Method, _ path: String, _ body: String = "") async throws -> TransportResponse {
            result.requests += 1
            return try await transport.send(TransportRequest(method: method, path: path, headers: headers, body: Data(body.utf8)))
        }
        while next < configs.count || !inFlight.isEmpty {
            while inFlight.count < maxInFlight, next < configs.count {
                let config = configs[next]
                next += 1
                let answer = try await send(.post, "/submit", WireBridge2026.storedConfig(config))
                let text = String(decoding: answer.body, as: UTF8.self)
                guard answer.status == 200, let id = Load2026.experimentID(in: text) else { result.refused += 1; continue }
                result.submitted += 1
                inFlight.append((id, clock.now.seconds + 10 * config.maxRuntimeSeconds + 3600))
            }
            try await clock.sleep(for: .milliseconds(Int64(pollSeconds * 1000)))
            var still: [(id: Int, giveUpAt: Double)] = []
            for e in inFlight {
                let text = String(decoding: try await send(.get, "/experiment/\(e.id)").body, as: UTF8.self)
                if text.contains(#""status_type":"completed""#) { result.completed += 1 }
                else if text.contains(#""status_type":"failed""#) { result.failed += 1 }
                else if clock.now.seconds > e.giveUpAt { result.abandoned += 1 }
                else { still.append(e) }
            }
            inFlight = still
        }
        result.virtualSeconds = clock.now.seconds
        result.usedSeconds = api.engine.budget(of: key).usedSeconds
        let ended = api.engine.experiments(of: key)
        let expected = ended.reduce(0.0) { $0 + $1.chargedSeconds }
        guard ended.count == result.submitted, result.usedSeconds == expected, result.usedSeconds <= BudgetState2026.totalSeconds,
              result.completed + result.failed + result.abandoned == result.submitted else {
            throw LoadError("the simulated budget does not add up: \(result.submitted) accepted, \(ended.count) stored, used \(result.usedSeconds) s against \(expected) s charged")
        }
        return result
    }
}
