import Foundation
import Scaling
@testable import SyntheticTrainer
import Testing

/// The 2026 scorecard on hand-built cases: the truth trains the final run for its reservation,
/// a timeout or an OOM is a failed final, seconds charged and wasted follow the contract.
@Suite("Scorecard2026")
struct Scorecard2026Tests {
    let scenario = Scenario2026(name: "hand-built", description: "", seed: 5, truth: Truth2026())

    func config(width: Int = 512, layers: Int = 8, batch: Int = 64, tokens: Double = 2e8, maxRuntime: Double) -> TrainingConfig {
        ConfigBuilder2026.config(width: width, layers: layers, batch: batch, peakLR: 2e-3, tokens: tokens, maxRuntimeSeconds: maxRuntime)
    }

    func experiment(_ id: Int64, _ c: TrainingConfig, _ status: ExperimentStatus2026) -> ExperimentResponse2026 {
        ExperimentResponse2026(experimentID: id, trainingConfig: c, status: status)
    }

    @Test func aCompletedFinalIsScoredAgainstTheTruthsOwnRun() {
        let c = config(maxRuntime: 172_800)
        let plan = scenario.truth.plan(for: c, runKey: Scorecard2026.finalRunKey(seed: 1))
        let achieved = plan.valLosses.last!
        let choice = FinalRunChoice2026(config: c, predictedLoss: achieved + 0.01, interval95: (achieved - 0.05)...(achieved + 0.05))
        let card = Scorecard2026(scenario: scenario, bestLoss: 3.0, final: choice, experiments: [], wallSeconds: 100, seed: 1)
        #expect(card.finalOutcome == "completed" && !card.finalFailed)
        #expect(card.achievedLoss == achieved)
        #expect(abs(card.lossError - 0.01) < 1e-12)
        #expect(card.covered)
        #expect(card.regret == plan.expectedLosses.last! - 3.0)
    }

    @Test func aFinalThatTimesOutIsAFailedRunScoredAtItsLastLoss() {
        let c = config(tokens: 2e10, maxRuntime: 600)
        let plan = scenario.truth.plan(for: c, runKey: Scorecard2026.finalRunKey(seed: 1))
        let choice = FinalRunChoice2026(config: c, predictedLoss: 3.2, interval95: 3.0...4.0)
        let card = Scorecard2026(scenario: scenario, bestLoss: 3.0, final: choice, experiments: [], wallSeconds: 0, seed: 1)
        #expect(card.finalOutcome == "timeout" && card.finalFailed && !card.covered)
        let reached = plan.outcome(maxRuntimeSeconds: 600).reportedLosses.count
        #expect(card.expectedAchievedLoss == (reached > 0 ? plan.expectedLosses[reached - 1] : scenario.truth.ceiling.loss))
    }

    @Test func aFinalThatRunsOutOfMemoryIsAFailedRunAtTheCeiling() {
        let c = config(width: 2048, layers: 24, batch: 2048, tokens: 1e9, maxRuntime: 172_800)
        let choice = FinalRunChoice2026(config: c, predictedLoss: 3.0, interval95: 2.9...3.1)
        let card = Scorecard2026(scenario: scenario, bestLoss: 3.0, final: choice, experiments: [], wallSeconds: 0, seed: 1)
        #expect(card.finalOutcome == "out_of_memory" && card.finalFailed)
        #expect(card.achievedLoss == scenario.truth.ceiling.loss)
    }

    @Test func secondsChargedAndWastedFollowTheContract() {
        let base = config(maxRuntime: 100)
        var longer = base
        longer.maxRuntimeSeconds = 200
        let oom = config(width: 1024, layers: 16, batch: 1024, maxRuntime: 300)
        let stuck = config(width: 640, layers: 10, maxRuntime: 500)
        let experiments = [
            experiment(1, base, .completed(queuedAt: 0, dispatchedAt: 1, runID: "a", usedRuntimeSeconds: 40, valLosses: [4, 3.5], completedAt: 2)),
            // the same config but for max_runtime_seconds: charged again, wasted
            experiment(2, longer, .completed(queuedAt: 0, dispatchedAt: 1, runID: "b", usedRuntimeSeconds: 41, valLosses: [4, 3.5], completedAt: 2)),
            experiment(3, config(width: 768, layers: 12, maxRuntime: 60),
                       .failed(queuedAt: 0, dispatchedAt: 1, runID: "c", usedRuntimeSeconds: 75, reason: .timeout(partialValLosses: [5]), failedAt: 2)),
            experiment(4, oom, .failed(queuedAt: 0, dispatchedAt: 1, runID: "d", usedRuntimeSeconds: 10.1,
                                       reason: .unexpected(failure: "JaxRuntimeError: RESOURCE_EXHAUSTED: Out of memory"), failedAt: 2)),
            experiment(5, stuck, .running(queuedAt: 0, dispatchedAt: 1, runID: "e", valLosses: [])),
        ]
        let choice = FinalRunChoice2026(config: config(maxRuntime: 172_800), predictedLoss: 3, interval95: 2...4)
        let card = Scorecard2026(scenario: scenario, bestLoss: 3, final: choice, experiments: experiments, abandoned: [stuck],
                                 wallSeconds: 0, seed: 1)
        let charged: Double = 40 + 41 + 60 + 10.1 + 500
        let wasted: Double = 41 + 60 + 10.1 + 500
        #expect(abs(card.chargedSeconds - charged) < 1e-9)
        #expect(abs(card.wastedSeconds - wasted) < 1e-9)
        #expect(card.timeouts == 1 && card.outOfMemory == 1 && card.abandoned == 1 && card.runtimeRepeats == 1)
        #expect(!card.overBudget)
    }
}
