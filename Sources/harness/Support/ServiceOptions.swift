import ArgumentParser
import Foundation
import Scaling

/// The flags every command that talks to the training API shares (`query`, `sync`, and later
/// `run`): where the service is, the key, the journal, and the offline switch.
struct ServiceOptions: ParsableArguments {
    static let defaultURL = "http://127.0.0.1:8000"
    static let defaultJournal = "runs/journal.jsonl"

    @Option(help: ArgumentHelp("Base URL of the training API. The default is a local 'harness serve'; the live service is http://hyperturing.stanford.edu:8000 (contacted only if you pass it).", valueName: "url"))
    var apiURL: String?

    @Option(help: ArgumentHelp("File holding the API key (one line; a trailing newline is fine, any other whitespace is refused). Default: the environment variable \(APIKey.environmentVariable).", valueName: "file"))
    var apiKeyFile: String?

    @Option(help: ArgumentHelp("Run journal (JSON Lines): answers are recorded here before use and never asked twice. Keep one journal per key and service.", valueName: "file"))
    var journal: String = ServiceOptions.defaultJournal

    @Flag(help: "Answer only from the journal; never touch the network.")
    var useCachedOnly = false

    @Option(help: ArgumentHelp("Keep retrying transient failures (connection lost, timeout, 5xx, an answer cut short) for this many seconds in all, with growing waits and a countdown on stderr; 0 never retries.", valueName: "seconds"))
    var retryFor: Double = 300

    func validate() throws {
        _ = try baseURL()
        guard retryFor.isFinite, (0...86_400).contains(retryFor) else {
            throw ValidationError("--retry-for must be a number of seconds in 0...86400, got \(retryFor)")
        }
    }

    func baseURL() throws -> URL {
        let apiURL = self.apiURL ?? Self.defaultURL
        guard let url = URL(string: apiURL), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else {
            throw ValidationError("--api-url '\(apiURL)' is not an http(s) URL with a host; e.g. \(Self.defaultURL)")
        }
        return url
    }

    /// The rules of the service these flags reach: the live 2025 service's (`APIRules.live`),
    /// which a local `harness serve` with a shipped scenario serves too.
    var rules: APIRules { .live }

    /// The client these flags describe. With `--use-cached-only` a key is not needed.
    func makeClient() throws -> TrainingAPIClient {
        let key: APIKey
        do {
            key = try APIKey.load(file: apiKeyFile)
        } catch where useCachedOnly {
            key = try APIKey("offline-no-key-needed", source: "--use-cached-only")
        }
        return try TrainingAPIClient(baseURL: try baseURL(), apiKey: key, rules: rules, journal: RunJournal(path: journal),
                                     cachedOnly: useCachedOnly, retry: .lasting(seconds: retryFor), log: { line in
            FileHandle.standardError.write(Data(("retrying: " + line + "\n").utf8))
        })
    }
}
