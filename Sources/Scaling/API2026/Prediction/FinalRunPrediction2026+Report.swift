import Foundation

extension FinalRunPrediction2026 {
    /// A finite number, or `null` (never a "nan" string).
    static func number(_ x: Double) -> JSONValue { x.isFinite ? .double(x) : .null }

    /// The prediction as one JSON object with snake_case keys (`harness fit --api 2026 --json`):
    /// the recommended config in wire form, the loss with its interval, the runtime and memory
    /// verdicts, the chosen law and every family's score, the hyperparameter evidence, the
    /// runtime and memory models, and the warnings. Non-finite numbers are `null`.
    public var json: JSONValue {
        let verdict: JSONValue = switch memory {
        case .fits(let b): .object(["verdict": "fits", "estimated_bytes": Self.number(b)])
        case .exceeds(let b, let l): .object(["verdict": "exceeds", "estimated_bytes": Self.number(b), "limit_bytes": Self.number(l)])
        case .uncertain(let b): .object(["verdict": "uncertain", "estimated_bytes": Self.number(b)])
        }
        let families: [JSONValue] = self.families.map { f in
            .object(["family": .string(f.family.rawValue), "formula": .string(f.family.formula),
                     "converged": .bool(f.fit != nil),
                     "parameters": .object((f.fit?.namedParameters ?? []).map { JSONMember(key: $0.name, value: Self.number($0.value)) }),
                     "rmse": f.fit.map { Self.number($0.rmse) } ?? .null,
                     "held_out_rmse": f.heldOutRMSE.map(Self.number) ?? .null,
                     "implausibility": f.fit?.implausibility.map(JSONValue.string) ?? .null,
                     "note": f.note.map(JSONValue.string) ?? .null])
        }
        let picks: [JSONMember] = CurveLawFamily2026.allCases.map { JSONMember(key: $0.rawValue, value: .int(bootstrapChoices[$0] ?? 0)) }
        let rt = runtimeModel
        let runtimeJSON: JSONValue = .object(
            ["kind": .string(rt.kind.rawValue),
             "coefficients": .object(zip(RuntimeModel2026.termNames, rt.coefficients).map { JSONMember(key: $0, value: Self.number($1)) }),
             "log_sigma": Self.number(rt.logSigma), "quantile": Self.number(rt.quantile),
             "completed_runs": .int(rt.completedRuns), "timeout_runs": .int(rt.timeoutRuns),
             "converged": .bool(rt.report.converged)])
        let memoryJSON: JSONValue = .object(
            ["fits_at_or_below_bytes": Self.number(memoryModel.fitsAtOrBelowBytes),
             "exceeds_at_or_above_bytes": Self.number(memoryModel.exceedsAtOrAboveBytes),
             "successes": .int(memoryModel.successes), "out_of_memory_failures": .int(memoryModel.outOfMemoryFailures)])
        let h = hyperparameters
        let hyperJSON: JSONValue = .object(
            ["batch_size": .int(h.batchSize), "batch_varied_at_parameters": .array(h.batchVariedAt.map(Self.number)),
             "learning_rate_optima": .array(h.learningRateOptima.map { .object(["parameters": Self.number($0.parameters), "learning_rate": Self.number($0.rate)]) }),
             "learning_rate_law": .object(["intercept": Self.number(h.rateIntercept), "slope": Self.number(h.rateSlope), "source": .string(h.rateSource)])])
        return .object(
            ["training_config": config.wireJSON,
             "non_embedding_parameters": .int(config.architecture.nonEmbeddingParameters),
             "predicted_loss": Self.number(predictedLoss),
             "loss_interval_95": .array([Self.number(lossInterval95.lowerBound), Self.number(lossInterval95.upperBound)]),
             "runtime": .object(["expected_seconds": Self.number(runtime.expectedSeconds), "upper95_seconds": Self.number(runtime.upper95Seconds)]),
             "memory": verdict,
             "law": .object(["family": .string(law.family.rawValue), "formula": .string(law.family.formula),
                             "parameters": .object(law.namedParameters.map { JSONMember(key: $0.name, value: Self.number($0.value)) }),
                             "rmse": Self.number(law.rmse)]),
             "families": .array(families),
             "bootstrap": .object(["resamples": .int(bootstrapResamples), "failures": .int(bootstrapFailures), "choices": .object(picks)]),
             "noise_sigma": Self.number(noiseSigma), "interval_widening": Self.number(intervalWidening),
             "hyperparameters": hyperJSON, "runtime_model": runtimeJSON, "memory_model": memoryJSON,
             "runs_fitted": .int(runsFitted), "points_fitted": .int(pointsFitted),
             "candidates_searched": .int(candidatesSearched), "candidates_rejected_for_memory": .int(candidatesRejectedForMemory),
             "warnings": .array(warnings.map(JSONValue.string))])
    }

    /// The prediction as text for a terminal.
    public var text: String {
        func f(_ x: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)g", x) }
        let a = config.architecture
        let rt = runtimeModel
        var lines: [String] = []
        lines.append("Runtime model (\(rt.kind.rawValue), \(rt.completedRuns) completed + \(rt.timeoutRuns) timeouts): t = "
            + zip(RuntimeModel2026.termNames, rt.coefficients).map { "\($0) \(f($1))" }.joined(separator: ", ")
            + "; log sigma \(f(rt.logSigma, 3)), upper-95 quantile \(f(rt.quantile, 3))")
        lines.append("Memory model: fits at or below \(f(memoryModel.fitsAtOrBelowBytes / 1e9)) GB estimated, exceeds at or above \(f(memoryModel.exceedsAtOrAboveBytes / 1e9)) GB (\(memoryModel.successes) successes, \(memoryModel.outOfMemoryFailures) OOMs)")
        lines.append("Law (\(law.family.rawValue)): \(law.family.formula)")
        lines.append("  " + law.namedParameters.map { "\($0.name) = \(f($0.value))" }.joined(separator: ", ") + "; RMSE \(f(law.rmse, 3)) over \(pointsFitted) points of \(runsFitted) runs")
        for s in families {
            lines.append("  family \(s.family.rawValue): " + (s.fit.map { "RMSE \(f($0.rmse, 3))" } ?? "did not converge")
                + (s.heldOutRMSE.map { ", held-out RMSE \(f($0, 3))" } ?? "") + (s.note.map { " (\($0))" } ?? "")
                + ", chosen in \(bootstrapChoices[s.family] ?? 0) of \(bootstrapResamples) resamples")
        }
        lines.append("Hyperparameters: batch \(hyperparameters.batchSize); runs chosen around the sweeps' rates, \(hyperparameters.rateSource); the final rate is the law's rate term's optimum for the chosen size")
        lines.append("Recommended final run: d \(a.hiddenSize), L \(a.numHiddenLayers), ff \(a.intermediateSize), heads \(a.numAttentionHeads) (N = \(f(Double(a.nonEmbeddingParameters)))), "
            + "batch \(config.trainBatchSize), peak lr \(f(config.optimizer.peakLearningRate, 3)), tokens \(f(Double(config.totalTrainTokens))), max_runtime_seconds \(f(config.maxRuntimeSeconds, 6))")
        lines.append("  predicted loss \(f(predictedLoss)) (95%: \(f(lossInterval95.lowerBound))...\(f(lossInterval95.upperBound))); runtime \(f(runtime.expectedSeconds)) s expected, \(f(runtime.upper95Seconds)) s upper-95; memory \(f(memory.estimatedBytes / 1e9)) GB (\(memory.fits ? "fits" : "not known to fit"))")
        for w in warnings { lines.append("warning: \(w)") }
        return lines.joined(separator: "\n")
    }
}
