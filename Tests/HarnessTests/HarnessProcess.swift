import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The built `harness` executable, run as a subprocess from the package root with a fixed
/// environment (so help wraps at 100 columns and nothing of the caller's shell leaks in).
enum HarnessProcess {
    /// The package root: scenarios/ and data/ are found from here, as a user's shell would.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `harness` next to this test bundle (`.build/<triple>/debug/`), else in `.build/debug/`.
    static let executable: String? = {
        var candidates: [URL] = []
        if let me = Bundle.main.executableURL { candidates.append(me.deletingLastPathComponent()) }
        if let first = ProcessInfo.processInfo.arguments.first {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        return candidates.map { $0.appendingPathComponent("harness").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static let environment = [
        "COLUMNS": "100", "LC_ALL": "C", "TERM": "dumb", "PATH": "/usr/bin:/bin",
        "HOME": FileManager.default.temporaryDirectory.path,
    ]

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The first non-empty line of stderr.
        var firstError: String { stderr.split(separator: "\n").first.map(String.init) ?? "" }
    }

    /// Runs `harness arguments...` to completion with posix_spawn and waitpid (no run loop, as in
    /// EndToEndTests/Subprocess.swift), standard output and errors each to a file of their own.
    static func run(_ arguments: [String]) -> Result { run(arguments, environment: environment) }

    /// The quickest whole rehearsal: isoflop on chinchilla-2022, in process, no bootstrap, no plots, into `out`.
    static func quickRun(out: String) -> Result {
        run(["run", "--scenario", "chinchilla-2022", "--strategy", "isoflop", "--transport", "in-process",
             "--bootstrap", "0", "--no-plots", "--out", out])
    }

    /// The same with another environment (e.g. a PATH without gnuplot).
    static func run(_ arguments: [String], environment: [String: String]) -> Result {
        guard let executable else {
            return Result(status: -1, stdout: "", stderr: "harness is not built: run swift build --product harness")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("harness-tests-\(getpid())-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outPath = folder.appendingPathComponent("stdout").path, errPath = folder.appendingPathComponent("stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // env -C: start in the package root whatever the test runner's working directory.
        let argv = (["/usr/bin/env", "-C", packageRoot.path, executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, envp) == 0 else {
            return Result(status: -1, stdout: "", stderr: "cannot spawn \(executable)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7f == 0
        return Result(status: exited ? (status >> 8) & 0xff : -1,
                      stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// Another program (a browser, say) run to completion with the caller's environment;
    /// its errors go to a file, so a full pipe cannot block it.
    static func runTool(_ arguments: [String]) -> Result {
        let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("tool-stderr-\(UUID().uuidString)").path
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle(forWritingAtPath: errPath)
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return Result(status: -1, stdout: "", stderr: "\(error)") }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}
