import Foundation
import Scaling
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `harness run --api 2026` against a `harness serve --api 2026` subprocess, killed with SIGKILL
/// mid-campaign and run again: the rerun adopts what the journal knows and submits nothing twice.
@Suite("Run2026Kill", .serialized)
struct Run2026KillTests {
    let key = "06123456"

    @Test(.enabled(if: ServeProcess2026.available, "needs a built harness"))
    func aKilledCampaignResumesAndSubmitsNothingTwice() async throws {
        // 1,000 virtual seconds per real second: the naive campaign (about 1,700 s of wall time
        // on the service) takes about 2 s
        let server = try ServeProcess2026(["--time-scale", "1000", "--seed", "5"])
        defer { server.stop() }
        let folder = Fixtures.temporaryPath("kill-2026")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let keyFile = folder + "/key.txt", journal = folder + "/journal.jsonl"
        try (key + "\n").write(toFile: keyFile, atomically: true, encoding: .utf8)
        let arguments = ["run", "--api", "2026", "--api-url", server.url.absoluteString, "--api-key-file", keyFile,
                         "--journal", journal, "--strategy", "naive", "--predictor", "best-run", "--poll-seconds", "0.2",
                         "--out", folder + "/out"]

        // first run: killed once three submissions are journalled
        let child = try spawnHarness(arguments, output: folder + "/first.txt")
        var submitted = 0
        for _ in 0..<1200 {
            let lines = ((try? String(contentsOfFile: journal, encoding: .utf8)) ?? "").split(separator: "\n")
            submitted = lines.filter { $0.contains(#""request":"POST /submit""#) && $0.contains(#""status":200"#) }.count
            if submitted >= 3 { break }
            var status: Int32 = 0
            if waitpid(child, &status, WNOHANG) == child { break }
            usleep(50_000)
        }
        kill(child, SIGKILL)
        var status: Int32 = 0
        waitpid(child, &status, 0)
        #expect(status & 0x7f == SIGKILL, "the first run ended before it was killed (status \(status))")
        #expect(submitted >= 3, "the first run journalled \(submitted) submission(s) before the kill")

        // second run: to the end
        let (code, text) = await runToCompletion([try #require(ServeProcess2026.executable)] + arguments)
        #expect(code == 0, "\(text)")
        #expect(text.contains("came from the journal"), "\(text)")

        // each config was accepted once over both runs, and the rerun POSTed nothing the journal
        // knew: a repeat is journalled as a 409; one is allowed, for the request the kill may
        // have cut between the service's answer and the journal
        let posts = ((try? String(contentsOfFile: journal, encoding: .utf8)) ?? "").split(separator: "\n")
            .filter { $0.contains(#""request":"POST /submit""#) }
        var accepted: [String] = [], repeated: [String] = []
        for line in posts {
            let entry = try JSONText.parse(Array(line.utf8))
            guard case .string(let id)? = entry["unique_id"] else { throw ServeProcessError("a POST /submit entry without unique_id: \(line)") }
            if line.contains(#""status":200"#) { accepted.append(id) } else { repeated.append(id) }
        }
        #expect(Set(accepted).count == accepted.count, "\(accepted.count) acceptances of \(Set(accepted).count) configs")
        // a repeat is only for a config whose acceptance the journal never saw
        #expect(repeated.count <= 1 && Set(repeated).isDisjoint(with: accepted),
                "the rerun POSTed \(repeated.count) config(s) again, \(Set(repeated).intersection(accepted).count) of them journalled as accepted")
        let postedIDs = accepted + repeated

        // the service saw each config once
        let listing = try await http("GET", server.url.appendingPathComponent("experiments"), key: key)
        #expect(listing.status == 200)
        let experiments = try ExperimentResponse2026.decodeList(try JSONText.parse(Array(listing.body.utf8)))
        let ids = experiments.map(\.trainingConfig.uniqueID)
        #expect(!ids.isEmpty)
        #expect(Set(ids).count == ids.count, "a config was submitted twice: \(ids.count) experiments, \(Set(ids).count) distinct")
        #expect(Set(ids) == Set(postedIDs))
    }
}

/// Starts `harness ARGUMENTS` from the package root, stdin from /dev/null, stdout and stderr to
/// `output` (also how `ServeProcess2026` starts `serve`).
func spawnHarness(_ arguments: [String], output: String) throws -> pid_t {
    guard let executable = ServeProcess2026.executable else { throw ServeProcessError("harness is not built") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let all = ["/usr/bin/env", "-C", Fixtures.repositoryRoot.path, executable] + arguments
    let argv = all.map { strdup($0) } + [nil]
    let environment: [String] = ["PATH=/usr/bin:/bin", "LC_ALL=C", "NO_PROXY=127.0.0.1,localhost"]
    let envp = environment.map { strdup($0) } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var child: pid_t = 0
    guard posix_spawn(&child, "/usr/bin/env", &actions, nil, argv, envp) == 0 else { throw ServeProcessError("cannot spawn harness") }
    return child
}
