import Foundation
import Testing
@testable import Scaling

@Suite struct IsoFLOPDataTests {
    func decode(_ text: String) throws(IsoFLOPDataError) -> [Observation] {
        try IsoFLOPData.decode(Data(text.utf8), source: "runs.json")
    }

    @Test func loadsTheCourseFile() throws {
        let points = try TestData.isoflops()
        #expect(points.count == 72)
        #expect(IsoFLOPProfile.group(points).count == 9)
        #expect(IsoFLOPProfile.group(points).allSatisfy { $0.points.count == 8 })
        #expect(points[0] == Observation(parameters: 49_999_999, compute: 6e18, loss: 7.192784500319437))
        #expect(abs(points[0].tokens - 6e18 / (6 * 49_999_999)) < 1e-3)
    }

    @Test func aRunFromTheAPIBecomesAPoint() {
        let run = Run(configuration: Configuration(dModel: 512, numLayers: 8, numHeads: 8, batchSize: 128, learningRate: 1e-3),
                      trainFlops: 1_000_000_000_000_000, loss: 4.2)
        let p = Observation(run: run)
        #expect(p.parameters == 25_165_824 && p.compute == 1e15 && p.loss == 4.2)
    }

    @Test func missingFileNamesThePath() {
        #expect(throws: IsoFLOPDataError.missingFile(path: "/nonexistent/runs.json")) {
            try IsoFLOPData.load(path: "/nonexistent/runs.json")
        }
        #expect("\(IsoFLOPDataError.missingFile(path: "x.json"))".contains("x.json: no such file"))
    }

    @Test(arguments: [
        ("[{\"parameters\": 1e8, ", "runs.json: invalid JSON"),
        ("{\"parameters\": 1}", "runs.json: expected a JSON array"),
        ("[]", "runs.json: the array of runs is empty"),
        ("[{\"parameters\": 1e8, \"compute_budget\": 6e18, \"final_loss\": 5}, 3]", "entry 1 is not an object"),
        ("[{\"parameters\": 1e8, \"compute_budget\": 6e18}]", "entry 0 has no field 'final_loss'"),
        ("[{\"parameters\": 1e8, \"compute_budget\": 6e18, \"final_loss\": 5}, {\"parameters\": -3, \"compute_budget\": 6e18, \"final_loss\": 5}]",
         "entry 1, field 'parameters' must be a positive finite number, got -3"),
        ("[{\"parameters\": 1e8, \"compute_budget\": 0, \"final_loss\": 5}]", "entry 0, field 'compute_budget' must be a positive finite number, got 0"),
        ("[{\"parameters\": 1e8, \"compute_budget\": 6e18, \"final_loss\": \"nan\"}]", "entry 0, field 'final_loss' must be a positive finite number, got \"nan\""),
        ("[{\"parameters\": 1e8, \"compute_budget\": 6e18, \"final_loss\": null}]", "field 'final_loss' must be a positive finite number, got null"),
        ("[{\"parameters\": 1e8, \"compute_budget\": 1e999, \"final_loss\": 5}]", "runs.json"),
    ])
    func badFilesNameTheEntryAndField(text: String, message: String) {
        #expect { try decode(text) } throws: { error in
            "\(error)".contains(message)
        }
    }
}
