import Foundation
import Scaling
import SyntheticTrainer

/// Text and JSON renderings of `harness truth` for a 2026 scenario: one experiment's plan, or
/// the truth at the target. Fixed formats, so the same command gives the same bytes.
enum TruthOutput2026 {
    /// `harness truth --experiment FILE --json`: the run as the worker would end it under the
    /// file's own `max_runtime_seconds`.
    struct Experiment: Codable {
        var scenario: String
        var outcome: String
        var runtimeSeconds: Double
        var expectedRuntimeSeconds: Double
        var peakMemoryBytes: Double
        /// The expected (noise-free) curve, or its prefix when the run times out.
        var valLosses: [Double]
        /// What the service would report (noise and bf16 quantisation included), same length.
        var observedValLosses: [Double]
        /// The last entry of `val_losses` (noise-free); nil when there is none (OOM).
        var finalLoss: Double?
        var failureText: String?
        var nonEmbeddingParameters: Int
        var tokens: Int
        var runKey: UInt64
        enum CodingKeys: String, CodingKey {
            case scenario, outcome, tokens
            case runtimeSeconds = "runtime_seconds", expectedRuntimeSeconds = "expected_runtime_seconds"
            case peakMemoryBytes = "peak_memory_bytes", valLosses = "val_losses", observedValLosses = "observed_val_losses"
            case finalLoss = "final_loss", failureText = "failure_text"
            case nonEmbeddingParameters = "non_embedding_parameters", runKey = "run_key"
        }
    }

    static func experiment(_ s: Scenario2026, _ config: TrainingConfig, runKey: UInt64, json: Bool) throws -> String {
        let plan = s.truth.plan(for: config, runKey: runKey)
        let outcome = plan.outcome(maxRuntimeSeconds: config.maxRuntimeSeconds)
        let shown = outcome.reportedLosses.count
        let expected = Array(plan.expectedLosses.prefix(shown))
        var failure: String?
        if case .outOfMemory(_, let text) = outcome { failure = text }
        let e = Experiment(
            scenario: s.name, outcome: outcome.name, runtimeSeconds: outcome.usedRuntimeSeconds,
            expectedRuntimeSeconds: s.truth.expectedRuntimeSeconds(config), peakMemoryBytes: plan.peakMemoryBytes,
            valLosses: expected, observedValLosses: outcome.reportedLosses, finalLoss: expected.last,
            failureText: failure, nonEmbeddingParameters: config.architecture.nonEmbeddingParameters,
            tokens: config.totalTrainTokens, runKey: runKey)
        if json { return try TruthOutput.encode(e) }
        let a = config.architecture
        var out = "scenario \(s.name): d \(a.hiddenSize) x L \(a.numHiddenLayers), ff \(a.intermediateSize), head_dim \(a.headDim), "
        out += "batch \(config.trainBatchSize), lr \(String(format: "%.4g", config.optimizer.peakLearningRate)), "
        out += "\(TruthOutput.sci(Double(config.totalTrainTokens))) tokens, \(config.nEvals) evals\n"
        out += "  N_ne \(TruthOutput.sci(Double(a.nonEmbeddingParameters))), peak memory \(String(format: "%.2f", plan.peakMemoryBytes / 1_073_741_824)) GiB"
        out += " of \(String(format: "%.0f", s.truth.memory.usableBytes / 1_073_741_824)) GiB usable\n"
        out += "  outcome \(outcome.name) after \(String(format: "%.2f", outcome.usedRuntimeSeconds)) s charged"
        out += " (max_runtime_seconds \(String(format: "%.0f", config.maxRuntimeSeconds)), expected runtime \(String(format: "%.2f", e.expectedRuntimeSeconds)) s)\n"
        if let failure { out += "  failure: \(failure)\n" }
        if let last = expected.last {
            out += "  final loss \(TruthOutput.nats(last)) (noise-free), reported \(TruthOutput.nats(outcome.reportedLosses.last ?? .nan))\n"
            out += "  curve: " + expected.map { String(format: "%.3f", $0) }.joined(separator: " ") + "\n"
        }
        return out
    }

    struct Target: Codable {
        var scenario: String
        var budgetSeconds: Double
        var loss: Double
        var runtimeSeconds: Double
        var nonEmbeddingParameters: Int
        var tokens: Int
        var peakMemoryBytes: Double
        var hiddenSize: Int, numHiddenLayers: Int, intermediateSize: Int, headDim: Int
        var trainBatchSize: Int
        var learningRate: Double
        var evaluated: Int
        var statedLoss: Double?
        enum CodingKeys: String, CodingKey {
            case scenario, loss, tokens, evaluated
            case budgetSeconds = "budget_seconds", runtimeSeconds = "runtime_seconds"
            case nonEmbeddingParameters = "non_embedding_parameters", peakMemoryBytes = "peak_memory_bytes"
            case hiddenSize = "hidden_size", numHiddenLayers = "num_hidden_layers", intermediateSize = "intermediate_size"
            case headDim = "head_dim", trainBatchSize = "train_batch_size", learningRate = "learning_rate"
            case statedLoss = "stated_loss"
        }
    }

    static func target(_ s: Scenario2026, _ t: TargetTruth2026, json: Bool) throws -> String {
        let a = t.config.architecture
        let row = Target(
            scenario: s.name, budgetSeconds: t.budgetSeconds, loss: t.loss, runtimeSeconds: t.runtimeSeconds,
            nonEmbeddingParameters: t.nonEmbeddingParameters, tokens: t.tokens, peakMemoryBytes: t.peakMemoryBytes,
            hiddenSize: a.hiddenSize, numHiddenLayers: a.numHiddenLayers, intermediateSize: a.intermediateSize,
            headDim: a.headDim, trainBatchSize: t.config.trainBatchSize, learningRate: t.config.optimizer.peakLearningRate,
            evaluated: t.evaluated, statedLoss: s.statedTruth?.loss)
        if json { return try TruthOutput.encode(row) }
        var out = "scenario \(s.name): \(s.description)\n\n"
        out += "target \(String(format: "%.0f", t.budgetSeconds)) s on one GPU (runtime and memory models of the truth)\n"
        out += "  best configuration: d \(a.hiddenSize) x L \(a.numHiddenLayers), ff \(a.intermediateSize), head_dim \(a.headDim), "
        out += "batch \(t.config.trainBatchSize), lr \(String(format: "%.4g", t.config.optimizer.peakLearningRate))\n"
        out += "  N_ne \(TruthOutput.sci(Double(t.nonEmbeddingParameters))), D \(TruthOutput.sci(Double(t.tokens))), "
        out += "runtime \(String(format: "%.0f", t.runtimeSeconds)) s, peak memory \(String(format: "%.1f", t.peakMemoryBytes / 1_073_741_824)) GiB\n"
        out += "  expected loss \(TruthOutput.nats(t.loss)) (\(t.evaluated) losses evaluated)\n"
        if let st = s.statedTruth {
            out += "  stated in the file: N \(TruthOutput.sci(st.nonEmbeddingParameters)), D \(TruthOutput.sci(st.tokens)), L \(TruthOutput.nats(st.loss))\n"
        }
        return out
    }
}
