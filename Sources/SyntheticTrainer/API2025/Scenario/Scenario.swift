import Foundation
import Scaling

/// A ground truth to rehearse against: a loss surface, the noise on what the API answers, the
/// API's rules and the target. Loaded from a YAML file in `scenarios/` (`Scenario.load(from:)`).
///
/// ```swift
/// let s = try Scenario.load(from: URL(fileURLWithPath: "scenarios/chinchilla-2022.yaml"))
/// let q = Query(configuration: c, trainFlops: 1_000_000_000_000_000)
/// s.observedLoss(q)                         // what the mock API answers, bit-identical every time
/// s.expectedLoss(c, trainFlops: 1e19)       // what c really achieves at the target
/// s.bestConfiguration(trainFlops: 1e17, in: SearchSpace(s.rules))
/// ```
public struct Scenario: LossOracle, Hashable, Sendable {
    public var name: String
    /// One line: what the scenario tests.
    public var summary: String
    public var rules: APIRules
    public var surface: LossSurface
    public var noise: ObservationNoise
    public var target: Target
    /// The author's statement of the truth at the target, if the file makes one.
    public var statedTruth: StatedTruth?
    /// Real answers the API replays instead of the truth's (none unless `--replay`).
    public var recorded: RecordedAnswers = .none

    /// The budget to predict for and the space of final runs a prediction may name.
    public struct Target: Hashable, Codable, Sendable {
        /// FLOPs of the final run (1e19 unless the file says otherwise).
        public var budget: Double
        /// The final-run space (batch size 128 or 256 in the assignment).
        public var space: SearchSpace
        public init(budget: Double = 1e19, space: SearchSpace) {
            self.budget = budget; self.space = space
        }
    }

    public init(name: String, summary: String, rules: APIRules, surface: LossSurface,
                noise: ObservationNoise, target: Target, statedTruth: StatedTruth? = nil) {
        self.name = name; self.summary = summary; self.rules = rules; self.surface = surface
        self.noise = noise; self.target = target; self.statedTruth = statedTruth
    }

    /// The noise-free loss of a query: what the truth says the run achieves.
    public func expectedLoss(_ query: Query) -> Double {
        surface.loss(query.configuration, trainFlops: Double(query.trainFlops))
    }

    /// The noise-free loss of `configuration` at any FLOPs (e.g. the 1e19 target), inside the
    /// API's ranges or not.
    public func expectedLoss(_ configuration: Configuration, trainFlops: Double) -> Double {
        surface.loss(configuration, trainFlops: trainFlops)
    }

    /// What the API answers: the recorded loss when the query was replayed from a file
    /// (`recorded`), else the expected loss (of the query's cell, under tree quantisation) plus
    /// noise that is a pure function of (noise seed, query).
    public func observedLoss(_ query: Query) -> Double {
        if let loss = recorded.loss(query) { return loss }
        return noise.observe(query, on: surface)
    }

    /// The same scenario with another noise seed: only the noise changes.
    public func withNoiseSeed(_ seed: UInt64) -> Scenario {
        var copy = self
        copy.noise.seed = seed
        return copy
    }

    /// The best configuration of `space` (the API's when omitted) at `trainFlops`, by exact
    /// search (see `LossSurface.bestConfiguration`).
    public func bestConfiguration(trainFlops: Double, in space: SearchSpace? = nil) -> BestConfiguration {
        surface.bestConfiguration(trainFlops: trainFlops, in: space ?? SearchSpace(rules))
    }
}
