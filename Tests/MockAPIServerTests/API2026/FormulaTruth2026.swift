import Foundation
import Scaling
import SyntheticTrainer

/// TEST DOUBLE: a `TrainingTruth2026` from a closed formula, not the scenario's truth. Chunks
/// take `tokens / throughput` seconds with throughput falling with the non-embedding size
/// (0.82 M tokens/s at the notebook's 22.7 M parameters); the loss is a Chinchilla-like
/// `E + A/N^0.34 + B/D^0.28` of the tokens seen so far, plus a ±0.005 wiggle from `runKey`;
/// a model of more than `oomParameters` non-embedding parameters runs out of memory after 10.1 s.
struct FormulaTruth2026: TrainingTruth2026 {
    var oomParameters = 2_000_000_000

    func plan(for config: TrainingConfig, runKey: UInt64) -> RunPlan {
        let n = Double(config.architecture.nonEmbeddingParameters)
        guard config.architecture.nonEmbeddingParameters <= oomParameters else {
            return RunPlan(chunkEndSeconds: [], valLosses: [], expectedLosses: [], peakMemoryBytes: 16 * n * 4,
                           outOfMemory: .init(failureText: "JaxRuntimeError: RESOURCE_EXHAUSTED: Out of memory while trying to allocate \(Int(n / 1e7))GiB",
                                              failureSeconds: 10.1))
        }
        let throughput = 0.82e6 * 22.7e6 / max(n, 1e6)
        let chunkSeconds = Double(config.tokensPerChunk) / throughput
        let wiggle = (SplitMix64.uniform(SplitMix64.combine(SplitMix64.mix(runKey), 7)) - 0.5) * 0.01
        var ends: [Double] = [], losses: [Double] = []
        for i in 1...config.nEvals {
            ends.append(Double(i) * chunkSeconds)
            let d = Double(i * config.tokensPerChunk)
            losses.append(1.8 + 400 / pow(n, 0.34) + 410 / pow(d, 0.28) + wiggle)
        }
        return RunPlan(chunkEndSeconds: ends, valLosses: losses, expectedLosses: losses, peakMemoryBytes: 16 * n, outOfMemory: nil)
    }
}

extension TrainingConfig {
    /// The handout config with another runtime, seed or token count (distinct experiments).
    static func example(maxRuntime: Double = 30, seed: Int = 0, tokens: Int = 1_048_576) -> TrainingConfig {
        var c = TrainingConfig.handoutExample
        c.maxRuntimeSeconds = maxRuntime
        c.modelSeed = seed
        c.totalTrainTokens = tokens
        return c
    }
}

/// A behaviour without injected faults (so a test sees exactly what the plan says).
func quietBehaviour(slots: Int = 100) -> ServiceBehaviour2026 {
    var b = ServiceBehaviour2026()
    b.slots = slots
    b.unexpectedFailureRate = 0
    b.preemptionRate = 0
    b.stuckRate = 0
    b.nanRate = 0
    return b
}
