import Foundation

/// What a campaign's own runs say about the batch size and learning rate of the final run.
///
/// Only controlled comparisons count: runs that share everything (shape, FLOPs and the other
/// hyperparameter) and differ in the one being judged.
/// - Batch size: 256 only when it beats 128 in every paired comparison; otherwise, or without
///   pairs, 128 (at equal FLOPs it takes twice the optimiser steps of 256), and the note says why.
/// - Learning rate: in each group of runs differing only in learning rate, the best one; with
///   three or more rates, the vertex of a parabola in ln(lr) when it opens upward and its vertex
///   lies inside the rates tried.
///   When optima from groups of different sizes are interior, ln lr* = c0 + c1 ln N is fitted
///   and extrapolated to the target size. When the best rate is the largest tried everywhere,
///   the evidence is only that: the largest tried is chosen and the note says so.
public struct HyperparameterEvidence: Codable, Sendable, Equatable {
    public struct Choice<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
        public var value: Value
        /// Why: the evidence, in one or two sentences.
        public var justification: String
    }

    /// One learning-rate comparison: the runs of one shape and budget that differ only in lr.
    public struct LearningRateGroup: Codable, Sendable, Equatable {
        public var parameters: Double
        public var trainFlops: Int64
        public var batchSize: Int
        public var rates: [Double]
        public var losses: [Double]
        /// The best rate: a parabola vertex when interior, else the best rate tried.
        public var optimum: Double
        public var interior: Bool
    }

    public var batchSize: Choice<Int>
    public var learningRateGroups: [LearningRateGroup]
    /// ln lr* = c0 + c1 ln N, when two or more sizes gave interior optima.
    public var learningRateLaw: PowerLaw?

    public init(runs: [Run]) {
        batchSize = Self.batchChoice(runs)
        learningRateGroups = Self.learningRateGroups(runs)
        let interior = learningRateGroups.filter(\.interior)
        if Set(interior.map(\.parameters)).count >= 2 {
            learningRateLaw = try? PowerLaw.fit(x: interior.map(\.parameters), y: interior.map(\.optimum))
        } else {
            learningRateLaw = nil
        }
    }

    /// The learning rate for a model of `parameters` at the target, kept inside `range`; the
    /// justification says when the range bound was used instead of the evidence's value.
    public func learningRate(parameters: Double, in range: ClosedRange<Double>, fallback: Double) -> Choice<Double> {
        func bounded(_ lr: Double, _ why: String) -> Choice<Double> {
            let (value, placement) = range.held(lr)
            switch placement {
            case .inside: return Choice(value: lr, justification: why)
            case .above:
                return Choice(value: value, justification: why + " The evidence points to \(NumberFormat.general(lr, digits: 3)), above the final-run range; the range's maximum \(NumberFormat.general(value, digits: 3)) is used.")
            case .below:
                return Choice(value: value, justification: why + " The evidence points to \(NumberFormat.general(lr, digits: 3)), below the final-run range; the range's minimum \(NumberFormat.general(value, digits: 3)) is used.")
            }
        }
        if let law = learningRateLaw {
            let lr = law(parameters)
            return bounded(lr, "The best learning rate fell with model size as lr* = \(NumberFormat.general(law.coefficient, digits: 3)) N^\(NumberFormat.general(law.exponent, digits: 3)) over \(learningRateGroups.filter(\.interior).count) interior optima; extrapolated to N = \(NumberFormat.general(parameters, digits: 3)).")
        }
        if let g = learningRateGroups.filter(\.interior).max(by: { $0.parameters < $1.parameters }) {
            return bounded(g.optimum, "One size (N = \(NumberFormat.general(g.parameters, digits: 3))) had an interior optimum at \(NumberFormat.general(g.optimum, digits: 3)); used as is, since one size cannot show a trend.")
        }
        if !learningRateGroups.isEmpty {
            let best = learningRateGroups.map(\.optimum)
            let largestTried = learningRateGroups.flatMap(\.rates).max()!
            if best.allSatisfy({ $0 == largestTried }) {
                return bounded(largestTried, "The only evidence is that the best learning rate was the largest tried (\(NumberFormat.general(largestTried, digits: 3))) in all \(learningRateGroups.count) comparisons; the true optimum may be larger.")
            }
            let median = best.sorted()[best.count / 2]
            return bounded(median, "The best rate tried varied between comparisons (\(best.map { NumberFormat.general($0, digits: 3) }.joined(separator: ", "))); the median is used.")
        }
        return bounded(fallback, "No run compared learning rates; \(NumberFormat.general(fallback, digits: 3)) (the rate of the campaign's runs) is used without evidence.")
    }

    static func batchChoice(_ runs: [Run]) -> Choice<Int> {
        var byKey: [ModelKey: [Int: Double]] = [:]
        for r in runs { byKey[r.modelAtRate, default: [:]][r.configuration.batchSize] = r.loss }
        let diffs = byKey.values.compactMap { m -> Double? in
            guard let a = m[128], let b = m[256] else { return nil }
            return b - a
        }
        guard !diffs.isEmpty else {
            return Choice(value: 128, justification: "No run compared batch sizes; 128 is used because at equal FLOPs it takes twice the optimiser steps of 256.")
        }
        let mean = diffs.reduce(0, +) / Double(diffs.count)
        // 256 only when it wins every comparison: one noisy pair must not flip the choice, and
        // at equal FLOPs 128 takes twice the optimiser steps.
        let v = diffs.allSatisfy { $0 < 0 } ? 256 : 128
        return Choice(value: v, justification: "Over \(diffs.count) paired run(s), batch 256 was \(mean > 0 ? "worse" : "better") than 128 by \(NumberFormat.general(abs(mean), digits: 3)) nats on average\(v == 128 && mean < 0 ? ", but not in every pair, so 128 (twice the optimiser steps) is kept" : "").")
    }

    static func learningRateGroups(_ runs: [Run]) -> [LearningRateGroup] {
        var groups: [ModelKey: [Run]] = [:]
        var order: [ModelKey] = []
        for r in runs {
            let k = r.modelAtBatch
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(r)
        }
        return order.compactMap { k in
            let rs = groups[k]!.sorted { $0.configuration.learningRate < $1.configuration.learningRate }
            guard Set(rs.map(\.configuration.learningRate)).count >= 2 else { return nil }
            let best = rs.min { $0.loss < $1.loss }!
            var optimum = best.configuration.learningRate
            var interior = false
            // The vertex counts when the parabola opens upward with its vertex inside the rates
            // tried, even if the best run is an end one (a vertex between the two lowest rates).
            if rs.count >= 3,
               let p = try? ParabolaFitter.parabola(IsoFLOPProfile(
                   compute: Double(k.trainFlops),
                   points: rs.map { Observation(parameters: $0.configuration.learningRate, compute: Double(k.trainFlops), loss: $0.loss) })),
               p.accepted {
                // The parabola is in ln x: here x is the learning rate (the code is the IsoFLOP vertex's).
                optimum = p.vertexParameters
                interior = true
            }
            return LearningRateGroup(parameters: rs[0].configuration.nonEmbeddingParameters, trainFlops: k.trainFlops,
                                     batchSize: rs[0].configuration.batchSize, rates: rs.map(\.configuration.learningRate),
                                     losses: rs.map(\.loss), optimum: optimum, interior: interior)
        }
    }
}

