import Foundation
import Scaling

/// What a 2026 campaign's final choice is worth, asked of the truth
/// (docs/rehearsing-2026.md §4, Scoring).
///
/// - The final config is trained by the truth (`Truth2026.plan(for:runKey:)`) for its
///   reservation, capped at the target budget (172,800 s): `RunPlan.outcome` says whether it
///   completes, times out or runs out of memory. A timeout or an OOM is a failed final run:
///   `finalFailed`, and its loss is the last loss it reached (a timeout's last partial loss, or
///   the truth's ceiling when it reached none).
/// - `achievedLoss` is the final run's reported (noisy) last loss, a fresh validation draw;
///   `expectedAchievedLoss` its noise-free value. `lossError` = predicted − achieved, and
///   `covered` says whether the achieved loss lies in the predicted 95% interval.
/// - `regret` = expected achieved loss − the truth's best loss at the target
///   (`Truth2026.target`), both noise-free.
/// - The campaign's seconds: charged (the contract's accounting, §6, plus the reservations of
///   runs abandoned as stuck, which the service never releases) and wasted (timeouts, OOMs and
///   other failures, stuck runs, and repeats of a config that differ only in
///   `max_runtime_seconds`), timeouts and OOMs counted, and the virtual wall time.
///
/// ```swift
/// let card = Scorecard2026(scenario: s, bestLoss: try s.target().loss, final: choice, experiments: runs,
///                          abandonedSeconds: 0, wallSeconds: 36_000, seed: 1)
/// card.regret
/// ```
public struct Scorecard2026: Codable, Sendable, Equatable {
    public typealias FinalChoice = FinalRunChoice2026

    public var scenario: String
    public var seed: UInt64
    public var final: FinalChoice
    /// `completed`, `timeout` or `out_of_memory`.
    public var finalOutcome: String
    public var finalFailed: Bool
    /// Charged seconds of the final run (its used runtime).
    public var finalRuntimeSeconds: Double
    public var achievedLoss: Double
    public var expectedAchievedLoss: Double
    public var lossError: Double
    public var covered: Bool
    public var bestLoss: Double
    public var regret: Double
    public var budgetSeconds: Double
    public var chargedSeconds: Double
    public var wastedSeconds: Double
    public var experiments: Int
    public var timeouts: Int
    public var outOfMemory: Int
    public var otherFailures: Int
    public var abandoned: Int
    /// Configs that repeat an earlier one except for `max_runtime_seconds`.
    public var runtimeRepeats: Int
    public var wallSeconds: Double
    public var overBudget: Bool { chargedSeconds > budgetSeconds * (1 + 1e-12) }

    enum CodingKeys: String, CodingKey {
        case scenario, seed, final, finalOutcome = "final_outcome", finalFailed = "final_failed"
        case finalRuntimeSeconds = "final_runtime_seconds", achievedLoss = "achieved_loss"
        case expectedAchievedLoss = "expected_achieved_loss", lossError = "loss_error", covered
        case bestLoss = "best_loss", regret, budgetSeconds = "budget_seconds", chargedSeconds = "charged_seconds"
        case wastedSeconds = "wasted_seconds", experiments, timeouts, outOfMemory = "out_of_memory"
        case otherFailures = "other_failures", abandoned, runtimeRepeats = "runtime_repeats", wallSeconds = "wall_seconds"
    }

    /// The final run's `runKey`: a fresh draw per rehearsal seed, never one of the campaign's.
    public static func finalRunKey(seed: UInt64) -> UInt64 { SplitMix64.mix(seed ^ 0xF1A1_5EED) }

    /// - Parameters:
    ///   - experiments: every experiment of the campaign in its last known state.
    ///   - abandoned: the configs of runs given up as stuck (each charged its reservation).
    ///   - bestLoss: the truth's best expected loss at the target, `Truth2026.target(budgetSeconds:).loss`.
    public init(scenario: Scenario2026, bestLoss: Double, final: FinalChoice, experiments: [ExperimentResponse2026],
                abandoned: [TrainingConfig] = [], budgetSeconds: Double = CampaignRules2026.totalBudgetSeconds,
                wallSeconds: Double, seed: UInt64) {
        self.scenario = scenario.name
        self.seed = seed
        self.final = final
        let truth = scenario.truth
        let cap = min(final.config.maxRuntimeSeconds, scenario.targetBudgetSeconds)
        let plan = truth.plan(for: final.config, runKey: Self.finalRunKey(seed: seed))
        let outcome = plan.outcome(maxRuntimeSeconds: cap)
        finalOutcome = outcome.name
        finalRuntimeSeconds = outcome.usedRuntimeSeconds
        let reached = outcome.reportedLosses.count
        switch outcome {
        case .completed:
            finalFailed = false
        case .timeout, .outOfMemory:
            finalFailed = true
        }
        if reached > 0 {
            achievedLoss = plan.valLosses[reached - 1]
            expectedAchievedLoss = plan.expectedLosses[reached - 1]
        } else {
            achievedLoss = truth.ceiling.loss
            expectedAchievedLoss = truth.ceiling.loss
        }
        lossError = final.predictedLoss - achievedLoss
        covered = !finalFailed && (final.lower95...final.upper95).contains(achievedLoss)
        self.bestLoss = bestLoss
        regret = expectedAchievedLoss - bestLoss
        self.budgetSeconds = budgetSeconds

        var charged = 0.0, wasted = 0.0
        var timeouts = 0, ooms = 0, others = 0, repeats = 0
        var families = Set<String>()
        for e in experiments {
            let c = CampaignRules2026.chargedSeconds(e)
            charged += c
            var family = e.trainingConfig
            family.maxRuntimeSeconds = 1
            let repeated = !families.insert(family.uniqueID).inserted
            if repeated { repeats += 1 }
            switch ExperimentOutcome2026(e) {
            case .timeout: timeouts += 1; wasted += c
            case .outOfMemory: ooms += 1; wasted += c
            case .otherFailure: others += 1; wasted += c
            case .completed, .pending: if repeated { wasted += c }
            }
        }
        // A stuck run is listed in its last state (running): charged its reservation above.
        for config in abandoned where !experiments.contains(where: { $0.trainingConfig == config }) {
            charged += config.maxRuntimeSeconds
        }
        wasted += abandoned.reduce(0) { $0 + $1.maxRuntimeSeconds }
        chargedSeconds = charged
        wastedSeconds = wasted
        self.experiments = experiments.count
        self.timeouts = timeouts
        outOfMemory = ooms
        otherFailures = others
        self.abandoned = abandoned.count
        runtimeRepeats = repeats
        self.wallSeconds = wallSeconds
    }
}
