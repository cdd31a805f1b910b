import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// The HTTP/1.1 host of a mock training API (Hummingbird 2), whatever its protocol: it serves
/// an `HTTPService`.
///
/// In process (tests, `harness run`): start on port 0 and read the bound port.
/// ```swift
/// let server = try await MockServer.start(service: api)    // 127.0.0.1, an ephemeral port
/// let url = server.url                                     // http://127.0.0.1:PORT
/// await server.stop()
/// ```
/// Standalone (`harness serve`): `MockServer.runUntilSignalled(service:host:port:onListening:)`.
public enum MockServer {
    /// Builds the Hummingbird application; `onListening` receives the bound host and port.
    static func application(service: any HTTPService, host: String, port: Int,
                            onListening: @escaping @Sendable (String, Int) async -> Void) -> some ApplicationProtocol {
        var logger = Logger(label: "harness.serve")
        logger.logLevel = .warning
        return Application(
            responder: APIResponder(service: service),
            server: HTTPServerBuilder { responder in GuardedHTTP1Channel(responder: responder, service: service) },
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                await onListening(host, channel.localAddress?.port ?? port)
            },
            logger: logger)
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully (in-flight requests finish).
    public static func runUntilSignalled(service: any HTTPService, host: String, port: Int,
                                         onListening: @escaping @Sendable (String, Int) async -> Void) async throws {
        try await application(service: service, host: host, port: port, onListening: onListening).runService()
    }

    /// Starts the server in this process and returns once it is listening.
    public static func start(service: any HTTPService, host: String = "127.0.0.1", port: Int = 0) async throws -> RunningServer {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = application(service: service, host: host, port: port) { _, bound in
            continuation.yield(bound)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "harness.serve.inprocess")))
        // The server's tasks (every connection and request) prefer threads of their own, so a
        // caller that keeps Swift's few cooperative threads busy with synchronous work (a fit, a
        // test suite's other tests) cannot starve the server it is talking to.
        let task = Task(executorPreference: ServerExecutor.shared) {
            defer { continuation.finish() }
            try await group.run()
        }
        var bound: Int?
        for await p in ports { bound = p }
        guard let bound else {
            let failure = await task.result
            if case .failure(let error) = failure { throw error }
            throw ServerStartError(description: "the server stopped before it was listening on \(host):\(port)")
        }
        return RunningServer(host: host, port: bound, group: group, task: task)
    }
}

/// A server started in process. `stop()` shuts it down and waits until it has.
public final class RunningServer: Sendable {
    public let host: String
    public let port: Int
    let group: ServiceGroup
    let task: Task<Void, any Error>

    init(host: String, port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.host = host
        self.port = port
        self.group = group
        self.task = task
    }

    /// `http://127.0.0.1:PORT`.
    public var url: URL { URL(string: "http://\(host):\(port)")! }

    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}

/// A task executor on a Dispatch queue of its own (not Swift's cooperative pool), preferred by
/// an in-process server's tasks.
final class ServerExecutor: TaskExecutor {
    static let shared = ServerExecutor()
    private let queue = DispatchQueue(label: "harness.mock-server", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

public struct ServerStartError: Error, CustomStringConvertible {
    public let description: String
}
