import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 15 through the real command line: hostile files and flags get a clear error and the
/// right exit status, never a trap.
@Suite struct HostileInputCLITests {
    static func temporaryFolder() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    static func noCrash(_ result: HarnessProcess.Result) -> Bool {
        !result.stderr.contains("Fatal error") && result.status != -1 && result.status < 128
    }

    @Test func runsSumsTwoInt64MaxLinesWithoutTrapping() throws {
        let path = Self.temporaryFolder() + "/journal.jsonl"
        let line = { (d: Int) in "{\"d_model\": \(d), \"num_layers\": 2, \"num_heads\": 2, \"batch_size\": 128, \"learning_rate\": 0.001, \"train_flops\": 9223372036854775807, \"loss\": 5.0, \"total_flops_used\": 9223372036854775807, \"source\": \"loss\"}\n" }
        try (line(64) + line(128)).write(toFile: path, atomically: true, encoding: .utf8)
        let result = HarnessProcess.run(["runs", "--journal", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("9223372036854775807 FLOPs"))
        #expect(Self.noCrash(result))
    }

    @Test(arguments: ["", ":memory:"])
    func serveRefusesAStateThatWouldNotPersist(_ state: String) {
        let result = HarnessProcess.run(["serve", "--port", "0", "--state", state])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.firstError.contains("would be forgotten on restart"), "\(result.firstError)")
    }

    /// Holds `<state>.lock` as a running server does; a server started on the same file refuses.
    @Test(arguments: ["2025", "2026"])
    func aSecondServerOnOneStateFileRefusesToStart(_ api: String) throws {
        let state = Self.temporaryFolder() + "/state.sqlite"
        let fd = open(state + ".lock", O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        defer { close(fd) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        #expect(fcntl(fd, F_SETLK, &lock) == 0)
        let result = HarnessProcess.run(["serve", "--api", api, "--port", "0", "--state", state])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.firstError.contains("another server is using it"), "\(result.firstError)")
    }
}
