import Foundation
import Testing

/// Bad input: the exit status and the first line of the error, checked on a stable fragment
/// rather than the whole prose. A wrong command line (flags, their values) exits 64 (EX_USAGE);
/// a command that cannot do its work (a missing or bad file, a refusal) exits 1 (docs/cli.md).
@Suite struct ErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var status: Int32
        var fragment: String
        var testDescription: String { "harness " + arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["frobnicate"], status: 64, fragment: "Unexpected argument 'frobnicate'"),
        Case(arguments: ["bench", "frobnicate"], status: 64, fragment: "Unexpected argument 'frobnicate'"),
        Case(arguments: ["plan", "--frobnicate"], status: 64, fragment: "Unknown option '--frobnicate'"),
        Case(arguments: ["plan", "--budget", "abc"], status: 64, fragment: "'abc' is invalid for '--budget"),
        Case(arguments: ["plan", "--budget", "1.5"], status: 64, fragment: "'1.5' is invalid for '--budget <budget>': 1.5 is not a whole number"),
        Case(arguments: ["plan", "--budget", "2e19"], status: 64,
             fragment: "'2e19' is invalid for '--budget <budget>': 2e19 is too large; give a whole number of FLOPs in 1...9.2e18"),
        Case(arguments: ["plan", "--budget", "0"], status: 64, fragment: "'0' is invalid for '--budget <budget>': 0 is below 1"),
        Case(arguments: ["isoflop"], status: 64, fragment: "unknown command 'isoflop'; did you mean 'isoflops'?"),
        Case(arguments: ["bench", "fitt"], status: 64, fragment: "unknown command 'fitt'; did you mean 'fit'?"),
        Case(arguments: ["isoflops", "--bootstrap", "-5"], status: 64, fragment: "--bootstrap must be 0 (none) or in 2...100000, got -5"),
        Case(arguments: ["fit", "--runs", "x.jsonl", "--target", "-3"], status: 64, fragment: "'-3' is invalid for '--target <target>': not a positive number"),
        Case(arguments: ["fit", "--runs", "x.jsonl", "--target", "-"], status: 64, fragment: "'-' is invalid for '--target"),
        // ArgumentParser alone reads -1 as a flag ("Missing value"); harness takes it as the value.
        Case(arguments: ["run", "--scenario", "chinchilla-2022", "--seed", "-1"], status: 64,
             fragment: "'-1' is invalid for '--seed <seed>': a seed cannot be negative; a seed is a whole number in 0..."),
        Case(arguments: ["isoflops", "--seed", "-1"], status: 64, fragment: "'-1' is invalid for '--seed <seed>': a seed cannot be negative"),
        Case(arguments: ["isoflops", "--seed=-1"], status: 64, fragment: "'-1' is invalid for '--seed <seed>': a seed cannot be negative"),
        Case(arguments: ["isoflops", "--seed", "1.5"], status: 64, fragment: "'1.5' is invalid for '--seed <seed>': not a whole number"),
        Case(arguments: ["isoflops", "--data", "/nonexistent/runs.json", "--no-plots"], status: 1,
             fragment: "error: /nonexistent/runs.json: no such file"),
        Case(arguments: ["isoflops", "--targets", "1e23,abc"], status: 64, fragment: "--targets: 'abc' is not a positive number"),
        Case(arguments: ["truth"], status: 64, fragment: "Missing expected argument '--scenario <scenario>'"),
        Case(arguments: ["truth", "--scenario", "no-such-scenario"], status: 1, fragment: "no-such-scenario: no such scenario file"),
        Case(arguments: ["run", "--scenario", "no-such-scenario"], status: 1, fragment: "no-such-scenario: no such scenario file"),
        Case(arguments: ["run"], status: 64, fragment: "give --scenario NAME to rehearse"),
        Case(arguments: ["plan", "--strategy", "nope"], status: 1, fragment: "unknown strategy 'nope'"),
        Case(arguments: ["plan", "--strategy", "isoflop", "--plan", "x.csv"], status: 64, fragment: "give one of --strategy, --plan, --strategy-file"),
        Case(arguments: ["score", "--jobs", "0"], status: 64, fragment: "--jobs must be in 1...256, got 0"),
        Case(arguments: ["serve", "--port", "70000"], status: 64, fragment: "--port must be in 0...65535"),
        Case(arguments: ["serve", "--api", "2027"], status: 64, fragment: "'2027' is invalid for '--api"),
        Case(arguments: ["serve", "--time-scale", "10"], status: 64, fragment: "--time-scale applies only to --api 2026"),
        Case(arguments: ["serve", "--admin"], status: 64, fragment: "--admin applies only to --api 2026"),
        Case(arguments: ["serve", "--api", "2026", "--time-scale", "0"], status: 64, fragment: "--time-scale must be a number in (0, 1000000]"),
        Case(arguments: ["serve", "--api", "2026", "--api-version", "26.1"], status: 64, fragment: "--api-version must be 26.0.1 or 26.0.2, got '26.1'"),
        Case(arguments: ["serve", "--api", "2026", "--start", "yesterday"], status: 64, fragment: "--start must be an ISO 8601 UTC time"),
        Case(arguments: ["serve", "--api", "2026", "--scenario", "no-such-scenario"], status: 1, fragment: "no-such-scenario: no such scenario file"),
        Case(arguments: ["bench", "server-2026", "--clients", "0"], status: 64, fragment: "--clients, --requests, --submit-every"),
        Case(arguments: ["runs", "--journal", "/nonexistent/journal.jsonl"], status: 1, fragment: "/nonexistent/journal.jsonl: no such file"),
        Case(arguments: ["run", "--api", "2026", "--scenario", "cs336-2026-live", "--strategy", "seed-grid"], status: 64,
             fragment: "the 2026 strategies are naive, isotime, adaptive"),
        Case(arguments: ["run", "--api", "2026", "--scenario", "cs336-2026-live", "--submit-final"], status: 64,
             fragment: "--submit-final applies to a live service"),
        Case(arguments: ["run", "--scenario", "chinchilla-2022", "--submit-final"], status: 64, fragment: "--submit-final applies only to --api 2026"),
        Case(arguments: ["run", "--api", "2026", "--scenario", "cs336-2026-live", "--predictor", "oracle"], status: 64,
             fragment: "--predictor 'oracle': accepted: curve-law, best-run"),
        Case(arguments: ["run", "--api", "2026", "--scenario", "no-such-scenario"], status: 1, fragment: "no-such-scenario: no such scenario file"),
        Case(arguments: ["score", "--api", "2026", "--shard", "4/3"], status: 64, fragment: "--shard '4/3': expected I/N with 1 <= I <= N"),
        Case(arguments: ["score", "--shard", "1/2"], status: 64, fragment: "--shard applies only to --api 2026"),
        Case(arguments: ["score", "merge"], status: 64, fragment: "Missing expected argument '<file> ...'"),
        Case(arguments: ["score", "merge", "/nonexistent/shard-1-of-2.json"], status: 1, fragment: "/nonexistent/shard-1-of-2.json: no such file"),
        Case(arguments: ["plan", "--api", "2026", "--strategy", "isoflop"], status: 64, fragment: "unknown 2026 strategy 'isoflop'"),
    ]

    @Test(arguments: cases)
    func badInput(_ c: Case) {
        let result = HarnessProcess.run(c.arguments)
        #expect(result.status == c.status, "\(result.stderr)")
        #expect(result.firstError.contains(c.fragment), "first error line: \(result.firstError)")
        #expect(!result.stderr.contains("Fatal error"), "crashed: \(result.stderr)")
    }

    /// A missing file is not a usage error: no usage line after the message.
    @Test func missingFileHasNoUsageLine() {
        let result = HarnessProcess.run(["runs", "--journal", "/nonexistent/journal.jsonl"])
        #expect(result.status == 1)
        #expect(!result.stderr.contains("Usage:"), "\(result.stderr)")
    }

    @Test func version() {
        let result = HarnessProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(result.stdout)")
    }

    /// docs/cli.md's completion scripts.
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScript(_ shell: String) {
        let result = HarnessProcess.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("isoflops") && result.stdout.contains("harness"))
    }

    /// The naive baseline wants 1.27e19 FLOPs of a 2e18 budget: the dry run says so and exits 1.
    @Test func seedGridPlanIsOverBudget() {
        let result = HarnessProcess.run(["plan", "--strategy", "seed-grid"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("NOT runnable:"))
        #expect(result.stdout.contains("budget 2e+18"))
    }

    @Test func isoflopPlanIsRunnable() {
        let result = HarnessProcess.run(["plan", "--strategy", "isoflop"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("runnable: within the rules and the budget"))
    }
}
