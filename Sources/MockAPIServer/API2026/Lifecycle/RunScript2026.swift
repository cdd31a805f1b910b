import Scaling
import SyntheticTrainer

/// What happens to one dispatched run, as offsets in seconds from its dispatch: the uncharged
/// start-up, each chunk's whole-list loss report, and the finish (or none, for a worker that
/// dies without reporting). Built from the truth's `RunPlan`, its `outcome(maxRuntimeSeconds:)`
/// and the faults `ServiceBehaviour2026` injects; every draw comes from `draws`, a stream seeded
/// by the scenario seed and the experiment id, so the same experiment always has the same script.
///
/// ```swift
/// var draws = SplitMix64(seed: SplitMix64.combine(SplitMix64.mix(seed), UInt64(id)))
/// let script = RunScript2026(plan: plan, maxRuntimeSeconds: 30, behaviour: .init(), experimentID: id, draws: &draws)
/// script.steps.last   // (at: overhead + used, .finish(.completed(...)))
/// ```
public struct RunScript2026: Sendable {
    public enum Step: Sendable, Hashable {
        /// The worker reports the whole list so far; the server replaces `val_losses` with it.
        case losses([Double])
        /// The worker reports the end of the run.
        case finish(Finish)
    }

    public enum Finish: Sendable, Hashable {
        case completed(usedRuntimeSeconds: Double, valLosses: [Double])
        case failed(usedRuntimeSeconds: Double, reason: ExperimentPhase2026.Failure)
    }

    /// The fault injected into this run, if any.
    public enum Fault: String, Sendable, Hashable {
        case stuck, nan, crash, preemption
    }

    /// Seconds after dispatch at which each step happens, ascending.
    public private(set) var steps: [(at: Double, step: Step)]
    public let overheadSeconds: Double
    public let fault: Fault?

    /// The text of an injected crash (failed/unexpected, charged the elapsed time).
    public static let crashText = "XlaRuntimeError: INTERNAL: an illegal memory access was encountered"

    /// The text a worker sends after its loss report carrying NaN was refused (§5.1).
    public static func internalAPIErrorText(experimentID: Int64) -> String {
        "InternalAPIError: internal API request failed: 500 Internal Server Error for url: /internal/worker/\(experimentID)/event"
    }

    public init(plan: RunPlan, maxRuntimeSeconds: Double, behaviour: ServiceBehaviour2026, experimentID: Int64,
                draws: inout SplitMix64) {
        let overhead = Self.overhead(behaviour, &draws)
        overheadSeconds = overhead
        let outcome = plan.outcome(maxRuntimeSeconds: maxRuntimeSeconds)
        let reported = min(outcome.reportedLosses.count, plan.chunkEndSeconds.count, plan.valLosses.count)
        let ends = Array(plan.chunkEndSeconds.prefix(reported))
        let losses = Array(plan.valLosses.prefix(reported))
        func starts(_ j: Int) -> Double { j == 0 ? 0 : ends[j - 1] }
        func reports(upTo j: Int, from start: Double) -> [(at: Double, step: Step)] {
            (0..<j).map { (at: start + ends[$0], step: .losses(Array(losses[...$0]))) }
        }

        // Draw every number up front, whatever the fault, so one stream position means one thing.
        let uFault = draws.nextUnit(), uChunk = draws.nextUnit(), uWithin = draws.nextUnit()
        let restartOverhead = Self.overhead(behaviour, &draws)
        let chunk = reported > 0 ? min(Int(uChunk * Double(reported)), reported - 1) : 0

        // A NaN in the truth's own curve behaves as an injected NaN report at that chunk.
        var fault: Fault?
        var faultChunk = chunk
        if let bad = losses.firstIndex(where: { !$0.isFinite }) {
            fault = .nan
            faultChunk = bad
        } else if reported > 0 {
            let cuts: [(Fault, Double)] = [(.stuck, behaviour.stuckRate), (.nan, behaviour.nanRate),
                                           (.crash, behaviour.unexpectedFailureRate), (.preemption, behaviour.preemptionRate)]
            var edge = 0.0
            for (kind, rate) in cuts {
                edge += max(0, rate)
                if uFault < edge { fault = kind; break }
            }
        }
        self.fault = fault

        func normal(from start: Double, lost: Double) -> [(at: Double, step: Step)] {
            let finish: Finish = switch outcome {
            case .completed(let used, let l): .completed(usedRuntimeSeconds: lost + used, valLosses: l)
            case .timeout(let used, let l): .failed(usedRuntimeSeconds: lost + used, reason: .timeout(partialValLosses: l))
            case .outOfMemory(let used, let text): .failed(usedRuntimeSeconds: lost + used, reason: .unexpected(failure: text))
            }
            return reports(upTo: reported, from: start) + [(at: start + outcome.usedRuntimeSeconds, step: .finish(finish))]
        }

        switch fault {
        case nil:
            steps = normal(from: overhead, lost: 0)
        case .stuck:
            steps = reports(upTo: faultChunk, from: overhead)
        case .nan:
            let at = ends[faultChunk]
            steps = reports(upTo: faultChunk, from: overhead)
                + [(at: overhead + at, step: .finish(.failed(usedRuntimeSeconds: at,
                                                             reason: .unexpected(failure: Self.internalAPIErrorText(experimentID: experimentID)))))]
        case .crash:
            let at = starts(faultChunk) + uWithin * (ends[faultChunk] - starts(faultChunk))
            steps = reports(upTo: faultChunk, from: overhead)
                + [(at: overhead + at, step: .finish(.failed(usedRuntimeSeconds: at, reason: .unexpected(failure: Self.crashText))))]
        case .preemption:
            // The container is lost mid-chunk; Modal restarts the function, which starts over
            // (its first report is shorter than the last one seen) on its own timer. Both
            // attempts' training time is charged.
            let lost = starts(faultChunk) + uWithin * (ends[faultChunk] - starts(faultChunk))
            let restart = overhead + lost + restartOverhead
            steps = reports(upTo: faultChunk, from: overhead) + normal(from: restart, lost: lost)
        }
    }

    /// The uncharged start-up: lognormal, truncated to the behaviour's range.
    static func overhead(_ b: ServiceBehaviour2026, _ draws: inout SplitMix64) -> Double {
        InverseCDF.truncatedLogNormal(unit: draws.nextUnit(), median: b.overheadMedianSeconds, sigma: b.overheadSigma,
                                      range: b.overheadRangeSeconds)
    }
}
