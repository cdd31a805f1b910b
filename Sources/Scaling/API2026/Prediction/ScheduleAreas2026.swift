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
/// Long schedules are summed in strides (at most 20,000 of them), the stride's rate taken at its
/// middle and the momentum decayed by `lambda^stride`: exact for a constant rate, and within a
/// part in 10^4 on a cosine.
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
        let targets = chunks.map { min(max($0, 0), evals) * total / evals }
        let last = targets.max() ?? 0
        let stride = max(1, total / 20_000)
        let peak = schedule.peakValue
        var s1 = 0.0, s2 = 0.0, m = 0.0
        var previous = schedule.rate(atStep: 0, totalSteps: total) / peak
        var results: [Int: (Double, Double)] = [0: (0, 0)]
        var step = 0
        let wanted = Set(targets)
        let decay = pow(momentum, Double(stride))
        while step < last {
            let width = min(stride, last - step)
            // the next target inside this stride ends it early, so every target is hit exactly
            let next = wanted.filter { $0 > step && $0 < step + width }.min() ?? (step + width)
            let w = next - step
            let rate = schedule.rate(atStep: step + w / 2, totalSteps: total) / peak
            s1 += rate * Double(w)
            // warmup's increases are not annealing (the paper's S2 starts from the peak)
            let decrease = max(0, previous - rate)
            // the decrease spread evenly over the stride's w steps (delta each): exactly
            // sum_{j=1..w} m_j and m_w of the per-step recurrence
            let f = w == stride ? decay : pow(momentum, Double(w))
            let delta = decrease / Double(w)
            let g = momentum * (1 - f) / (1 - momentum)
            s2 += m * g + delta * (Double(w) - g) / (1 - momentum)
            m = m * f + delta * (1 - f) / (1 - momentum)
            previous = rate
            step = next
            if wanted.contains(step) { results[step] = (s1, s2) }
        }
        return zip(chunks, targets).map { chunk, t in
            let r = results[t] ?? (0, 0)
            return ScheduleAreas2026(forward: r.0, annealing: r.1, tokens: Double(t) * Double(config.tokensPerStep))
        }
    }
}
