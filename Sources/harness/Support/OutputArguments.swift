import ArgumentParser
import Foundation

/// Checks shared by every command that writes a folder of results or bootstraps a fit, so a bad
/// `--out` or `--bootstrap` is a usage error naming the flag, not a raw Foundation error or an
/// allocation that aborts.
enum OutputArguments {
    /// The most bootstrap resamples any command takes (each keeps a fit; 1e9 tried to allocate 8 GB).
    static let maxBootstrap = 100_000

    /// `--bootstrap`: 0 (no intervals) or 2 ... 100000.
    static func checkBootstrap(_ n: Int, flag: String = "--bootstrap") throws {
        guard n == 0 || (2...maxBootstrap).contains(n) else {
            throw ValidationError("\(flag) must be 0 (none) or in 2...\(maxBootstrap), got \(n)")
        }
    }

    /// `--out`: a folder path (created if missing). Refused: an empty path (`--out ''` wrote into
    /// the current folder), and a path that is, or lies under, an existing file.
    ///
    /// ```swift
    /// try OutputArguments.checkFolder("results/run")      // fine
    /// try OutputArguments.checkFolder("README.md")        // ValidationError: names a file
    /// ```
    static func checkFolder(_ path: String?, flag: String = "--out") throws {
        guard let path else { return }
        guard !path.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("\(flag) is empty; give a folder such as results/my-run")
        }
        var url = URL(fileURLWithPath: path).standardizedFileURL
        while true {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else {
                    throw ValidationError("\(flag) '\(path)': \(url.path) is a file, not a folder; give a folder such as results/my-run")
                }
                return
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return }
            url = parent
        }
    }
}
