import Foundation
import Scaling

/// Reads `harness truth --experiment FILE`: a TrainingConfig JSON as POSTed to `/submit`,
/// parsed as the real app parses it (`JSONText.parse`, Python's `json.loads`) and validated by
/// `TrainingConfig.validate(_:at:schema:)` (the live 26.0.2 schema), so a file the service
/// would answer 422 is refused with the same issues.
enum ExperimentFile2026 {
    struct Failure: Error, CustomStringConvertible {
        let file: String
        let problem: String
        var description: String { "\(file): \(problem)" }
    }

    /// Sizes the truth models; larger ones are refused before it multiplies them, so parameter
    /// counts (d·ff·L) and token arithmetic stay inside `Int`.
    static let limits: [(name: String, limit: Int)] = [
        ("hidden_size", 1 << 17), ("intermediate_size", 1 << 17), ("head_dim", 1 << 17),
        ("num_hidden_layers", 1 << 12), ("vocab_size", 1 << 24), ("train_batch_size", 1 << 20),
    ]

    static func load(path: String, schema: WireSchema2026 = .current) throws(Failure) -> TrainingConfig {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw Failure(file: path, problem: "cannot be read (expected a TrainingConfig JSON file as POSTed to /submit)")
        }
        let json: JSONValue
        do { json = try JSONText.parse(Array(data)) } catch {
            throw Failure(file: path, problem: "not valid JSON: \(error.message) at offset \(error.offset)")
        }
        let config: TrainingConfig
        switch TrainingConfig.validate(json, at: ["body"], schema: schema) {
        case .success(let c): config = c
        case .failure(let issues):
            let lines = issues.map { "\(location($0.loc)): \($0.msg) (\($0.type))" }
            throw Failure(file: path, problem: "the service would answer 422: " + lines.joined(separator: "; "))
        }
        let a = config.architecture
        let values = [a.hiddenSize, a.intermediateSize, a.headDim, a.numHiddenLayers, a.vocabSize, config.trainBatchSize]
        for ((name, limit), v) in zip(limits, values) where v > limit {
            throw Failure(file: path, problem: "\(name) = \(v) is beyond what the truth models (at most \(limit))")
        }
        return config
    }

    /// `body.architecture_config.hidden_size`, as a user reads the issue's `loc`.
    static func location(_ loc: [JSONValue]) -> String {
        loc.map { v -> String in
            switch v {
            case .string(let s): s
            case .int(let i): "[\(i)]"
            default: "?"
            }
        }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }
}
