import Foundation
import MockAPIServer
import Testing

/// The handout's Python `requests` examples against the mock over real HTTP on loopback.
@Suite struct PythonClientTests {
    /// Whether `python3 -c "import requests"` works; the test is skipped (with this reason) if not.
    static let pythonWithRequests: Bool = runToCompletion(["python3", "-c", "import requests"]).status == 0

    @Test(.enabled(if: pythonWithRequests, "needs python3 with the requests module (pip install requests)"),
          arguments: [KeyPolicy.anyNonEmpty, .only(["student-key-123"])])
    func handoutExamplesWorkUnchanged(keys: KeyPolicy) async throws {
        let server = try await MockServer.start(service: try Fixtures.api(keys: keys))
        let script = Fixtures.repositoryRoot.appendingPathComponent("tests/python/handout_examples.py").path
        var environment = ProcessInfo.processInfo.environment
        environment["NO_PROXY"] = "127.0.0.1,localhost"
        environment["no_proxy"] = "127.0.0.1,localhost"
        let (status, text) = await runToCompletion(["python3", script, server.url.absoluteString, "student-key-123"], environment: environment)
        #expect(status == 0, "\(text)")
        #expect(text.contains("all handout examples passed"))
        await server.stop()
    }
}
