import Foundation
import Rehearsal
import Scaling
import SyntheticTrainer
import Testing

/// The in-process transport answers exactly as the mock over loopback HTTP does: a whole
/// rehearsal gives the same runs, the same prediction and the same scorecard both ways (so a
/// tournament may skip the sockets).
@Suite struct RehearsalTransportTests {
    static func scenario(_ name: String) throws -> Scenario {
        try Scenario.load(from: ScenarioFiles.locate(name, in: Fixtures.repositoryRoot.appendingPathComponent("scenarios")))
    }

    @Test(arguments: StrategyCatalog.names)
    func inProcessMatchesHTTPForAWholeRehearsal(strategy: String) async throws {
        let s = try Self.scenario("chinchilla-2022")
        let chosen = try StrategyCatalog.named(strategy)
        func rehearse(_ transport: Rehearsal.Connection) async throws -> Rehearsal.Result {
            try await Rehearsal(scenario: s, strategy: chosen, noiseSeed: 3, connection: transport,
                                bootstrapResamples: 8, predictionSeed: 1).run()
        }
        let http = try await rehearse(.http)
        let inProcess = try await rehearse(.inProcess)
        #expect(!http.outcome.runs.isEmpty)
        #expect(http.outcome.runs == inProcess.outcome.runs)
        #expect(try JSONOutput.encode(http.outcome) == JSONOutput.encode(inProcess.outcome))
        #expect(try JSONOutput.encode(http.report.prediction) == JSONOutput.encode(inProcess.report.prediction))
        #expect(http.scorecard == inProcess.scorecard)
        #expect(http.truth == inProcess.truth)
    }

    @Test func aPrecomputedTruthGivesTheSameScorecard() async throws {
        let s = try Self.scenario("chinchilla-2022")
        let truth = try s.withNoiseSeed(99).truthReport()
        let own = try await Rehearsal(scenario: s, strategy: IsoFLOPStrategy(), noiseSeed: 5, connection: .inProcess,
                                      bootstrapResamples: 0).run()
        let given = try await Rehearsal(scenario: s, strategy: IsoFLOPStrategy(), noiseSeed: 5, connection: .inProcess,
                                        bootstrapResamples: 0, truth: truth).run()
        #expect(own.truth == truth, "the truth does not depend on the noise seed")
        #expect(own.scorecard == given.scorecard)
    }
}
