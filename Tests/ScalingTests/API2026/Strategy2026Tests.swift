import Foundation
@testable import Scaling
import Testing

/// The 2026 strategies' plans obey the contract: every run they open with passes the schema's
/// checks, reserves at least what the runtime model expects, fits the memory prior, and a
/// design is priced without breaking a rule.
@Suite("Strategy2026")
struct Strategy2026Tests {
    @Test(arguments: StrategyCatalog2026.names)
    func theOpeningRunsKeepEveryRule(name: String) throws {
        let strategy = try StrategyCatalog2026.named(name)
        let rules = CampaignRules2026()
        let configs = try strategy.nextConfigs(CampaignView2026())
        #expect(!configs.isEmpty)
        for c in configs {
            #expect(rules.violation(of: c) == nil, "\(c.uniqueID): \(rules.violation(of: c)?.message ?? "")")
            #expect(c.maxRuntimeSeconds <= rules.budgetSeconds)
        }
        #expect(Set(configs.map(\.uniqueID)).count == configs.count, "no config twice")
        let report = try PlanReport2026(strategy: strategy)
        #expect(report.lines.count == configs.count)
        #expect(report.expectedChargeSeconds <= rules.budgetSeconds)
    }

    @Test func reservationsComeFromTheRuntimeUpperBound() {
        let planning = SecondsPlanning2026()
        guard let c = planning.run(width: 512, batch: 64, peakLR: 3e-3, seconds: 600) else { Issue.record("no run"); return }
        let e = planning.runtime.estimate(c)
        #expect(c.maxRuntimeSeconds >= e.upper95Seconds * planning.margin)
        #expect(abs(e.expectedSeconds - 600) / 600 < 0.05, "sized to the time asked: \(e.expectedSeconds)")
        #expect(CampaignRules2026().violation(of: c) == nil)
    }

    @Test func memoryIsCheckedBeforeSubmitting() {
        let planning = SecondsPlanning2026()
        let huge = ConfigBuilder2026.config(width: 2048, layers: 32, batch: 4096, peakLR: 1e-3, tokens: 1e9, maxRuntimeSeconds: 100)
        guard let fitted = planning.fitMemory(huge) else { Issue.record("no batch fits"); return }
        #expect(fitted.trainBatchSize < 4096)
        guard case .fits = planning.memory.check(fitted) else { Issue.record("still does not fit"); return }
    }

    @Test func aStaticDesignNeverAsksTwiceAndTheEngineKeepsTheBudget() async throws {
        // The engine refuses what would pass the cap: a 10-run design of 5,000 s reservations
        // against a service that answers at once with the whole reservation used.
        struct Instant: TrainingService {
            func submit(_ c: TrainingConfig) async throws -> ExperimentState<ExperimentResponse2026> {
                .finished(ExperimentResponse2026(experimentID: 1, trainingConfig: c,
                                                 status: .completed(queuedAt: 0, dispatchedAt: 0, runID: "x", usedRuntimeSeconds: c.maxRuntimeSeconds, valLosses: [3], completedAt: 0)))
            }
            func poll(_ t: ExperimentTicket) async throws -> ExperimentState<ExperimentResponse2026> { throw CancellationError() }
        }
        let naive = NaiveStrategy2026(maxInFlight: 2, reservationSeconds: 5000)
        let engine = CampaignEngine(rules: CampaignRules2026(), planner: StrategyPlanner2026(naive), maxInFlight: 2, clock: VirtualClock())
        let outcome = try await engine.run(against: Instant())
        #expect(outcome.progress.finished.count == 8)
        #expect(outcome.progress.budget.committed.value <= 43_200)
        #expect(outcome.progress.refused.count == 7)
    }
}
