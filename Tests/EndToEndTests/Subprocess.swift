import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion with posix_spawn and waitpid (no run loop: Foundation's
/// `Process.waitUntilExit` can stall while Swift Testing evaluates traits). Output and errors go
/// to one temporary file, returned as text.
func runToCompletion(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> (status: Int32, output: String) {
    let outputPath = Fixtures.temporaryPath("output.txt")
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, envp) == 0 else { return (-1, "cannot spawn \(arguments)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    let exited = status & 0x7f == 0
    return (exited ? (status >> 8) & 0xff : -1, output)
}

/// `runToCompletion` on a thread of its own, so waiting for the child never blocks Swift's
/// cooperative pool (two threads on these machines), where the in-process server answers it.
func runToCompletion(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) async -> (status: Int32, output: String) {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: runToCompletion(arguments, environment: environment)) }.start()
    }
}
