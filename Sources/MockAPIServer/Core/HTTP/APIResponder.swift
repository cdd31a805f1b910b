import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Scaling

/// Hummingbird's side of the mock: hands each request (method, path, raw query, headers, body)
/// to the service and writes its answer. No router: the service dispatches on the path itself,
/// which keeps the hot path short.
struct APIResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let service: any HTTPService

    func respond(to request: Request, context: Context) async throws -> Response {
        var body = Data()
        if request.method != .get, request.method != .head {
            for try await var chunk in request.body {
                body.append(contentsOf: chunk.readBytes(length: chunk.readableBytes) ?? [])
            }
        }
        let headers = request.headers.map { TransportRequest.Header($0.name.rawName, $0.value) }
        let outgoing = TransportRequest(method: .init(rawValue: request.method.rawValue), path: request.uri.path,
                                        query: request.uri.query ?? "", headers: headers, body: body)
        let answer = await service.respond(to: outgoing)
        var fields = HTTPFields()
        if !answer.contentType.isEmpty { fields[.contentType] = answer.contentType }
        for h in answer.headers {
            if let name = HTTPField.Name(h.name) { fields.append(HTTPField(name: name, value: h.value)) }
        }
        return Response(status: .init(code: answer.status), headers: fields,
                        body: .init(byteBuffer: ByteBuffer(string: answer.body)))
    }
}
