import Foundation
import Scaling
import Testing
@testable import MockAPIServer

/// `probes/auth.txt` and the transport rules of §1 that do not depend on a body.
@Suite("TransportConformance2026")
struct TransportConformance2026Tests {
    let s: Service2026
    let key = "06123456"
    init() throws { s = try Service2026() }

    @Test("auth.txt: missing, empty and invalid keys; the header name in any case")
    func auth() {
        for (r, body) in [(s.send("GET", "/budget"), #"{"detail":"missing X-API-Key"}"#),
                          (s.send("GET", "/budget", key: ""), #"{"detail":"missing X-API-Key"}"#),
                          (s.send("GET", "/budget", key: "abc"), #"{"detail":"invalid API key"}"#),
                          (s.send("POST", "/submit"), #"{"detail":"missing X-API-Key"}"#),
                          (s.send("POST", "/submit", key: "bad", body: "{}"), #"{"detail":"invalid API key"}"#),
                          (s.send("POST", "/submit", body: "{}"), #"{"detail":"missing X-API-Key"}"#),
                          (s.send("GET", "/experiment/abc"), #"{"detail":"missing X-API-Key"}"#)] {
            #expect(r.status == 401)
            #expect(r.body == body)
            #expect(r.contentType == "application/json")
            #expect(s.header(r, "www-authenticate") == nil)
        }
        let lower = s.send("GET", "/budget", headers: [.init("x-api-key", key)])
        #expect(lower.status == 200)
        #expect(lower.body == #"{"used_seconds":0.0,"remaining_seconds":43200.0,"total_budget_seconds":43200.0}"#)
    }

    @Test("auth.txt: path ids (422 int_parsing, 404 for unknown, 0 and negative, 500 past int64)")
    func experimentIDs() {
        let bad = s.send("GET", "/experiment/abc", key: key)
        #expect(bad.status == 422)
        #expect(bad.body == #"{"detail":[{"type":"int_parsing","loc":["path","experiment_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}"#)
        for id in ["999", "0", "-1"] {
            let r = s.send("GET", "/experiment/\(id)", key: key)
            #expect(r.status == 404)
            #expect(r.body == #"{"detail":"not found"}"#)
        }
        let huge = s.send("GET", "/experiment/99999999999999999999", key: key)
        #expect(huge.status == 500)
        #expect(huge.contentType == "text/plain; charset=utf-8")
        #expect(huge.body == "Internal Server Error")
        #expect(s.header(huge, "x-request-id") == nil)
    }

    @Test("auth.txt: empty list, no final submission (null), unknown route, wrong methods, HEAD")
    func routes() {
        #expect(s.send("GET", "/experiments", key: key).body == "[]")
        let none = s.send("GET", "/final_submission", key: key)
        #expect(none.status == 200 && none.body == "null")
        let unknown = s.send("GET", "/nonexistent")
        #expect(unknown.status == 404 && unknown.body == #"{"detail":"Not Found"}"#)
        for (method, path, allow) in [("PUT", "/submit", "POST"), ("GET", "/submit", "POST"), ("HEAD", "/budget", "GET"),
                                      ("DELETE", "/experiment/1", "GET"), ("PUT", "/final_submission", "GET")] {
            let r = s.send(method, path)
            #expect(r.status == 405)
            #expect(r.body == #"{"detail":"Method Not Allowed"}"#)
            #expect(s.header(r, "allow") == allow)
        }
    }

    @Test("§1: trailing slashes redirect 307 with a location and no body; server and x-request-id headers")
    func redirectsAndHeaders() {
        let r = s.send("GET", "/experiments/", headers: [.init("Host", "127.0.0.1:8000")], query: "a=1")
        #expect(r.status == 307)
        #expect(r.body.isEmpty)
        #expect(s.header(r, "location") == "http://127.0.0.1:8000/experiments?a=1")
        #expect(s.header(r, "content-type") == nil)
        #expect(s.send("GET", "/budget/").status == 307)
        let echoed = s.send("GET", "/budget", key: key, headers: [.init("X-Request-ID", "abc-123")])
        #expect(s.header(echoed, "x-request-id") == "abc-123")
        #expect(s.header(echoed, "server") == "uvicorn")
        let generated = s.header(s.send("GET", "/budget", key: key), "x-request-id") ?? ""
        #expect(generated.count == 32 && generated.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(Array(generated)[12] == "4")
        // Seeded: two fresh services with the same seed hand out the same ids; another seed others.
        let first = try? Service2026(), second = try? Service2026(), third = try? Service2026(options: .init(seed: 2))
        let ids = [first, second, third].map { $0.flatMap { $0.header($0.send("GET", "/budget", key: key), "x-request-id") } }
        #expect(ids[0] != nil && ids[0] == ids[1] && ids[1] != ids[2])
    }

    @Test("final.txt: CORS preflight and simple requests")
    func cors() {
        let pre = s.send("OPTIONS", "/submit", headers: [.init("Origin", "null"), .init("Access-Control-Request-Method", "POST"),
                                                           .init("Access-Control-Request-Headers", "x-api-key, content-type")])
        #expect(pre.status == 200 && pre.body == "OK")
        #expect(pre.contentType == "text/plain; charset=utf-8")
        #expect(s.header(pre, "access-control-allow-origin") == "null")
        #expect(s.header(pre, "access-control-max-age") == "600")
        #expect(s.header(pre, "access-control-allow-methods") == "GET, POST, OPTIONS")
        #expect(s.header(pre, "access-control-allow-headers") == "Accept, Accept-Language, Content-Language, Content-Type, X-API-Key")
        #expect(s.header(pre, "vary") == "Origin")
        let refused = s.send("OPTIONS", "/submit", headers: [.init("Origin", "http://evil.example"), .init("Access-Control-Request-Method", "PUT")])
        #expect(refused.status == 400 && refused.body == "Disallowed CORS origin, method")
        let simple = s.send("GET", "/budget", key: key, headers: [.init("Origin", "http://localhost:8000")])
        #expect(s.header(simple, "access-control-allow-origin") == "http://localhost:8000")
        #expect(s.header(simple, "vary") == "Origin")
        let other = s.send("GET", "/budget", key: key, headers: [.init("Origin", "http://evil.example")])
        #expect(s.header(other, "access-control-allow-origin") == nil)
    }

    @Test("/openapi.json is the live document (26.0.2 without the 43200 bound), /docs and /dashboard need no key")
    func documents() throws {
        let doc = s.send("GET", "/openapi.json")
        #expect(doc.status == 200)
        #expect(!doc.body.contains("43200"))
        #expect(!doc.body.contains("_mock"))
        let live = try String(contentsOf: sharedAPI2026.appendingPathComponent("openapi.json"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let v1 = try Service2026(options: .init(schema: .v26_0_1, seed: 1))
        #expect(v1.send("GET", "/openapi.json").body == live)
        #expect(doc.body == live.replacingOccurrences(of: #""maximum":43200.0,"#, with: ""))
        let docs = s.send("GET", "/docs")
        #expect(docs.status == 200 && docs.contentType == "text/html; charset=utf-8")
        #expect(docs.body.contains("POST /submit") && docs.body.contains(#"<script src="/docs/swagger-ui-bundle.js">"#) && !docs.body.contains("src=\"http"))
        let js = s.send("GET", "/docs/swagger-ui-bundle.js")
        #expect(js.status == 200 && js.contentType == "text/javascript; charset=utf-8" && js.body.contains("SwaggerUIBundle"))
        let css = s.send("GET", "/docs/swagger-ui.css")
        #expect(css.status == 200 && css.contentType == "text/css; charset=utf-8")
        #expect(s.send("GET", "/docs/nothing.js").status == 404)
        let plain = s.send("GET", "/redoc")
        #expect(plain.status == 200 && plain.body.contains("POST /submit") && !plain.body.contains("<script"))
        let dash = s.send("GET", "/dashboard")
        #expect(dash.status == 200 && dash.contentType.hasPrefix("text/html"))
        #expect(dash.body.contains("Scaling Experiments Dashboard") && !dash.body.contains("src=\"http"))
    }

    @Test("internal worker routes refuse every caller; admin routes exist only with --admin")
    func internalAndAdmin() throws {
        let r = s.send("POST", "/internal/worker/6/finish")
        #expect(r.status == 401 && r.body == #"{"detail":"invalid internal key"}"#)
        #expect(s.send("GET", "/_mock/clock").status == 404)
        let admin = try Service2026(options: .init(seed: 1, admin: true))
        let moved = admin.send("POST", "/_mock/clock/advance", body: #"{"seconds":90.5}"#)
        #expect(moved.status == 200)
        #expect(moved.body.hasPrefix(#"{"now_seconds":90.5,"#))
        #expect(admin.api.nowSeconds == 90.5)
        #expect(admin.send("POST", "/_mock/clock/advance", body: #"{"seconds":-1}"#).status == 422)
        #expect(admin.send("GET", "/_mock/clock").status == 200)
    }
}
