import Foundation
import MockAPIServer
import Scaling
import Testing

/// Issue 15, defect 1: a key that already spent outside the journal (a notebook) must give a
/// campaign that spends what is left, records the rest as refusals and ends normally.
@Suite struct OutsideSpendingTests {
    /// Spends 1.95e18 of the key's 2e18 directly on the ledger, as a notebook would.
    static func notebookSpending(_ api: TrainingAPI, key: String) throws {
        let flops: [Int64] = [1_000_000_000_000_000_000, 600_000_000_000_000_000, 300_000_000_000_000_000,
                              30_000_000_000_000_000, 10_000_000_000_000_000, 6_000_000_000_000_000,
                              3_000_000_000_000_000, 1_000_000_000_000_000]
        for (i, f) in flops.enumerated() {
            let q = Query(configuration: Configuration(dModel: 1024, numLayers: 2 + i, numHeads: 16, batchSize: 128, learningRate: 1e-3), trainFlops: f)
            _ = try api.ledger.answer(key: key, query: q, loss: api.oracle.observedLoss)
        }
    }

    @Test func aCampaignOnAKeyWithNotebookSpendingEndsWithRefusalsNotAnError() async throws {
        let api = try Fixtures.api()
        try Self.notebookSpending(api, key: "notebook")
        #expect(api.ledger.spent("notebook") == 1_950_000_000_000_000_000)
        let journal = Fixtures.temporaryPath("journal.jsonl")
        let client = try TrainingAPIClient(transport: InProcessTransport(service: api), endpoint: "in-process",
                                           apiKey: Fixtures.key("notebook"), rules: .live, journal: RunJournal(path: journal))
        let campaign = Campaign(strategy: AdaptiveStrategy(), rules: .live)
        let outcome = try await campaign.resume(with: client)
        #expect(api.ledger.spent("notebook") <= APIRules.live.budget)
        #expect(!outcome.runs.isEmpty)
        #expect(outcome.refused.contains { if case .budget = $0.reason { true } else { false } })

        // A rerun on the same journal asks nothing again and ends the same way.
        let again = try TrainingAPIClient(transport: InProcessTransport(service: api), endpoint: "in-process",
                                          apiKey: Fixtures.key("notebook"), rules: .live, journal: RunJournal(path: journal))
        let spentBefore = api.ledger.spent("notebook")
        let second = try await campaign.resume(with: again)
        #expect(api.ledger.spent("notebook") == spentBefore)
        #expect(second.runs.count == outcome.runs.count)
    }

    @Test func theServicesBudgetRefusalIsARefusalOfTheCampaign() async throws {
        // The client does not know of the notebook's spending (no total asked first): the
        // service's 403 must become a budget refusal, not an error that ends the campaign.
        let api = try Fixtures.api()
        try Self.notebookSpending(api, key: "notebook")
        let client = try TrainingAPIClient(transport: InProcessTransport(service: api), endpoint: "in-process",
                                           apiKey: Fixtures.key("notebook"), rules: .live)
        let outcome = try await Campaign(strategy: AdaptiveStrategy(), rules: .live).run(against: client)
        #expect(api.ledger.spent("notebook") <= APIRules.live.budget)
        #expect(outcome.refused.contains { if case .budget = $0.reason { true } else { false } })
    }
}
