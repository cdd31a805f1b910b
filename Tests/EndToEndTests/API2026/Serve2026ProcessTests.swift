import Foundation
import Scaling
import Testing

/// `harness serve --api 2026` as a user runs it: the student's Python script unchanged, a
/// restart from `--state` mid-campaign, and the dashboard in a real headless browser.
@Suite("Serve2026Process", .serialized)
struct Serve2026ProcessTests {
    static let pythonWithRequests: Bool = runToCompletion(["python3", "-c", "import requests"]).status == 0
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    let key = "06123456"

    @Test(.enabled(if: pythonWithRequests && ServeProcess2026.available, "needs python3 with requests and a built harness"))
    func pythonCampaignRunsUnchanged() async throws {
        let server = try ServeProcess2026(["--time-scale", "1000"])
        defer { server.stop() }
        var environment = ProcessInfo.processInfo.environment
        environment["A3_API_URL"] = server.url.absoluteString
        environment["A3_API_KEY"] = key
        environment["A3_POLL_SECONDS"] = "0.05"
        environment["NO_PROXY"] = "127.0.0.1,localhost"
        environment["no_proxy"] = "127.0.0.1,localhost"
        let script = Fixtures.repositoryRoot.appendingPathComponent("scripts/examples/campaign_2026.py").path
        let (status, text) = await runToCompletion(["python3", script], environment: environment)
        #expect(status == 0, "\(text)")
        #expect(text.contains("campaign finished"), "\(text)")
        let budget = try await http("GET", server.url.appendingPathComponent("budget"), key: key)
        #expect(budget.status == 200 && !budget.body.contains(#""used_seconds":0.0"#))
    }

    @Test(.enabled(if: ServeProcess2026.available, "needs a built harness"))
    func restartWithStateMidCampaign() async throws {
        let state = Fixtures.temporaryPath("state-2026.sqlite")
        let first = try ServeProcess2026(["--state", state, "--admin", "--time-scale", "0.000001"])
        for i in 0..<5 {
            let r = try await http("POST", first.url.appendingPathComponent("submit"), key: key, body: config2026(seed: i))
            #expect(r.status == 200, "\(r.body)")
        }
        _ = try await http("POST", first.url.appendingPathComponent("_mock/clock/advance"), body: #"{"seconds":30}"#)
        let before = try await http("GET", first.url.appendingPathComponent("experiments"), key: key).body
        let budgetBefore = try await http("GET", first.url.appendingPathComponent("budget"), key: key).body
        #expect(before.contains(#""status_type":"running""#), "\(before.prefix(400))")
        first.stop()

        let second = try ServeProcess2026(["--state", state, "--admin", "--time-scale", "0.000001"])
        defer { second.stop() }
        #expect(try await http("GET", second.url.appendingPathComponent("experiments"), key: key).body == before)
        #expect(try await http("GET", second.url.appendingPathComponent("budget"), key: key).body == budgetBefore)
        _ = try await http("POST", second.url.appendingPathComponent("_mock/clock/advance"), body: #"{"seconds":7200}"#)
        let after = try await http("GET", second.url.appendingPathComponent("experiments"), key: key).body
        #expect(!after.contains(#""status_type":"running""#) && !after.contains(#""status_type":"queued""#))
        let used = try await http("GET", second.url.appendingPathComponent("budget"), key: key).body
        #expect(!used.contains(#""used_seconds":600.0"#), "every run still holds its reservation: \(used)")
        let next = try await http("POST", second.url.appendingPathComponent("submit"), key: key, body: config2026(seed: 5))
        #expect(next.body.hasPrefix(#"{"experiment_id":6,"#), "\(next.body)")
        // A foreign state file is refused with a clear error, naming the flag.
        let foreign = Fixtures.temporaryPath("foreign.sqlite")
        try Data("this is not SQLite".utf8).write(to: URL(fileURLWithPath: foreign))
        #expect(throws: ServeProcessError.self) { try ServeProcess2026(["--state", foreign]) }
    }

    @Test(.enabled(if: chromium != nil && ServeProcess2026.available, "needs chromium (scripts/setup.sh installs it) and a built harness"))
    func dashboardInHeadlessChromium() async throws {
        let server = try ServeProcess2026(["--admin", "--time-scale", "0.000001"])
        defer { server.stop() }
        for i in 0..<3 {
            _ = try await http("POST", server.url.appendingPathComponent("submit"), key: key, body: config2026(seed: i, tokens: 1_048_576 * (i + 1)))
        }
        _ = try await http("POST", server.url.appendingPathComponent("_mock/clock/advance"), body: #"{"seconds":3600}"#)
        let page = server.url.absoluteString + "/dashboard#key=\(key)"
        let profile = Fixtures.temporaryPath("chromium-profile")
        let shot = Fixtures.repositoryRoot.appendingPathComponent(".build/dashboard-2026.png").path
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)",
                     "--virtual-time-budget=10000", "--window-size=1000,900"]
        let (status, dom) = await runToCompletion([Self.chromium ?? "chromium"] + flags + ["--dump-dom", page])
        #expect(status == 0, "\(dom.suffix(500))")
        #expect(dom.contains("Scaling Experiments Dashboard"))
        #expect(dom.contains(#"data-loaded="3""#), "\(dom.suffix(1500))")
        for id in 1...3 { #expect(dom.contains(#"id="experiment-\#(id)""#)) }
        #expect(dom.contains("<polyline"), "no loss curve drawn")
        #expect(dom.contains("budget:"))
        _ = await runToCompletion([Self.chromium ?? "chromium"] + flags + ["--screenshot=\(shot)", page])
        #expect(FileManager.default.fileExists(atPath: shot))
    }

    /// `/docs` is Swagger UI from the server's own files, reading the server's own /openapi.json:
    /// rendered in a real browser (no network), it lists the operations of the protocol served.
    @Test(.enabled(if: chromium != nil && ServeProcess2026.available, "needs chromium (scripts/setup.sh installs it) and a built harness"),
          arguments: [("2025", "/loss"), ("2026", "/submit")])
    func swaggerDocsInHeadlessChromium(api: String, path: String) async throws {
        let server = try ServeProcess2026([], api: api)
        defer { server.stop() }
        for (asset, type) in [("docs", "text/html"), ("docs/swagger-ui-bundle.js", "text/javascript"), ("docs/swagger-ui.css", "text/css")] {
            let root = try #require(URL(string: "/", relativeTo: server.url)?.absoluteURL)
            let r = try await URLSessionTransport(baseURL: root, timeout: 10)
                .send(TransportRequest(method: .init(rawValue: "GET"), path: "/" + asset, headers: [], body: Data()))
            #expect(r.status == 200, "\(asset)")
            #expect(r.header("content-type")?.hasPrefix(type) == true, "\(asset): \(r.header("content-type") ?? "no content type")")
        }
        let profile = Fixtures.temporaryPath("chromium-docs-\(api)")
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)",
                     "--virtual-time-budget=10000", "--window-size=1200,900"]
        let (status, dom) = await runToCompletion([Self.chromium ?? "chromium"] + flags + ["--dump-dom", server.url.absoluteString + "/docs"])
        #expect(status == 0, "\(dom.suffix(500))")
        // Swagger UI drew the document: its operation blocks exist, with the protocol's paths.
        #expect(dom.contains("opblock"), "Swagger UI rendered no operation: \(dom.prefix(1500))")
        #expect(dom.contains(path), "no \(path) in the rendered page")
        #expect(!dom.contains("Failed to load API definition"))
        let shot = Fixtures.repositoryRoot.appendingPathComponent(".build/docs-\(api).png").path
        _ = await runToCompletion([Self.chromium ?? "chromium"] + flags + ["--screenshot=\(shot)", server.url.absoluteString + "/docs"])
        #expect(FileManager.default.fileExists(atPath: shot))
    }
}
