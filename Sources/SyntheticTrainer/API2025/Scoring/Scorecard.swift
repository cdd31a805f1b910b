import Foundation
import Scaling

/// How good a prediction really is, asked of the truth.
///
/// - `lnNError` = ln(N_pred / N*): the predicted compute-optimal non-embedding size against the
///   truth's continuous frontier at the target (in the same 12 L d^2 convention, whatever N the
///   truth's law counts).
/// - `lossError` = predicted loss − the expected loss the chosen configuration really reaches at
///   the target (what the assignment grades: does the model do what you said it would).
/// - `regret` = that loss − the best expected loss of any configuration of the final-run space.
/// - the budget used, and whether every rule was kept: no run past the budget, every run a
///   query the API accepts, and a final configuration inside the final-run space.
public struct Scorecard: Encodable, Sendable, Equatable {
    public var scenario: String
    public var target: Double
    public var predictedN: Double
    public var trueN: Double
    public var lnNError: Double
    public var predictedLoss: Double
    /// The expected loss of the predicted configuration at the target.
    public var achievedLoss: Double
    public var lossError: Double
    public var bestLoss: Double
    public var bestConfiguration: Configuration
    public var regret: Double
    public var budget: Int64
    public var spent: Int64
    public var rulesKept: Bool
    /// Each broken rule (JSON and reports show each as one sentence).
    public var violations: [Violation]

    /// A rule a rehearsal broke.
    public enum Violation: Sendable, Equatable, Encodable, CustomStringConvertible {
        /// The campaign spent more than the budget.
        case overBudget(spent: Int64, budget: Int64)
        /// A run the API would have refused.
        case refusedRun(Run, RuleViolation)
        /// The final configuration lies outside the final-run space.
        case outsideFinalRunSpace(Configuration)

        public var description: String {
            switch self {
            case .overBudget(let spent, let budget):
                "spent \(NumberFormat.sci(Double(spent), digits: 3)) FLOPs, over the budget of \(NumberFormat.sci(Double(budget), digits: 3))"
            case .refusedRun(let r, let v): "run \(r.configuration) at \(r.trainFlops): \(v.message)"
            case .outsideFinalRunSpace(let c): "the final configuration \(c) is outside the final-run space"
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(description)
        }
    }

    public init(scenario: Scenario, truth: TruthReport, prediction: Prediction, runs: [Run]) {
        let c = prediction.configuration
        let achieved = scenario.expectedLoss(c, trainFlops: truth.target)
        let spent = runs.distinctFlops
        var violations: [Violation] = []
        if spent > scenario.rules.budget { violations.append(.overBudget(spent: spent, budget: scenario.rules.budget)) }
        for r in runs {
            for v in scenario.rules.violations(of: r.query) { violations.append(.refusedRun(r, v)) }
        }
        if !scenario.target.space.contains(c) {
            violations.append(.outsideFinalRunSpace(c))
        }
        self.scenario = scenario.name
        target = truth.target
        predictedN = prediction.nOpt.estimate
        trueN = truth.frontier.nonEmbeddingParameters
        lnNError = log(predictedN / trueN)
        predictedLoss = prediction.loss.estimate
        achievedLoss = achieved
        lossError = predictedLoss - achieved
        bestLoss = truth.bestConfiguration.expectedLoss
        bestConfiguration = truth.bestConfiguration.configuration
        regret = achieved - bestLoss
        budget = scenario.rules.budget
        self.spent = spent
        rulesKept = violations.isEmpty
        self.violations = violations
    }
}
