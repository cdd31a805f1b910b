import Foundation
import Scaling

/// Load for `harness bench server-2026`: each connection is one student (its own 8-digit key)
/// who submits a new config every `submitEvery`-th request and otherwise polls one of its
/// experiments (or `/budget` before it has any), over `LoadGenerator.exchange`. Seeded.
public enum Load2026 {
    public struct Result: Sendable {
        public var requests: Int
        public var seconds: Double
        public var latencies: [Double]
        public var statusCounts: [Int: Int]
        public var requestsPerSecond: Double { Double(requests) / seconds }
        public func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return .nan }
            return latencies[min(latencies.count - 1, max(0, Int((p * Double(latencies.count)).rounded(.up)) - 1))]
        }
    }

    /// The key of connection `client`.
    public static func key(_ client: Int) -> String {
        String(10_000_000 + client % 90_000_000)
    }

    /// A distinct valid config per (client, n): the handout's, with its seed and runtime varied.
    static func body(client: Int, n: Int) -> [UInt8] {
        var c = TrainingConfig.handoutExample
        c.modelSeed = client * 1_000_000 + n
        c.maxRuntimeSeconds = 30
        return Array(WireBridge2026.storedConfig(c).utf8)
    }

    public static func run(port: Int, clients: Int, requestsPerClient: Int, submitEvery: Int, seed: UInt64) async throws -> Result {
        final class Box: @unchecked Sendable {
            var outcomes: [Swift.Result<([Double], [Int: Int]), LoadError>]
            let lock = NSLock()
            init(_ n: Int) { outcomes = Array(repeating: .failure(LoadError("client did not finish")), count: n) }
        }
        let box = Box(clients)
        let start = DispatchTime.now().uptimeNanoseconds
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let group = DispatchGroup()
            for client in 0..<clients {
                group.enter()
                let thread = Thread {
                    defer { group.leave() }
                    let outcome = Self.client(client, port: port, requests: requestsPerClient, submitEvery: submitEvery, seed: seed)
                    box.lock.withLock { box.outcomes[client] = outcome }
                }
                thread.stackSize = 1 << 20
                thread.start()
            }
            Thread { group.wait(); done.resume() }.start()
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var result = Result(requests: 0, seconds: seconds, latencies: [], statusCounts: [:])
        for outcome in box.lock.withLock({ box.outcomes }) {
            let (latencies, counts) = try outcome.get()
            result.requests += latencies.count
            result.latencies += latencies
            for (status, n) in counts { result.statusCounts[status, default: 0] += n }
        }
        result.latencies.sort()
        return result
    }

    static func client(_ client: Int, port: Int, requests: Int, submitEvery: Int, seed: UInt64) -> Swift.Result<([Double], [Int: Int]), LoadError> {
        var rng = SplitMix64(seed: SplitMix64.combine(SplitMix64.mix(seed), UInt64(client)))
        let key = key(client)
        var latencies: [Double] = []
        latencies.reserveCapacity(requests)
        var counts: [Int: Int] = [:]
        var submitted = 0
        var ids: [Int] = []
        var lastWasSubmit = false
        let outcome = LoadGenerator.exchange(port: port, requests: requests, request: {
            if rng.int(in: 0...(max(1, submitEvery) - 1)) == 0 {
                let body = body(client: client, n: submitted)
                submitted += 1
                lastWasSubmit = true
                return Array("POST /submit HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: \(key)\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
            }
            lastWasSubmit = false
            let path = ids.isEmpty ? "/budget" : "/experiment/\(ids[rng.int(in: 0...(ids.count - 1))])"
            return Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: \(key)\r\n\r\n".utf8)
        }, answer: { status, latency, body in
            latencies.append(latency)
            counts[status, default: 0] += 1
            // The id of an accepted submit: {"experiment_id":N,...}
            if lastWasSubmit, status == 200, let id = Self.experimentID(in: String(decoding: body, as: UTF8.self)) { ids.append(id) }
        })
        return outcome.map { (latencies, counts) }
    }

    static func experimentID(in body: String) -> Int? {
        guard let r = body.range(of: #""experiment_id":"#) else { return nil }
        return Int(body[r.upperBound...].prefix { $0.isNumber })
    }
}
