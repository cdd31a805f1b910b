import ArgumentParser
import Foundation

/// A user-facing failure: the message goes to stderr as `error: ...` and the command exits 1,
/// without ArgumentParser's usage text or a stack trace. Shared by `isoflops` and `bench fit`.
enum CommandFailure {
    /// Run `body`; any error it throws is printed by its description and becomes exit code 1.
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
