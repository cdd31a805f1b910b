import ArgumentParser

/// A seed (or run key) on the command line: a whole number in 0...18446744073709551615. Read
/// through `transform:` so a bad value says why (`--seed -1`, `--seed 1.5`), which a plain
/// `UInt64` option cannot; the default goes into the help text by hand, since ArgumentParser shows
/// no default for a transformed option.
///
/// ```swift
/// @Option(help: "Seed of the choices. (default: 1)", transform: SeedArgument.parse) var seed: UInt64 = 1
/// ```
enum SeedArgument {
    @Sendable static func parse(_ text: String) throws -> UInt64 {
        if let value = UInt64(text) { return value }
        let problem = text.hasPrefix("-") ? "a seed cannot be negative" : "not a whole number"
        throw ValidationError("\(problem); a seed is a whole number in 0...\(UInt64.max), e.g. 0 or 42")
    }
}
