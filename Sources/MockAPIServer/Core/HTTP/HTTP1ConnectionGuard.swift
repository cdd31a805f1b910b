import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// The HTTP/1 rules Hummingbird's request loop does not keep on its own, for every protocol the
/// host serves: it sits between NIO's HTTP/1 decoder and Hummingbird, where the HTTP version and
/// the parser's errors are still visible (Hummingbird's request types carry neither).
///
/// - A request that does not keep the connection alive (HTTP/1.0 without `Connection:
///   keep-alive`, or any `Connection: close` however spelt) gets its answer with
///   `Connection: close` and then the connection closes; an HTTP/1.0 request with keep-alive
///   gets `Connection: keep-alive` and the connection stays open.
/// - A request the parser refuses (a head over `maxHeadBytes`, more than `maxHeaderFields`
///   fields, bytes that are not HTTP) gets a 400 whose JSON body says what was wrong, in the
///   served protocol's error shape, after the answers to the requests before it; then the
///   connection closes. (Hummingbird alone answers 400 with an empty body.)
final class HTTP1ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// The most bytes NIO's decoder accepts in a request line and its header fields (it counts
    /// the URL, the names and the values), and the most header fields.
    static let maxHeadBytes = 80 * 1024
    static let maxHeaderFields = 1000

    private enum Persistence { case close, keepAliveHTTP10, asUsual }

    private let service: any HTTPService
    /// One entry per request read and not yet answered, oldest first.
    private var unanswered: [Persistence] = []
    /// A head has been read and its end not yet: a parser error now is inside a body, which the
    /// responder may be reading, so it goes on to Hummingbird as before.
    private var readingRequest = false
    /// The refusal of an unparsable request, waiting for the answers before it.
    private var refusal: APIResponse?
    private var refused = false

    init(service: any HTTPService) {
        self.service = service
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        switch unwrapInboundIn(data) {
        case .head(var head):
            let persistence: Persistence
            if !head.isKeepAlive {
                // Hummingbird ends its loop only on a `Connection` field of exactly "close".
                head.headers.replaceOrAdd(name: "connection", value: "close")
                persistence = .close
            } else if head.version == .http1_0 {
                persistence = .keepAliveHTTP10
            } else {
                persistence = .asUsual
            }
            unanswered.append(persistence)
            readingRequest = true
            context.fireChannelRead(wrapInboundOut(.head(head)))
        case .body:
            context.fireChannelRead(data)
        case .end:
            readingRequest = false
            context.fireChannelRead(data)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            switch unanswered.first {
            case .close: head.headers.replaceOrAdd(name: "connection", value: "close")
            case .keepAliveHTTP10: head.headers.replaceOrAdd(name: "connection", value: "keep-alive")
            case .asUsual, nil: break
            }
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            if !unanswered.isEmpty { unanswered.removeFirst() }
            context.write(data, promise: promise)
            if unanswered.isEmpty, let answer = refusal {
                refusal = nil
                send(answer, context: context)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parse = error as? HTTPParserError, !readingRequest else {
            context.fireErrorCaught(error)
            return
        }
        // The decoder stops at its first error and may report more as bytes keep coming.
        guard !refused else { return }
        refused = true
        let answer = service.errorResponse(status: 400, message: Self.message(parse))
        if unanswered.isEmpty { send(answer, context: context) } else { refusal = answer }
    }

    static func message(_ error: HTTPParserError) -> String {
        switch error {
        case .headerOverflow:
            "Bad Request: the request head is too large: its request line and header fields must fit in \(maxHeadBytes) bytes, in at most \(maxHeaderFields) fields; shorten the URL or the headers"
        default:
            "Bad Request: not a valid HTTP/1 request (\(error)); send an HTTP/1.0 or HTTP/1.1 request"
        }
    }

    /// Writes `answer` with `Connection: close`, then closes this side of the connection once it
    /// is sent (the client still reads the answer; Hummingbird closes the rest when it leaves).
    private func send(_ answer: APIResponse, context: ChannelHandlerContext) {
        var headers = HTTPHeaders(answer.headerFields.map { ($0.name, $0.value) })
        headers.replaceOrAdd(name: "content-length", value: String(answer.body.utf8.count))
        headers.replaceOrAdd(name: "connection", value: "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: answer.status), headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: answer.body)))), promise: nil)
        let sent = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: sent)
        sent.futureResult.assumeIsolated().whenComplete { _ in context.close(mode: .output, promise: nil) }
    }
}

/// Hummingbird's HTTP/1 child channel with `HTTP1ConnectionGuard` right after NIO's decoder.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let http1: HTTP1Channel
    let service: any HTTPService

    init(responder: @escaping HTTPChannelHandler.Responder, service: any HTTPService) {
        let limits = HTTP1Channel.Configuration.DecoderConfiguration(
            maxHeaderFieldSize: HTTP1ConnectionGuard.maxHeadBytes, maxHeaderListSize: HTTP1ConnectionGuard.maxHeadBytes,
            maxHeaderFieldCount: HTTP1ConnectionGuard.maxHeaderFields)
        http1 = HTTP1Channel(responder: responder, configuration: .init(httpDecoderConfiguration: limits))
        self.service = service
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        http1.setup(channel: channel, logger: logger).flatMapThrowing { [service] value in
            let pipeline = channel.pipeline.syncOperations
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try pipeline.addHandler(HTTP1ConnectionGuard(service: service), position: .after(decoder))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}
