import Foundation
import Scaling
import Testing
@testable import SyntheticTrainer

/// cs336-live against docs/live-surface.md, as issue 3 pins it: its parametric surface (law and
/// effects). Since issue 13 the scenario also carries a discrepancy term fitted to the real
/// answers configuration by configuration (pinned in LiveDiscrepancy2025Tests); the envelope
/// and contrasts below are the parametric surface's, because `bestConfiguration` searches that
/// surface (the term is 0 at the 1e19 target, so the stated truth is the scenario's own).
@Suite("cs336-live reproduces the live service's surface")
struct LiveCalibrationTests {
    static let live = Result { () throws -> Scenario in
        var s = try Fixtures.scenario("cs336-live")
        s.surface = s.surface.parametric
        return s
    }

    /// The live lower envelope (best loss seen per budget).
    static let envelope: [(flops: Double, loss: Double)] = [
        (1e15, 6.74), (3e15, 6.11), (6e15, 5.76), (1e16, 5.45),
        (3e16, 4.79), (6e16, 4.34), (1e17, 4.11), (3e17, 3.75),
    ]

    /// What lr 1e-4 instead of 1e-3 cost on the live service.
    static let learningRateCost: [(flops: Double, cost: Double)] = [
        (1e14, 0.28), (3e14, 1.4), (6e14, 1.4), (1e15, 1.4), (3e15, 1.4), (6e15, 1.4), (1e16, 0.85), (1e17, 1.3),
    ]

    static func space(_ s: Scenario, batch: [Int]? = nil, lr: ClosedRange<Double>? = nil) -> SearchSpace {
        var space = SearchSpace(s.rules)
        if let batch { space.batchSizes = batch }
        if let lr { space.learningRate = lr }
        return space
    }

    @Test(arguments: envelope.indices)
    func bestLossPerBudgetIsWithin015OfTheLiveEnvelope(index: Int) throws {
        let s = try Self.live.get()
        let (flops, loss) = Self.envelope[index]
        let best = s.bestConfiguration(trainFlops: flops)
        #expect(abs(best.expectedLoss - loss) <= 0.15, "at \(flops): \(best.expectedLoss) vs live \(loss)")
    }

    @Test func nothingAt1e13IsBelow103() throws {
        let s = try Self.live.get()
        #expect(s.bestConfiguration(trainFlops: 1e13).expectedLoss >= 10.3)
    }

    @Test func learningRate1e3IsBestAtEveryBudget() throws {
        let s = try Self.live.get()
        for flops in s.rules.trainFlops {
            #expect(s.bestConfiguration(trainFlops: Double(flops)).configuration.learningRate == 1e-3, "at \(flops)")
        }
    }

    @Test(arguments: learningRateCost.indices)
    func learningRate1e4CostsTheLiveAmountWithinAFactorOfTwo(index: Int) throws {
        let s = try Self.live.get()
        let (flops, cost) = Self.learningRateCost[index]
        // Both ways of reading the live figure: the best run at 1e-4 against the best at 1e-3,
        // and the best 1e-3 configuration itself retrained at 1e-4.
        let best = s.bestConfiguration(trainFlops: flops, in: Self.space(s, lr: 1e-3...1e-3))
        let at4 = s.bestConfiguration(trainFlops: flops, in: Self.space(s, lr: 1e-4...1e-4)).expectedLoss
        #expect(at4 - best.expectedLoss >= cost / 2 && at4 - best.expectedLoss <= cost * 2,
                "best at 1e-4 vs best at 1e-3, at \(flops): \(at4 - best.expectedLoss) vs live \(cost)")
        var same = best.configuration
        same.learningRate = 1e-4
        let sameCost = s.expectedLoss(same, trainFlops: flops) - best.expectedLoss
        #expect(sameCost >= cost / 2 && sameCost <= cost * 2, "same configuration at \(flops): \(sameCost) vs live \(cost)")
    }

    @Test(arguments: [1e14, 3e14, 6e14, 1e15, 3e15, 6e15, 1e16])
    func batch128BeatsBatch256By02To08Nats(flops: Double) throws {
        let s = try Self.live.get()
        let b128 = s.bestConfiguration(trainFlops: flops, in: Self.space(s, batch: [128])).expectedLoss
        let b256 = s.bestConfiguration(trainFlops: flops, in: Self.space(s, batch: [256])).expectedLoss
        #expect(b256 - b128 >= 0.2 && b256 - b128 <= 0.8, "at \(flops): \(b256 - b128)")
    }

    @Test func headCountsMoveTheLossByAtMost003AtFixedWidthAndDepth() throws {
        let s = try Self.live.get()
        var worst = 0.0
        for flops in [1e13, 1e14, 1e15, 1e16, 1e17, 1e18] {
            for d in stride(from: 64, through: 1024, by: 32) {
                for l in [2, 4, 8, 12, 16, 24] {
                    let losses = (2...16).map { s.expectedLoss(Fixtures.configuration(d, l, $0), trainFlops: flops) }
                    worst = max(worst, losses.max()! - losses.min()!)
                }
            }
        }
        #expect(worst <= 0.03)
    }

    @Test func theStatedTruthAt1e19IsTheSurfacesAndWithinTheEvidence() throws {
        let s = try Self.live.get()
        let stated = try #require(s.statedTruth)
        let frontier = try s.surface.frontier(trainFlops: s.target.budget, in: s.target.space)
        #expect(abs(frontier.nonEmbeddingParameters / stated.nonEmbeddingParameters - 1) < 0.1)
        #expect(abs(frontier.loss - stated.loss) < 0.02)
        #expect(stated.loss >= 2.5 && stated.loss <= 2.7)
        #expect(stated.nonEmbeddingParameters >= 2e8 && stated.nonEmbeddingParameters <= 7e8)
        let best = s.bestConfiguration(trainFlops: s.target.budget, in: s.target.space)
        #expect(best.expectedLoss >= 2.5 && best.expectedLoss <= 2.7)
    }
}
