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

    /// Sizes beyond this are refused before the truth multiplies them (parameter counts and
    /// bytes stay far inside `Int`).
    static let largestSize = 1 << 20

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
        for (name, v) in [("hidden_size", a.hiddenSize), ("intermediate_size", a.intermediateSize),
                          ("num_hidden_layers", a.numHiddenLayers), ("head_dim", a.headDim), ("vocab_size", a.vocabSize),
                          ("train_batch_size", config.trainBatchSize)] where v > largestSize {
            throw Failure(file: path, problem: "\(name) = \(v) is beyond what the truth models (at most \(largestSize))")
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
