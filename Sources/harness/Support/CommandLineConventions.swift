import ArgumentParser

/// What `harness` does to the command line before ArgumentParser sees it, so that the same
/// conventions hold for every command (docs/cli.md):
///
/// - a negative number after an option is that option's value (`--seed -1`, `--bootstrap -5`),
///   so the option's own check names it, instead of ArgumentParser's "Missing value" (it reads
///   `-1` as a short flag);
/// - a misspelt subcommand gets "did you mean" (`harness isoflop` -> isoflops).
///
/// ```swift
/// CommandLineConventions.joiningNegativeValues(["--seed", "-1", "--json"])   // ["--seed=-1", "--json"]
/// CommandLineConventions.misspeltSubcommand(["isoflop"], root: Harness.self)
/// // "unknown command 'isoflop'; did you mean 'isoflops'? (all commands: harness --help)"
/// ```
enum CommandLineConventions {
    /// `--name -5` becomes `--name=-5` when the value looks like a negative number (`-1`, `-5`,
    /// `-1e3`, `-.5`); everything else, and anything after `--`, is left as it is.
    static func joiningNegativeValues(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" { return out + arguments[i...] }
            if argument.hasPrefix("--"), !argument.contains("="), i + 1 < arguments.count,
               looksNegative(arguments[i + 1]) {
                out.append(argument + "=" + arguments[i + 1])
                i += 2
            } else {
                out.append(argument)
                i += 1
            }
        }
        return out
    }

    /// `-1`, `-0.5`, `-.5`, `-1e3`, `-inf`, `-nan`: a minus sign and then something a number parser reads.
    static func looksNegative(_ text: String) -> Bool {
        guard text.hasPrefix("-"), text.count > 1 else { return false }
        let rest = text.dropFirst()
        return Double(rest) != nil && !rest.hasPrefix("-") && !rest.hasPrefix("+")
    }

    /// The message for a word where a subcommand is expected that is not one but is close to one
    /// (a prefix of it, or at most two edits away); nil when the command line has no such word.
    static func misspeltSubcommand(_ arguments: [String], root: any ParsableCommand.Type) -> String? {
        var subcommands: [any ParsableCommand.Type] = root.configuration.subcommands
        var path = [root._commandName]
        for argument in arguments {
            if argument.hasPrefix("-") || subcommands.isEmpty { return nil }
            var names: [String] = []
            var next: (any ParsableCommand.Type)?
            for subcommand in subcommands {
                let name = subcommand._commandName
                names.append(name)
                if name == argument || subcommand.configuration.aliases.contains(argument) { next = subcommand }
            }
            if let next {
                subcommands = next.configuration.subcommands
                path.append(argument)
                continue
            }
            if argument == "help" { return nil }
            let close = names.filter { name in
                (argument.count >= 3 && name.hasPrefix(argument)) || editDistance(argument, name) <= min(2, max(1, name.count / 3))
            }
            guard !close.isEmpty else { return nil }
            let prefix = path.joined(separator: " ")
            let list = close.map { "'\($0)'" }.joined(separator: " or ")
            return "unknown command '\(argument)'; did you mean \(list)? (all commands: \(prefix) --help)"
        }
        return nil
    }

    /// Levenshtein distance: insertions, deletions and substitutions of one character.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
