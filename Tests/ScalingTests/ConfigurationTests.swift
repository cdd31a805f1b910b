import Foundation
import Testing
@testable import Scaling

@Suite struct ConfigurationTests {
    @Test func nonEmbeddingCountAndTokens() {
        let c = Configuration(dModel: 512, numLayers: 8, numHeads: 8, batchSize: 128, learningRate: 1e-3)
        #expect(c.nonEmbeddingParameters == 25_165_824)
        #expect(abs(c.tokens(trainFlops: 1e17) - 1e17 / (6 * 25_165_824)) < 1e-6)
    }

    @Test func parsesTheConfigFlagForm() throws {
        let c = try Configuration(parsing: "d_model=512,num_layers=8,num_heads=8,batch_size=128,learning_rate=1e-3")
        #expect(c == Configuration(dModel: 512, numLayers: 8, numHeads: 8, batchSize: 128, learningRate: 1e-3))
        #expect(try Configuration(parsing: c.description) == c)
    }

    @Test(arguments: [
        ("d_model=512", "missing keys 'num_layers', 'num_heads', 'batch_size', 'learning_rate'"),
        ("d_model=x,num_layers=8,num_heads=8,batch_size=128,learning_rate=1e-3", "d_model must be a whole number, got 'x'"),
        ("d_model=512,num_layers=8,num_heads=8,batch_size=128,learning_rate=nan", "learning_rate must be a finite number, got 'nan'"),
        ("depth=3", "unknown key 'depth'"),
        ("d_model=512,d_model=512", "key 'd_model' is given twice"),
    ])
    func parseErrorsNameTheKeyAndValue(text: String, expected: String) {
        #expect {
            _ = try Configuration(parsing: text)
        } throws: { error in
            "\(error)".contains(expected)
        }
    }

    @Test func runEncodesFlatLikePreviousRuns() throws {
        let json = #"{"d_model": 1024, "num_layers": 24, "num_heads": 16, "batch_size": 128, "learning_rate": 0.001, "train_flops": 10000000000000000, "loss": 9.07103488440561}"#
        let run = try JSONDecoder().decode(Run.self, from: Data(json.utf8))
        #expect(run.trainFlops == 10_000_000_000_000_000)
        #expect(run.configuration.dModel == 1024)
        #expect(run.loss == 9.07103488440561)
        let back = try JSONDecoder().decode(Run.self, from: JSONEncoder().encode(run))
        #expect(back == run)
    }
}

@Suite struct APIRulesTests {
    let valid = Configuration(dModel: 512, numLayers: 8, numHeads: 8, batchSize: 128, learningRate: 1e-3)

    @Test func liveFlopsAreTheSixteenBudgets() {
        #expect(APIRules.liveTrainFlops.count == 16)
        #expect(APIRules.liveTrainFlops.first == 10_000_000_000_000)
        #expect(APIRules.liveTrainFlops.last == 1_000_000_000_000_000_000)
        #expect(APIRules.liveTrainFlops.contains(600_000_000_000_000_000))
    }

    @Test func acceptsWhatTheLiveServiceAccepts() {
        // d_model % num_heads != 0 and an arbitrary in-range learning rate are accepted live.
        var c = valid
        c.numHeads = 7
        c.learningRate = 0.0005838867
        #expect(APIRules.live.violations(of: Query(configuration: c, trainFlops: 10_000_000_000_000_000)).isEmpty)
    }

    @Test func messagesAreTheAPIs() {
        var c = valid
        c.dModel = 9999
        let v = APIRules.live.violations(of: Query(configuration: c, trainFlops: 10_000_000_000_000_000))
        #expect(v.map(\.message) == ["d_model must be in range [64, 1024], got 9999"])
        c = valid
        c.batchSize = 64
        #expect(APIRules.live.violations(of: Query(configuration: c, trainFlops: 5))
            .map(\.parameter) == ["batch_size", "train_flops"])
    }
}
