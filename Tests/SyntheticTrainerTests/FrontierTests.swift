import Foundation
import Scaling
import Testing
@testable import SyntheticTrainer

@Suite("The truth at the target: frontier and best configuration")
struct FrontierTests {
    static let wide = SearchSpace(dModel: 64...4096, numLayers: 2...64, numHeads: 2...64,
                                  batchSizes: [128, 256], learningRate: 1e-5...1e-2)

    @Test(arguments: [1e17, 1e19, 1e21])
    func closedFormAndNumericSearchAgreeOnAPureChinchillaLaw(flops: Double) throws {
        let surface = Fixtures.pureLaw
        #expect(surface.isPureLaw)
        let closed = try #require(surface.closedFormFrontier(trainFlops: flops))
        let numeric = try surface.frontier(trainFlops: flops, in: Self.wide)
        #expect(abs(numeric.nonEmbeddingParameters / closed.nonEmbeddingParameters - 1) < 1e-6)
        #expect(abs(numeric.tokens / closed.tokens - 1) < 1e-6)
        #expect(abs(numeric.loss - closed.loss) < 1e-12)
        #expect(abs(6 * numeric.nonEmbeddingParameters * numeric.tokens / flops - 1) < 1e-12)
    }

    @Test func closedFormMatchesHoffmannsPublishedFrontierExponent() {
        // a = beta / (alpha + beta) = 0.28 / 0.62.
        let law = Fixtures.pureLaw.law
        let n1 = law.frontier(trainFlops: 1e19).parameters, n2 = law.frontier(trainFlops: 1e21).parameters
        #expect(abs(Foundation.log(n2 / n1) / Foundation.log(100) - 0.28 / 0.62) < 1e-12)
    }

    @Test func theFastSearchFindsTheExhaustiveOptimum() throws {
        // Brute force over every configuration of a small space (lr on a fine grid) must not
        // beat the separable search.
        let s = try Fixtures.scenario("lr-sensitive")
        let space = SearchSpace(dModel: 64...160, numLayers: 2...6, numHeads: 2...8, batchSizes: [128, 256],
                                learningRate: 1e-4...1e-3)
        for flops in [1e15, 1e16] {
            let fast = s.bestConfiguration(trainFlops: flops, in: space)
            #expect(space.contains(fast.configuration))
            var brute = Double.infinity
            for b in space.batchSizes { for l in space.numLayers { for d in space.dModel { for h in space.numHeads {
                for k in 0...40 {
                    let lr = 1e-4 * Foundation.pow(10, Double(k) / 40)
                    brute = min(brute, s.expectedLoss(Fixtures.configuration(d, l, h, batch: b, lr: lr), trainFlops: flops))
                }
            } } } }
            #expect(fast.expectedLoss <= brute + 1e-12)
            #expect(fast.expectedLoss == s.expectedLoss(fast.configuration, trainFlops: flops))
        }
    }

    @Test func lrSensitiveHasItsBestRateInsideTheRangeShrinkingWithSize() throws {
        let s = try Fixtures.scenario("lr-sensitive")
        let api = SearchSpace(s.rules)
        let small = s.bestConfiguration(trainFlops: 1e16, in: api).configuration
        let large = s.bestConfiguration(trainFlops: 1e18, in: api).configuration
        #expect(small.learningRate > large.learningRate)
        #expect(large.learningRate > 1e-4 && large.learningRate < 1e-3)
        let wrong = Configuration(dModel: large.dModel, numLayers: large.numLayers, numHeads: large.numHeads,
                                  batchSize: large.batchSize, learningRate: 1e-3)
        #expect(s.expectedLoss(wrong, trainFlops: 1e18) - s.expectedLoss(large, trainFlops: 1e18) > 0.3)
    }

    @Test func embeddingsMakeTheNonEmbeddingProxyMisleading() throws {
        let e = try Fixtures.scenario("embeddings")
        let c = try Fixtures.scenario("chinchilla-2022")
        #expect(e.surface.closedFormFrontier(trainFlops: 1e19) == nil)
        let fe = try e.surface.frontier(trainFlops: 1e19, in: e.target.space)
        let fc = try c.surface.frontier(trainFlops: 1e19, in: c.target.space)
        // Same law; counting embeddings shifts the non-embedding optimum by more than 30%.
        #expect(abs(fe.nonEmbeddingParameters / fc.nonEmbeddingParameters - 1) > 0.3)
    }

    @Test func kaplanFrontierGrowsLikeCToThe07() throws {
        let s = try Fixtures.scenario("kaplan-2020")
        let a = try s.surface.frontier(trainFlops: 1e19, in: s.target.space)
        let b = try s.surface.frontier(trainFlops: 1e21, in: s.target.space)
        let exponent = Foundation.log(b.nonEmbeddingParameters / a.nonEmbeddingParameters) / Foundation.log(100)
        #expect(exponent > 0.62 && exponent < 0.75)
    }

    @Test func theBestFinalRunIsNoBetterThanTheContinuousFrontierAllows() throws {
        for name in ScenarioLoadingTests.shipped where name != "embeddings" {
            let r = try Fixtures.scenario(name).truthReport()
            #expect(r.bestConfiguration.expectedLoss >= r.frontier.loss - 0.002, "\(name)")
            #expect(r.bestConfiguration.expectedLoss <= r.frontier.loss + 0.02, "\(name)")
        }
    }
}

@Suite("Minimizer1D (GSL Brent)")
struct Minimizer1DTests {
    @Test func findsTheMinimumOfASmoothFunction() throws {
        let r = try Minimizer1D.minimize({ ($0 - 2) * ($0 - 2) + 1 }, over: -10...10)
        #expect(r.converged && r.iterations > 0)
        #expect(abs(r.x - 2) < 1e-8)
        #expect(abs(r.value - 1) < 1e-12)
    }

    @Test func reportsABoundaryMinimum() throws {
        let r = try Minimizer1D.minimize({ $0 }, over: 1...3)
        #expect(r.x == 1 && r.iterations == 0 && r.reason.contains("lower boundary"))
    }

    @Test func rejectsABadBracket() {
        #expect(throws: NumericsError.self) {
            try Minimizer1D.minimize({ $0 * $0 }, lower: 1, guess: 0, upper: 2)
        }
    }
}
