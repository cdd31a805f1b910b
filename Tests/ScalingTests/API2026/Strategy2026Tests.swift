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
    /// The rate law is trusted only within the probed rates widened 3x: probes whose vertices
    /// climb steeply give a law that runs off at large widths, where the rate is bounded and
    /// the strategy's notes say so; inside, the law's rate is used and nothing is noted.
    @Test func theRateLawIsBoundedToItsEvidenceAndSaysSo() {
        func run(_ id: Int64, width: Int, lr: Double, loss: Double) -> ExperimentResponse2026 {
            let c = ConfigBuilder2026.config(width: width, layers: SecondsPlanning2026.layers(width), batch: 64, peakLR: lr,
                                             tokens: 8e6, maxRuntimeSeconds: 300)
            return ExperimentResponse2026(experimentID: id, trainingConfig: c,
                                          status: .completed(queuedAt: 0, dispatchedAt: 0, runID: "r\(id)", usedRuntimeSeconds: 100,
                                                             valLosses: [loss], completedAt: 0))
        }
        // vertices at 1e-3 (width 384) and 9e-3 (width 768): a slope near 1.6 in ln N
        let small = [run(1, width: 384, lr: 1e-3, loss: 3.0), run(2, width: 384, lr: 3e-3, loss: 3.2), run(3, width: 384, lr: 9e-3, loss: 3.6)]
        let large = [run(4, width: 768, lr: 1e-3, loss: 3.6), run(5, width: 768, lr: 3e-3, loss: 3.2), run(6, width: 768, lr: 9e-3, loss: 3.0)]
        let law = LearningRateLaw2026(probes: [small, large], fallback: 3e-3)
        #expect(abs(law.trusted.lowerBound / (1e-3 / 3) - 1) < 1e-12 && abs(law.trusted.upperBound / (9e-3 * 3) - 1) < 1e-12)
        #expect(law.lawRate(width: 4096) > law.trusted.upperBound)
        #expect(law.rate(width: 4096) == law.trusted.upperBound)
        let note = law.note(width: 4096)
        #expect(note?.contains("outside the rates the probes support") == true, "\(note ?? "nil")")
        #expect(law.note(width: 512) == nil)
        #expect(law.rate(width: 512) == law.lawRate(width: 512))
    }
}
