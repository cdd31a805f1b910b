import Foundation
import Scaling
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 keep-alive load client over blocking POSIX sockets, one OS thread per
/// connection, for `harness bench server` (and, through `exchange`, `bench server-2026`) only. Threads rather than Swift tasks: a blocked
/// task would take one of the cooperative pool's two threads from the server under test.
/// It connects to 127.0.0.1 only: load never leaves the machine.
public enum LoadGenerator {
    /// A TCP socket connected to 127.0.0.1:`port` with Nagle off; the caller closes it.
    /// `receiveTimeout` (seconds) bounds each read when given.
    public static func connectLoopback(port: Int, receiveTimeout: Int? = nil) throws(LoadError) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoadError("socket() failed: errno \(errno)") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        if let receiveTimeout {
            var timeout = timeval(tv_sec: receiveTimeout, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let e = errno
            close(fd)
            throw LoadError("connect to 127.0.0.1:\(port) failed: errno \(e)")
        }
        return fd
    }

    public struct Result: Sendable {
        public var requests: Int
        public var seconds: Double
        /// Latencies in seconds, sorted.
        public var latencies: [Double]
        public var statusCounts: [Int: Int]
        /// Per key, the pool indices answered 200.
        public var accepted: [String: Set<Int>]

        public var requestsPerSecond: Double { Double(requests) / seconds }
        public func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return .nan }
            return latencies[min(latencies.count - 1, Int((p * Double(latencies.count)).rounded(.up)) - 1)]
        }
    }

    /// Sends the plan to `127.0.0.1:port` and waits for every answer.
    public static func run(port: Int, plan: LoadPlan, pool: [Query]) throws -> Result {
        let paths = pool.map { q -> String in
            let c = q.configuration
            return "/loss?d_model=\(c.dModel)&num_layers=\(c.numLayers)&num_heads=\(c.numHeads)&batch_size=\(c.batchSize)&learning_rate=\(c.learningRate)&train_flops=\(q.trainFlops)&api_key="
        }
        let outcomes = Outcomes(count: plan.clients)
        let start = DispatchTime.now().uptimeNanoseconds
        let group = DispatchGroup()
        for client in 0..<plan.clients {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                outcomes.store(client, Self.client(index: client, port: port, plan: plan, paths: paths))
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var result = Result(requests: 0, seconds: seconds, latencies: [], statusCounts: [:], accepted: [:])
        for outcome in outcomes.all() {
            let o = try outcome.get()
            result.requests += o.latencies.count
            result.latencies += o.latencies
            for (status, n) in o.statusCounts { result.statusCounts[status, default: 0] += n }
            for (key, set) in o.accepted { result.accepted[key, default: []].formUnion(set) }
        }
        result.latencies.sort()
        return result
    }

    struct ClientOutcome: Sendable {
        var latencies: [Double] = []
        var statusCounts: [Int: Int] = [:]
        var accepted: [String: Set<Int>] = [:]
    }

    /// The outcomes of the client threads, each written once by its own thread.
    final class Outcomes: @unchecked Sendable {
        private var slots: [Swift.Result<ClientOutcome, LoadError>]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: .failure(LoadError("client did not finish")), count: count) }
        func store(_ i: Int, _ r: Swift.Result<ClientOutcome, LoadError>) { lock.withLock { slots[i] = r } }
        func all() -> [Swift.Result<ClientOutcome, LoadError>] { lock.withLock { slots } }
    }

    static func client(index: Int, port: Int, plan: LoadPlan, paths: [String]) -> Swift.Result<ClientOutcome, LoadError> {
        var rng = SplitMix64(seed: plan.seed &+ UInt64(index) &* 0x9E37_79B9)
        var outcome = ClientOutcome()
        outcome.latencies.reserveCapacity(plan.requestsPerClient)
        var current: (key: String, which: Int) = ("", 0)
        let exchanged = exchange(port: port, requests: plan.requestsPerClient, request: {
            let key = plan.keys[rng.int(in: 0...(plan.keys.count - 1))]
            let which = rng.int(in: 0...(paths.count - 1))
            current = (key, which)
            return Array("GET \(paths[which])\(key) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        }, answer: { status, latency, _ in
            outcome.latencies.append(latency)
            outcome.statusCounts[status, default: 0] += 1
            if status == 200 { outcome.accepted[current.key, default: []].insert(current.which) }
        })
        return exchanged.map { outcome }
    }

    /// One keep-alive connection to 127.0.0.1:`port` sending `requests` requests one after
    /// another: `request` gives the next request's bytes, `answer` receives its status, latency
    /// in seconds and body bytes. Any protocol's load uses this.
    public static func exchange(port: Int, requests: Int, request: () -> [UInt8],
                                answer: (_ status: Int, _ latency: Double, _ body: ArraySlice<UInt8>) -> Void) -> Swift.Result<Void, LoadError> {
        let fd: Int32
        do { fd = try connectLoopback(port: port) } catch { return .failure(error) }
        defer { close(fd) }

        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pending = [UInt8]()
        for _ in 0..<requests {
            let bytes = request()
            let t0 = DispatchTime.now().uptimeNanoseconds
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard n > 0 else { return .failure(LoadError("send failed: errno \(errno)")) }
                sent += n
            }
            // Read one response: the head up to CRLFCRLF, then content-length bytes of body.
            while true {
                if let (s, head, length) = parseHead(pending), pending.count >= length {
                    answer(s, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9, pending[head..<length])
                    pending.removeFirst(length)
                    break
                }
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                guard n > 0 else { return .failure(LoadError("the server closed the connection (errno \(errno))")) }
                pending += buffer[0..<n]
            }
        }
        return .success(())
    }

    /// `(status, length of the head, total length of head and body)` once the head is complete.
    static func parseHead(_ bytes: [UInt8]) -> (Int, Int, Int)? {
        guard bytes.count >= 4 else { return nil }
        var end = -1
        for i in 0...(bytes.count - 4) where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            end = i + 4
            break
        }
        guard end > 0 else { return nil }
        let head = String(decoding: bytes[0..<end], as: UTF8.self)
        let lines = head.split(separator: "\r\n")
        guard let first = lines.first, first.count >= 12, let status = Int(first.dropFirst(9).prefix(3)) else { return nil }
        var length = 0
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                length = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
            }
        }
        return (status, end, end + length)
    }
}

public struct LoadError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension LoadGenerator {
    /// `run` on a thread of its own, so the blocking load never occupies Swift's cooperative
    /// pool, where the in-process server answers.
    public static func runOffPool(port: Int, plan: LoadPlan, pool: [Query]) async throws -> Result {
        let result: Swift.Result<Result, any Error> = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: Swift.Result { try run(port: port, plan: plan, pool: pool) }) }.start()
        }
        return try result.get()
    }
}
