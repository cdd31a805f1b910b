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
        // The sum saturates at Int64.max: shown in engineering form, exact in --json.
        #expect(result.stdout.contains("total: 2 runs, 9.223e18 FLOPs"), "\(result.stdout)")
        #expect(Self.noCrash(result))
        let json = HarnessProcess.run(["runs", "--journal", path, "--json"])
        #expect(json.stdout.contains("\"total_flops_used\": 9223372036854775807"), "\(json.stdout)")
    }

    /// Spending outside the journal (a notebook on the same key) shows only in the service's
    /// reported totals: `runs` counts what the service said was used, not only the journal's sum
    /// (it said 1.10e17 used where the service had 1.66e18).
    @Test func runsCountsWhatTheServiceReportedUsed() throws {
        let path = Self.temporaryFolder() + "/journal.jsonl"
        let line = #"{"d_model": 64, "num_layers": 2, "num_heads": 2, "batch_size": 128, "learning_rate": 0.001, "train_flops": 100000000000000000, "loss": 5.0, "total_flops_used": 1660000000000000000, "source": "loss"}"# + "\n"
        try line.write(toFile: path, atomically: true, encoding: .utf8)
        let result = HarnessProcess.run(["runs", "--journal", path])
        #expect(result.status == 0, "\(result.stderr)")
        let flat = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("the service reported 1.660e18 used of 2.000e18 (83.00%"), "\(result.stdout)")
        #expect(flat.contains("340.0e15 left"), "\(result.stdout)")
        let json = HarnessProcess.run(["runs", "--journal", path, "--json"])
        #expect(json.stdout.contains("\"service_reported_flops_used\": 1660000000000000000"), "\(json.stdout)")
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

    /// The README's own strategy-file example, verbatim.
    static let readmeExample = """
        strategy: isoflop
        budgets: [1e16, 3e16, 1e17, 3e17]
        sizes_per_budget: 4  # 4 sizes x (1e16 + 3e16 + 1e17 + 3e17) = 1.76e18 of the 2e18 budget
        span: 3            # sizes from guess/3 to guess*3
        tokens_per_parameter: 20
        batch_size: 128
        learning_rate: 1.0e-3
        shape: {aspect_ratio: 64, head_dimension: 64}

        """

    @Test func theReadmeStrategyFileExampleWorks() throws {
        let path = Self.temporaryFolder() + "/my-grid.yaml"
        try Self.readmeExample.write(toFile: path, atomically: true, encoding: .utf8)
        let readme = try String(contentsOf: HarnessProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(Self.readmeExample.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")))
        let result = HarnessProcess.run(["plan", "--strategy-file", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("runnable"))
    }

    @Test(arguments: [
        ("budgets: [-1]", "budgets must be positive FLOP counts such as 1e16, got -1"),
        ("span: 1e308", "span must be a factor in (1, 1000], got 1e+308"),
        ("sizes_per_budget: 100000000", "sizes_per_budget must be in 1...100, got 100000000"),
        ("budgetz: [1e16]", "unknown key 'budgetz'; accepted: budgets, sizes_per_budget"),
        ("shape: {aspect_ratoi: 64}", "unknown key 'shape.aspect_ratoi'"),
        ("shape: {d_model_step: 0}", "shape.d_model_step must be in 1...1024, got 0"),
        ("tokens_per_parameter: .nan", "tokens_per_parameter must be in (0, 1000000], got nan"),
        ("budgets: [1e30]", "budgets must be whole positive FLOP counts such as 1e16, got 1e+30"),
    ])
    func aBadStrategyFileNamesTheKeyAndTheValue(_ line: String, _ fragment: String) throws {
        let path = Self.temporaryFolder() + "/grid.yaml"
        try "strategy: isoflop\n\(line)\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = HarnessProcess.run(["plan", "--strategy-file", path])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains(fragment), "\(result.stderr)")
        #expect(Self.noCrash(result))
    }

    /// Issue 15 #11: `--out` naming a file, an empty `--out`, an unbounded `--bootstrap`.
    @Test(arguments: [
        (["run", "--scenario", "chinchilla-2022", "--out", "README.md"], "--out 'README.md':", "is a file, not a folder"),
        (["run", "--scenario", "chinchilla-2022", "--out", "README.md/sub"], "--out 'README.md/sub':", "is a file, not a folder"),
        (["run", "--scenario", "chinchilla-2022", "--out", ""], "--out is empty", "give a folder"),
        (["fit", "--runs", "x.jsonl", "--out", ""], "--out is empty", "give a folder"),
        (["isoflops", "--out", "Package.swift"], "--out 'Package.swift':", "is a file"),
        (["score", "--out", "Package.swift"], "--out 'Package.swift':", "is a file"),
        (["run", "--scenario", "chinchilla-2022", "--bootstrap", "1000000000"], "--bootstrap must be 0 (none) or in 2...100000, got 1000000000", ""),
        (["fit", "--runs", "x.jsonl", "--bootstrap", "1000000000"], "--bootstrap must be 0 (none) or in 2...100000", ""),
        (["isoflops", "--bootstrap", "1000000000"], "--bootstrap must be 0 (none) or in 2...100000", ""),
        (["run", "--scenario", "chinchilla-2022", "--retry-for=-1"], "--retry-for must be a number of seconds in 0...86400, got -1.0", ""),
    ])
    func badOutputFlagsAreUsageErrors(_ arguments: [String], _ fragment: String, _ more: String) {
        let result = HarnessProcess.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.firstError.contains(fragment) && (more.isEmpty || result.firstError.contains(more)), "\(result.firstError)")
        #expect(Self.noCrash(result))
    }
}
