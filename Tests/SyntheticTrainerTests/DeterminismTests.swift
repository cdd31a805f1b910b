import Foundation
import Scaling
import Testing
@testable import SyntheticTrainer

@Suite("Noise is a pure function of (seed, query)")
struct DeterminismTests {
    static let queries: [Query] = (0..<400).map { i in
        let c = Configuration(dModel: 64 + (i * 37) % 961, numLayers: 2 + (i * 7) % 23, numHeads: 2 + (i * 5) % 15,
                              batchSize: i % 2 == 0 ? 128 : 256, learningRate: 1e-4 + Double(i % 10) * 1e-4)
        return Query(configuration: c, trainFlops: APIRules.liveTrainFlops[i % 16])
    }

    @Test(arguments: ScenarioLoadingTests.shipped)
    func repeatedCallsAndReloadsAreBitIdentical(name: String) throws {
        let a = try Fixtures.scenario(name)
        let b = try Fixtures.scenario(name)
        for q in Self.queries {
            let first = a.observedLoss(q)
            #expect(first.bitPattern == a.observedLoss(q).bitPattern)
            #expect(first.bitPattern == b.observedLoss(q).bitPattern)
            #expect(a.expectedLoss(q).bitPattern == b.expectedLoss(q).bitPattern)
        }
    }

    @Test func theSeedChangesTheNoiseAndNothingElse() throws {
        let s = try Fixtures.scenario("noisy")
        let t = s.withNoiseSeed(s.noise.seed &+ 1)
        #expect(t.surface == s.surface && t.rules == s.rules && t.target == s.target)
        var changed = 0
        for q in Self.queries {
            #expect(t.expectedLoss(q).bitPattern == s.expectedLoss(q).bitPattern)
            if t.observedLoss(q) != s.observedLoss(q) { changed += 1 }
        }
        #expect(changed == Self.queries.count)
    }

    @Test func aQueryDiffersFromItsNeighboursOnlyThroughTheSurfaceWithoutQuantisation() throws {
        let s = try Fixtures.scenario("chinchilla-2022")
        let a = Query(configuration: Fixtures.configuration(512, 8, 8), trainFlops: 100_000_000_000_000_000)
        let b = Query(configuration: Fixtures.configuration(513, 8, 8), trainFlops: 100_000_000_000_000_000)
        #expect(s.observedLoss(a) != s.observedLoss(b))
    }

    @Test func treeQuantisedNeighboursShareExactlyTheSameAnswer() throws {
        let s = try Fixtures.scenario("tree-quantized")
        let q = try #require(s.noise.quantization)
        // d_model 520 and 530 share a cell of width 0.15 in ln d (cell edges at exp(k * 0.15)).
        let cell = { (d: Double) in (Foundation.log(d) / q.dModel).rounded(.down) }
        #expect(cell(520) == cell(530))
        let flops: Int64 = 100_000_000_000_000_000
        let a = s.observedLoss(Query(configuration: Fixtures.configuration(520, 8, 8, lr: 8e-4), trainFlops: flops))
        let b = s.observedLoss(Query(configuration: Fixtures.configuration(530, 8, 8, lr: 8.5e-4), trainFlops: flops))
        #expect(a.bitPattern == b.bitPattern)
        // A hundred widths 500...599 at one depth, head count and rate fall in at most three
        // cells of ln d_model (a span of ln(599/500) = 0.18), so give at most three answers.
        let answers = (500...599).map { s.observedLoss(Query(configuration: Fixtures.configuration($0, 8, 8), trainFlops: flops)) }
        #expect(Set(answers).count <= 3)
        // The expected loss (the truth) stays smooth: it differs between the two.
        #expect(s.expectedLoss(Fixtures.configuration(520, 8, 8), trainFlops: 1e17)
                != s.expectedLoss(Fixtures.configuration(530, 8, 8), trainFlops: 1e17))
    }

    @Test func noiseLevelsMatchTheFile() throws {
        let s = try Fixtures.scenario("noisy")
        let deviations = Self.queries.map { s.observedLoss($0) - s.expectedLoss($0) }
        let outliers = deviations.filter { $0 > 4 * s.noise.sigma }
        let core = deviations.filter { $0 <= 4 * s.noise.sigma }
        let mean = core.reduce(0, +) / Double(core.count)
        let sd = (core.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(core.count - 1)).squareRoot()
        #expect(abs(sd - s.noise.sigma) < 0.2 * s.noise.sigma)
        #expect(abs(mean) < 0.01)
        // 4% outliers of scale 0.5: most of them land beyond 4 sigma = 0.2.
        let fraction = Double(outliers.count) / Double(deviations.count)
        #expect(fraction > 0.01 && fraction < 0.08)
        #expect(outliers.allSatisfy { $0 > 0 }, "outliers are failed runs: always upward")
    }

    @Test func studentTailsAreHeavierThanGaussianOnes() throws {
        let text = try Fixtures.text("chinchilla-2022")
            .replacingOccurrences(of: "  tails: gaussian", with: "  tails: student_t\n  degrees_of_freedom: 3")
        let t = try Scenario.load(from: try Fixtures.write(text))
        let g = try Fixtures.scenario("chinchilla-2022")
        #expect(t.noise.tails == .studentT(degreesOfFreedom: 3))
        func beyond3Sigma(_ s: Scenario) -> Int {
            Self.queries.filter { abs(s.observedLoss($0) - s.expectedLoss($0)) > 3 * s.noise.sigma }.count
        }
        // P(|z| > 3) is 0.27% for a normal and 5.8% for Student-t with 3 degrees of freedom.
        #expect(beyond3Sigma(g) <= 4)
        #expect(beyond3Sigma(t) >= 10)
    }

    @Test func splitMixUniformsAreInTheOpenUnitInterval() {
        #expect(SplitMix64.uniform(0) > 0)
        #expect(SplitMix64.uniform(.max) < 1)
        #expect(SplitMix64.mix(1) != SplitMix64.mix(2))
    }
}
