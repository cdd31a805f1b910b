import ArgumentParser
import Foundation

/// A user-facing failure: the message goes to stderr as `error: ...` and the command exits 1,
/// without ArgumentParser's usage text or a stack trace. Shared by `isoflops` and `bench fit`.
///
/// The exit codes (docs/cli.md): 0 done; 1 the command could not do its work (a missing or bad
/// input file, a refusal by the budget or the service, a rehearsal over budget); 64 the command
/// line itself is wrong (ArgumentParser's usage errors and every `ValidationError`, with the
/// usage line). So a `ValidationError` is for flags and their values only; a problem found in a
/// file or by a service is a `CommandFailure.Message` (or any other error) and exits 1.
enum CommandFailure {
    /// A failure that is not the command line's fault: exits 1 with `error: ` and the text.
    struct Message: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Run `body`; any error it throws is printed by its description and becomes exit code 1.
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
