import Foundation
import MockAPIServer
import Scaling
import Testing

/// Issue 15, defect 2: an absurd answer or a damaged journal must never trap the client.
@Suite struct DamagedJournalTests {
    static let config = Configuration(dModel: 64, numLayers: 2, numHeads: 2, batchSize: 128, learningRate: 1e-3)

    static func line(trainFlops: Int64, total: Int64, dModel: Int = 64) -> String {
        "{\"d_model\": \(dModel), \"num_layers\": 2, \"num_heads\": 2, \"batch_size\": 128, \"learning_rate\": 0.001, \"train_flops\": \(trainFlops), \"loss\": 5.0, \"total_flops_used\": \(total), \"source\": \"loss\"}\n"
    }

    @Test func aJournalledTotalOfInt64MaxRefusesNewQueriesWithoutTrapping() async throws {
        let path = Fixtures.temporaryPath("journal.jsonl")
        try Self.line(trainFlops: 10_000_000_000_000_000, total: .max).write(toFile: path, atomically: true, encoding: .utf8)
        let api = try Fixtures.api()
        let client = try TrainingAPIClient(transport: InProcessTransport(service: api), endpoint: "in-process",
                                           apiKey: Fixtures.key("alice"), rules: .live, journal: RunJournal(path: path))
        #expect(await client.spent == .max)
        let fresh = Query(configuration: Self.config, trainFlops: 30_000_000_000_000_000)
        await #expect(throws: BudgetExceeded.self) { try await client.loss(fresh) }
        // A campaign on it ends with refusals (nothing asked), not a trap or an error.
        let outcome = try await Campaign(strategy: AdaptiveStrategy(), rules: .live).resume(with: client)
        #expect(api.ledger.spent("alice") == 0)
        #expect(!outcome.refused.isEmpty)
    }

    @Test func twoRunsOfInt64MaxFLOPsSumWithoutTrapping() throws {
        let path = Fixtures.temporaryPath("journal.jsonl")
        try (Self.line(trainFlops: .max, total: .max) + Self.line(trainFlops: .max, total: .max, dModel: 128))
            .write(toFile: path, atomically: true, encoding: .utf8)
        let entries = try RunJournal(path: path).load()
        #expect(entries.map(\.run).distinctFlops == .max)
    }

    @Test(arguments: [
        (Int64(-1), Int64(0), "train_flops is -1"),
        (Int64(0), Int64(0), "train_flops is 0"),
        (Int64(10_000_000_000_000), Int64(-5), "total_flops_used is -5"),
    ])
    func impossibleJournalValuesAreRefusedByLine(_ flops: Int64, _ total: Int64, _ fragment: String) throws {
        let path = Fixtures.temporaryPath("journal.jsonl")
        try (Self.line(trainFlops: 10_000_000_000_000, total: 10_000_000_000_000, dModel: 128) + Self.line(trainFlops: flops, total: total))
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try RunJournal(path: path).load()
        } throws: { error in
            "\(error)".contains("line 2: \(fragment)")
        }
    }

    @Test func anAnswerWithANegativeTotalIsMalformedNotJournalled() async throws {
        let path = Fixtures.temporaryPath("journal.jsonl")
        let transport = CannedTransport(status: 200, body: "{\"loss\": 4.5, \"total_flops_used\": -7}")
        let client = try TrainingAPIClient(transport: transport, endpoint: "canned", apiKey: Fixtures.key("alice"),
                                           rules: .live, journal: RunJournal(path: path), retry: RetryPolicy(maxAttempts: 1))
        await #expect(throws: APIError.self) {
            try await client.loss(Query(configuration: Self.config, trainFlops: 10_000_000_000_000))
        }
        #expect(try RunJournal(path: path).load().isEmpty)
    }
}

/// Answers every request with the same status and body.
struct CannedTransport: Transport {
    var status: Int
    var body: String
    func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse {
        TransportResponse(status: status, body: Data(body.utf8))
    }
}
