import Foundation
import Scaling
import Testing
@testable import MockAPIServer

/// Every probed request of `Tests/Fixtures/api2026/validation-cases.json` (the wire engineer's
/// reconstruction of `probes/validation.txt`, `union.txt`, `auth.txt`, ...) replayed through the
/// whole service under 26.0.1, the release probed. Stateless answers must match byte for byte;
/// answers that depend on what the probe run had stored before (ids, budgets) are replayed in
/// order on one service, each transcript as its own user, and must match in status (and in body
/// for the 409s).
@Suite("ValidationFixture2026")
struct ValidationFixture2026Tests {
    struct Case {
        var title: String, source: String, method: String, path: String, withKey: Bool, body: String, contentType: String?
        var status: Int, response: String, stateDependent: Bool
    }

    static func cases() throws -> [Case] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/api2026/validation-cases.json")
        guard case .array(let items) = try JSONText.parse(Array(try Data(contentsOf: file))) else { return [] }
        return items.map { v in
            Case(title: v["title"]?.stringValue ?? "", source: v["source"]?.stringValue ?? "", method: v["method"]?.stringValue ?? "", path: v["path"]?.stringValue ?? "",
                 withKey: v["with_api_key"] == .bool(true), body: v["request_body"]?.stringValue ?? "",
                 contentType: v["content_type"]?.stringValue,
                 status: { if case .int(let i) = v["status"] { i } else { -1 } }(), response: v["response_body"]?.stringValue ?? "",
                 stateDependent: v["state_dependent"] == .bool(true))
        }
    }

    /// Each probe transcript ran as its own user.
    func send(_ s: Service2026, _ c: Case) -> APIResponse {
        var headers: [TransportRequest.Header] = []
        let user = ["validation.txt", "union.txt", "submit.txt", "final.txt", "auth.txt"].firstIndex(of: c.source) ?? 9
        if c.withKey { headers.append(.init("X-API-Key", "0612345\(user)")) }
        if let t = c.contentType { headers.append(.init("Content-Type", t)) }
        return s.api.respondNow(to: TransportRequest(method: .init(rawValue: c.method), path: c.path, headers: headers, body: Data(c.body.utf8)))
    }

    @Test("every stateless probe: the same status and body, byte for byte")
    func stateless() throws {
        let all = try Self.cases()
        #expect(all.count >= 60)
        for c in all where !c.stateDependent {
            let s = try Service2026(options: .init(schema: .v26_0_1, seed: 1))
            let r = send(s, c)
            #expect(r.status == c.status, "\(c.title): status \(r.status), body \(r.body.prefix(300))")
            #expect(r.body == c.response, "\(c.title)")
        }
    }

    @Test("the state-dependent probes in order: accepted where the real app accepted, 409 where it found a duplicate")
    func stateful() throws {
        let s = try Service2026(options: .init(schema: .v26_0_1, seed: 1))
        for c in try Self.cases() where c.stateDependent {
            let r = send(s, c)
            #expect(r.status == c.status, "\(c.title): \(r.body.prefix(300))")
            if c.status != 200 { #expect(r.body == c.response, "\(c.title)") }
        }
    }
}
