import Foundation
import Scaling
import SyntheticTrainer

/// Text and JSON renderings of `harness truth` and `harness scenarios`. Numbers are printed
/// with fixed formats so that the same command always gives the same bytes.
enum TruthOutput {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    static func sci(_ x: Double) -> String { String(format: "%.3e", x) }
    static func nats(_ x: Double) -> String { String(format: "%.4f", x) }

    static func shape(_ c: Configuration) -> String {
        "\(c.dModel)/\(c.numLayers)/\(c.numHeads), batch \(c.batchSize), lr \(String(format: "%.4g", c.learningRate))"
    }

    static func report(_ r: TruthReport, json: Bool) throws -> String {
        if json { return try encode(r) }
        var out = "scenario \(r.scenario): \(r.summary)\n\n"
        out += "target \(sci(r.target)) FLOPs\n"
        out += "  frontier (numeric, GSL Brent): N* = \(sci(r.frontier.nonEmbeddingParameters)), D* = \(sci(r.frontier.tokens)), L* = \(nats(r.frontier.loss))\n"
        if let f = r.closedFormFrontier {
            out += "  law's closed form:             N* = \(sci(f.nonEmbeddingParameters)), D* = \(sci(f.tokens)), L* = \(nats(f.loss))\n"
        } else {
            out += "  law's closed form:             none (the law counts embedding parameters)\n"
        }
        let b = r.bestConfiguration
        out += "  best final run: \(shape(b.configuration)): N = \(sci(b.nonEmbeddingParameters)), D = \(sci(b.tokens)), expected loss \(nats(b.expectedLoss))\n"
        if let s = r.statedTruth {
            out += "  stated in the file: N* = \(sci(s.nonEmbeddingParameters)), L* = \(nats(s.loss))\n"
        }
        out += "\nper allowed budget: frontier, and the best configuration the API accepts\n"
        out += "  train_flops   N*          D*          L*       best API configuration                  loss\n"
        for row in r.budgets {
            let f = row.frontier, c = row.bestAPIConfiguration
            let config = shape(c.configuration).padding(toLength: 39, withPad: " ", startingAt: 0)
            out += "  \(sci(f.trainFlops))   \(sci(f.nonEmbeddingParameters))   \(sci(f.tokens))   \(nats(f.loss))   \(config)  \(nats(c.expectedLoss))\n"
        }
        return out
    }

    struct Single: Codable {
        var scenario: String
        var configuration: Configuration
        var trainFlops: Double
        var expectedLoss: Double
        /// Nil when the API would refuse the query (`violations` says why).
        var observedLoss: Double?
        var violations: [String]
        enum CodingKeys: String, CodingKey {
            case scenario, configuration, trainFlops = "train_flops", expectedLoss = "expected_loss"
            case observedLoss = "observed_loss", violations
        }
    }

    static func single(_ s: Scenario, _ c: Configuration, flops: Double, json: Bool) throws -> String {
        let whole = flops.rounded() == flops && flops < 9.2e18 ? Int64(flops) : nil
        let violations = whole.map { s.rules.violations(of: Query(configuration: c, trainFlops: $0)).map(\.message) }
            ?? ["train_flops must be a whole number the API allows, got \(flops)"]
        let observed = violations.isEmpty ? whole.map { s.observedLoss(Query(configuration: c, trainFlops: $0)) } : nil
        let single = Single(scenario: s.name, configuration: c, trainFlops: flops,
                            expectedLoss: s.expectedLoss(c, trainFlops: flops), observedLoss: observed, violations: violations)
        if json { return try encode(single) }
        var out = "scenario \(s.name), \(c) at \(sci(flops)) FLOPs\n"
        out += "  expected loss \(nats(single.expectedLoss))\n"
        if let observed {
            out += "  observed loss \(nats(observed)) (what the API answers, noise seed \(s.noise.seed))\n"
        } else {
            out += "  observed loss: none, the API would refuse this query: \(violations.joined(separator: "; "))\n"
        }
        return out
    }

    struct Listing: Codable { var name: String; var api: Int; var description: String; var file: String }

    /// One row per scenario of either protocol; the text puts each protocol in its own section.
    static func listing(_ rows: [Listing], json: Bool) throws -> String {
        if json { return try encode(rows) }
        let width = rows.map(\.name.count).max() ?? 0
        var out = ""
        for api in [2025, 2026] {
            let section = rows.filter { $0.api == api }
            if section.isEmpty { continue }
            if !out.isEmpty { out += "\n" }
            out += "API \(api):\n"
            out += section.map { "  " + $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.description }
                .joined(separator: "\n") + "\n"
        }
        return out
    }
}
