/// What one 2026 experiment tells a learner, read off its `ExperimentResponse2026`
/// (docs/api-2026-contract.md §5): a finished run with its runtime and curve, a timeout with
/// the prefix it logged (censored evidence: the whole run would have taken longer), an
/// out-of-memory failure (evidence about the memory limit), another failure, or a run that is
/// still queued or running (no evidence yet).
///
/// ```swift
/// ExperimentOutcome2026(response).isOutOfMemory   // true for "JaxRuntimeError: RESOURCE_EXHAUSTED: Out of memory ..."
/// ```
public enum ExperimentOutcome2026: Sendable, Hashable {
    case completed(usedRuntimeSeconds: Double, valLosses: [Double])
    case timeout(usedRuntimeSeconds: Double, partialValLosses: [Double])
    case outOfMemory(failure: String)
    case otherFailure(failure: String)
    case pending

    public init(_ response: ExperimentResponse2026) {
        switch response.status {
        case .queued, .running: self = .pending
        case .completed(_, _, _, let used, let losses, _): self = .completed(usedRuntimeSeconds: used, valLosses: losses)
        case .failed(_, _, _, let used, .timeout(let losses), _): self = .timeout(usedRuntimeSeconds: used, partialValLosses: losses)
        case .failed(_, _, _, _, .unexpected(let failure), _):
            self = Self.namesOutOfMemory(failure) ? .outOfMemory(failure: failure) : .otherFailure(failure: failure)
        }
    }

    /// True when a failure text names an out-of-memory error: JAX's `RESOURCE_EXHAUSTED`,
    /// `OutOfMemoryError`, or "out of memory" in any case.
    public static func namesOutOfMemory(_ failure: String) -> Bool {
        let t = failure.lowercased()
        return t.contains("resource_exhausted") || t.contains("outofmemory") || t.contains("out of memory")
    }

    public var isOutOfMemory: Bool { if case .outOfMemory = self { true } else { false } }
    public var isCompleted: Bool { if case .completed = self { true } else { false } }
}
