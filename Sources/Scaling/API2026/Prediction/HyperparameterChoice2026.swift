import Foundation

/// What the runs say about the batch size and the learning rate, and how the final run's were
/// chosen from that evidence.
public struct HyperparameterChoice2026: Sendable {
    /// The batch size chosen: the one with the lower best loss in most groups of runs of the same
    /// model and tokens that tried several (ties go to the smaller); else the most used.
    public var batchSize: Int
    /// Model sizes (N) at which some group of runs tried two or more batch sizes.
    public var batchVariedAt: [Double]
    /// `(N, rate)`: the best rate of each group of runs (same model, tokens and batch) that tried
    /// three or more rates: the vertex of a parabola in ln(rate) through the best rate and its
    /// neighbours, or the best rate itself when the parabola opens downward or its vertex leaves
    /// the tried range.
    public var learningRateOptima: [(parameters: Double, rate: Double, tokens: Double)]
    /// `ln lr* = intercept + slope·ln N + tokenSlope·ln D` fitted to `learningRateOptima` by
    /// least squares (a slope is 0 when the sweeps do not vary N, or D).
    public var rateIntercept: Double
    public var rateSlope: Double
    public var rateTokenSlope: Double
    /// How the rate law was obtained.
    public var rateSource: String

    /// The rate law at (N, D), evaluated only inside the sweeps' ranges of N and D: outside, at
    /// the nearest edge (the evidence says nothing beyond it; the predictor warns when the final
    /// run is outside by more than a factor of 3).
    public func learningRate(parameters n: Double, tokens d: Double) -> Double {
        let ns = rateVariedAt, ds = learningRateOptima.map(\.tokens)
        let nIn = min(max(n, ns.min() ?? n), ns.max() ?? n)
        let dIn = min(max(d, ds.min() ?? d), ds.max() ?? d)
        return exp(rateIntercept + rateSlope * log(nIn) + rateTokenSlope * log(dIn))
    }

    /// Sizes at which learning rates were varied.
    public var rateVariedAt: [Double] { learningRateOptima.map(\.parameters) }
    /// Token counts at which learning rates were varied.
    public var rateVariedAtTokens: [Double] { learningRateOptima.map(\.tokens) }

    /// Chooses from the completed runs among `runs` (indices into `configs`/`finalLosses`).
    static func choose(configs: [TrainingConfig], finalLosses: [Double?]) -> HyperparameterChoice2026 {
        func n(_ c: TrainingConfig) -> Double { Double(c.architecture.nonEmbeddingParameters) }
        func shape(_ c: TrainingConfig) -> String {
            let a = c.architecture
            return "\(a.hiddenSize)x\(a.numHiddenLayers)x\(a.intermediateSize)x\(a.headDim)-\(c.totalTrainTokens)"
        }
        let completed = configs.indices.filter { finalLosses[$0] != nil }
        // batch: groups by (architecture, tokens)
        var wins: [Int: Int] = [:]
        var batchVaried: [Double] = []
        let byModel = Dictionary(grouping: completed) { shape(configs[$0]) }
        for key in byModel.keys.sorted() {
            guard let group = byModel[key] else { continue }
            var best: [Int: Double] = [:]
            for i in group { if let l = finalLosses[i] { best[configs[i].trainBatchSize] = min(best[configs[i].trainBatchSize] ?? .infinity, l) } }
            guard best.count >= 2, let winner = best.min(by: { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }) else { continue }
            wins[winner.key, default: 0] += 1
            if let first = group.first { batchVaried.append(n(configs[first])) }
        }
        let batch: Int
        if let w = wins.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
            batch = w.key
        } else {
            let counts = Dictionary(grouping: completed.map { configs[$0].trainBatchSize }, by: { $0 }).mapValues(\.count)
            batch = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })?.key ?? 32
        }
        // rate: groups by (architecture, tokens, batch) at the chosen batch
        var optima: [(Double, Double, Double)] = []
        let atBatch = completed.filter { configs[$0].trainBatchSize == batch }
        let byGroup = Dictionary(grouping: atBatch) { shape(configs[$0]) }
        for key in byGroup.keys.sorted() {
            guard let group = byGroup[key], let first = group.first else { continue }
            var bestByRate: [Double: Double] = [:]
            for i in group { if let l = finalLosses[i] { let r = configs[i].optimizer.peakLearningRate; bestByRate[r] = min(bestByRate[r] ?? .infinity, l) } }
            let rates = bestByRate.keys.sorted()
            guard rates.count >= 3, let bestIndex = rates.indices.min(by: { (bestByRate[rates[$0]] ?? .infinity) < (bestByRate[rates[$1]] ?? .infinity) }) else { continue }
            let lo = max(0, min(bestIndex - 1, rates.count - 3)), hi = min(rates.count, lo + 3)
            let xs = rates[lo..<hi].map { log($0) }, ys = rates[lo..<hi].map { bestByRate[$0] ?? .nan }
            var rate = rates[bestIndex]
            var design = Matrix(rows: xs.count, columns: 3)
            for (r, x) in xs.enumerated() { design[r, 0] = 1; design[r, 1] = x; design[r, 2] = x * x }
            if let fit = try? LinearLeastSquares.fit(design: design, observations: ys), fit.coefficients.count == 3,
               fit.coefficients[2] > 0 {
                let vertex = -fit.coefficients[1] / (2 * fit.coefficients[2])
                if let a = xs.first, let b = xs.last, vertex >= a, vertex <= b { rate = exp(vertex) }
            }
            optima.append((n(configs[first]), rate, Double(configs[first].totalTrainTokens)))
        }
        var intercept: Double, slope = 0.0, tokenSlope = 0.0, source: String
        let sizes = Set(optima.map(\.0)), tokenCounts = Set(optima.map(\.2))
        let columns = 1 + (sizes.count >= 2 ? 1 : 0) + (tokenCounts.count >= 2 ? 1 : 0)
        var fitted = false
        intercept = optima.isEmpty ? 0 : optima.map { log($0.1) }.reduce(0, +) / Double(optima.count)
        source = ""
        if columns > 1, optima.count > columns {
            var design = Matrix(rows: optima.count, columns: columns)
            for (r, o) in optima.enumerated() {
                var j = 0
                design[r, j] = 1; j += 1
                if sizes.count >= 2 { design[r, j] = log(o.0); j += 1 }
                if tokenCounts.count >= 2 { design[r, j] = log(o.2) }
            }
            if let fit = try? LinearLeastSquares.fit(design: design, observations: optima.map { log($0.1) }),
               fit.coefficients.count == columns, fit.coefficients.allSatisfy(\.isFinite) {
                intercept = fit.coefficients[0]
                var j = 1
                if sizes.count >= 2 { slope = fit.coefficients[j]; j += 1 }
                if tokenCounts.count >= 2 { tokenSlope = fit.coefficients[j] }
                fitted = true
                source = "ln lr* = \(String(format: "%.3f", intercept)) \(String(format: "%+.3f", slope))·ln N \(String(format: "%+.3f", tokenSlope))·ln D through \(optima.count) rate sweep(s) at \(sizes.count) size(s) and \(tokenCounts.count) token count(s)"
            }
        }
        if !fitted, let o = optima.first {
            source = "the mean best rate of \(optima.count) sweep(s) (first at N = \(String(format: "%.3g", o.0))); too few for a trend in N and D"
        } else if optima.isEmpty {
            // no sweep: the rate of the best completed run at the chosen batch
            let best = atBatch.min { (finalLosses[$0] ?? .infinity) < (finalLosses[$1] ?? .infinity) }
            intercept = log(best.map { configs[$0].optimizer.peakLearningRate } ?? 3e-4)
            source = "the best run's rate (no run group tried three or more rates)"
        }
        return HyperparameterChoice2026(batchSize: batch, batchVariedAt: batchVaried,
                                        learningRateOptima: optima.map { ($0.0, $0.1, $0.2) },
                                        rateIntercept: intercept, rateSlope: slope, rateTokenSlope: tokenSlope, rateSource: source)
    }
}
