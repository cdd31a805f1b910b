import Foundation
import Scaling
import Testing

@Suite struct ClientPieceTests {
    /// Issue 15 #11: a 10-character key once showed 6 of its characters masked.
    @Test func aMaskedKeyShowsAtMostAQuarterOfItsCharacters() {
        #expect(Fixtures.key("0123456789").masked == "01…")
        for n in 1...64 {
            let key = Fixtures.key(String((0..<n).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) }))
            let masked = key.masked
            let shown = masked.hasPrefix("…(") ? 0 : masked.count - 1
            #expect(shown * 4 <= n, "\(n) characters: \(masked)")
            if n >= 4 { #expect(!masked.contains(key.value)) } // "…(1 characters)" holds an "a"
        }
    }

    @Test func keyFileStripsTrailingNewlinesAndRefusesInnerWhitespace() throws {
        let path = Fixtures.temporaryPath("key.txt")
        try "abcdef123456\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try APIKey.load(file: path).value == "abcdef123456")
        #expect(try APIKey.load(file: path).description == "ab…6")
        try "ssh-ed25519 AAAAC3Nz me@host\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try APIKey.load(file: path)
        } throws: { error in
            "\(error)".contains("a space at character 12") && "\(error)".contains("--api-key-file \(path)")
        }
        #expect(try APIKey.load(file: nil, environment: ["CS336_API_KEY": "k-from-env-123"]).value == "k-from-env-123")
        #expect(throws: APIKeyError.self) { try APIKey.load(file: nil, environment: [:]) }
    }

    @Test func retryWaitsAreBoundedAndSeeded() {
        let policy = RetryPolicy(maxAttempts: 8, baseDelay: 0.1, maxDelay: 1, jitter: 0.5, seed: 42)
        let waits = policy.delays()
        #expect(waits == policy.delays())
        #expect(waits.count == 7)
        for (k, w) in waits.enumerated() {
            let bound = min(1, 0.1 * Double(1 << k))
            #expect(w <= bound && w >= bound / 2)
        }
        #expect(RetryPolicy(seed: 1).delays() != RetryPolicy(seed: 2).delays())
    }

    @Test func journalIgnoresAndRepairsATornLastLine() throws {
        let path = Fixtures.temporaryPath("journal.jsonl")
        let journal = RunJournal(path: path)
        let run = Run(configuration: Configuration(dModel: 64, numLayers: 2, numHeads: 2, batchSize: 128, learningRate: 1e-3), trainFlops: 10_000_000_000_000, loss: 5.25)
        try journal.append(RunJournal.Entry(run: run, totalFlopsUsed: 10_000_000_000_000, source: .loss))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"d_model\": 12".utf8))
        try handle.close()
        #expect(try journal.load().map(\.run) == [run])
        try journal.append(RunJournal.Entry(run: run, totalFlopsUsed: 10_000_000_000_000, source: .sync))
        #expect(try journal.load().count == 2)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == """
            {"d_model": 64, "num_layers": 2, "num_heads": 2, "batch_size": 128, "learning_rate": 0.001, "train_flops": 10000000000000, "loss": 5.25, "total_flops_used": 10000000000000, "source": "loss"}
            {"d_model": 64, "num_layers": 2, "num_heads": 2, "batch_size": 128, "learning_rate": 0.001, "train_flops": 10000000000000, "loss": 5.25, "total_flops_used": 10000000000000, "source": "sync"}

            """)
    }

    @Test func ruleViolationsAreRefusedLocally() async throws {
        let client = try TrainingAPIClient(transport: FailingTransport(), endpoint: "nowhere", apiKey: Fixtures.key("alice"), rules: .live)
        let bad = Query(configuration: Configuration(dModel: 9999, numLayers: 2, numHeads: 2, batchSize: 128, learningRate: 1e-3), trainFlops: 10_000_000_000_000)
        await #expect(throws: RuleViolation(parameter: "d_model", message: "d_model must be in range [64, 1024], got 9999")) {
            try await client.loss(bad)
        }
    }
}
