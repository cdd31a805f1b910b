import Foundation
import Scaling

/// Starlette's `CORSMiddleware` as the live service configures it (§1): these origins, methods
/// GET, POST and OPTIONS, headers `X-API-Key` and `Content-Type`, private-network access, max-age
/// 600, no credentials.
enum CORS2026 {
    static let allowedOrigins: Set<String> = [
        "null", "http://localhost:8000", "http://127.0.0.1:8000", "http://localhost:8080", "http://127.0.0.1:8080",
        "http://hyperturing.stanford.edu:8000", "http://172.24.75.170:8000",
    ]
    static let allowedMethods = ["GET", "POST", "OPTIONS"]
    /// Starlette adds the CORS-safelisted headers to the configured ones and sorts them.
    static let allowedHeaders = ["Accept", "Accept-Language", "Content-Language", "Content-Type", "X-API-Key"]

    /// A preflight: 200 `OK`, or 400 `Disallowed CORS origin, method, headers` (those that fail).
    static func preflight(origin: String, method: String, headers: String?, privateNetwork: String?) -> APIResponse {
        var fields: [TransportRequest.Header] = [
            .init("vary", "Origin"),
            .init("access-control-allow-methods", allowedMethods.joined(separator: ", ")),
            .init("access-control-max-age", "600"),
            .init("access-control-allow-headers", allowedHeaders.joined(separator: ", ")),
        ]
        var failures: [String] = []
        if allowedOrigins.contains(origin) {
            fields.append(.init("access-control-allow-origin", origin))
        } else {
            failures.append("origin")
        }
        if !allowedMethods.contains(method) { failures.append("method") }
        if let headers {
            let allowed = Set(allowedHeaders.map { $0.lowercased() })
            let asked = headers.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if asked.contains(where: { !allowed.contains($0) }) { failures.append("headers") }
        }
        if privateNetwork != nil { fields.append(.init("access-control-allow-private-network", "true")) }
        let text = failures.isEmpty ? "OK" : "Disallowed CORS " + failures.joined(separator: ", ")
        return APIResponse(status: failures.isEmpty ? 200 : 400, contentType: "text/plain; charset=utf-8", headers: fields, body: text)
    }
}
