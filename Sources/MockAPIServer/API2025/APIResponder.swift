import Hummingbird
import NIOCore
import Scaling

/// Hummingbird's side of the mock: hands the path and raw query string to `TrainingAPI.respond`
/// and writes its answer. No router: three fixed paths need none, and it keeps the hot path short.
struct APIResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let api: TrainingAPI

    func respond(to request: Request, context: Context) async throws -> Response {
        let answer: APIResponse = request.method == .get || request.method == .head
            ? api.respond(path: request.uri.path, rawQuery: request.uri.query.map { Substring($0) } ?? "")
            : .message(StatusCodes.methodNotAllowed, "Method Not Allowed: the API answers GET only")
        var headers = HTTPFields()
        headers[.contentType] = answer.contentType
        return Response(status: .init(code: answer.status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(string: answer.body)))
    }
}
