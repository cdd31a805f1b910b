import Foundation

/// Sums of the warmup-cosine schedule (`WarmupCosineSchedule.rate(atStep:totalSteps:)`) in
/// closed form, so a curve costs O(n_evals) however many steps the run takes: the truth's
/// surface reads them, and so do the predictor's schedule areas (`ScheduleAreas2026`).
///
/// ```swift
/// let s = ScheduleSums(WarmupCosineSchedule(), totalSteps: 128)
/// s.summedRate(steps: 128)   // Σ_{t<128} rate(t), equal to the loop to rounding
/// ```
public struct ScheduleSums: Hashable, Sendable {
    public let schedule: WarmupCosineSchedule
    public let totalSteps: Int
    public let warmupSteps: Int

    public init(_ schedule: WarmupCosineSchedule, totalSteps: Int) {
        self.schedule = schedule
        self.totalSteps = max(totalSteps, 0)
        self.warmupSteps = Int((Double(max(totalSteps, 0)) * schedule.warmupFraction).rounded(.down))
    }

    /// Σ_{t<s} rate(t): the summed learning rate S1 after `s` steps.
    public func summedRate(steps s: Int) -> Double {
        let warm = Double(min(s, warmupSteps))
        var sum = 0.0
        if warmupSteps > 0 {
            sum += warm * schedule.initValue
                + (schedule.peakValue - schedule.initValue) * warm * (warm - 1) / (2 * Double(warmupSteps))
        }
        let k = s - warmupSteps
        if k > 0 { sum += cosineSum(k) }
        return sum
    }

    /// Σ over the decay steps before `s` of (peak − rate): the annealing area S2.
    public func annealingArea(steps s: Int) -> Double {
        let k = s - warmupSteps
        if k <= 0 { return 0 }
        return Double(k) * schedule.peakValue - cosineSum(k)
    }

    /// Σ_{t<s} m_t of the momentum of the rate's decreases, `m_t = λ m_{t−1} + max(0, rate(t−1)
    /// − rate(t))` (m_0 = 0): the annealing area S2 of Tissue et al. (2024), in the schedule's
    /// own units (divide by the peak for peak-relative areas).
    ///
    /// With `D = Σ_{j<s} Δ_j` and `M = m_{s−1}`, the sum is `(D − λM)/(1 − λ)`. The decreases
    /// come in two runs, each summed in closed form: a warmup that falls (`init_value` above the
    /// peak) drops by the same `c = (init − peak)/W` at steps 1...W; the cosine drops by
    /// `2h sin θ sin(θ(2u − 1))` at its step u ≥ 1 (θ = π/2n), whose momentum-weighted sum is
    /// the imaginary part of a geometric series.
    public func momentumArea(steps s: Int, momentum lambda: Double) -> Double {
        guard s > 1, lambda >= 0, lambda < 1 else { return 0 }
        var d = 0.0, m = 0.0
        // the warmup: j = 1...min(W, s − 1)
        let w = warmupSteps
        if w > 0, schedule.initValue > schedule.peakValue {
            let c = (schedule.initValue - schedule.peakValue) / Double(w)
            let j = min(w, s - 1)
            d += c * Double(j)
            m += c * Foundation.pow(lambda, Double(s - 1 - j)) * (1 - Foundation.pow(lambda, Double(j))) / (1 - lambda)
        }
        // the cosine: u = j − W = 1...K
        let k = s - 1 - w
        let floor = schedule.peakValue * schedule.finalLRFraction
        let h = (schedule.peakValue - floor) / 2
        if k > 0, h > 0 {
            let n = Double(max(totalSteps - w, 1))
            let theta = Double.pi / (2 * n), kk = Double(k)
            d += h * (1 - Foundation.cos(Double.pi * kk / n))
            // Σ_{u=1..K} λ^{K−u} e^{iθ(2u−1)} = e^{iθ(2K−1)} (1 − q^K)/(1 − q), q = λ e^{−2iθ}
            let lk = Foundation.pow(lambda, kk)
            let numRe = 1 - lk * Foundation.cos(2 * theta * kk), numIm = lk * Foundation.sin(2 * theta * kk)
            let denRe = 1 - lambda * Foundation.cos(2 * theta), denIm = lambda * Foundation.sin(2 * theta)
            let den2 = denRe * denRe + denIm * denIm
            let ratioRe = (numRe * denRe + numIm * denIm) / den2, ratioIm = (numIm * denRe - numRe * denIm) / den2
            let phase = theta * (2 * kk - 1)
            let im = Foundation.sin(phase) * ratioRe + Foundation.cos(phase) * ratioIm
            m += 2 * h * Foundation.sin(theta) * im
        }
        return (d - lambda * m) / (1 - lambda)
    }

    /// Σ_{j<k} floor + h·(1 + cos(πj/n)), h = (peak − floor)/2, n = S − W.
    private func cosineSum(_ k: Int) -> Double {
        let n = Double(max(totalSteps - warmupSteps, 1))
        let floor = schedule.peakValue * schedule.finalLRFraction
        let h = (schedule.peakValue - floor) / 2
        let kk = Double(k)
        let cosines = Foundation.sin(Double.pi * kk / (2 * n)) * Foundation.cos(Double.pi * (kk - 1) / (2 * n))
            / Foundation.sin(Double.pi / (2 * n))
        return kk * (floor + h) + h * cosines
    }
}
