import Foundation

/// The 2025 protocol's final run from a frontier estimate: the five knobs of a query, its
/// predicted loss, and the narrative of why (justifications) and what not to trust (warnings).
///
/// - Batch size: the evidence's (`HyperparameterEvidence`), if the final-run space allows it.
/// - Learning rate: the surface's fitted lr*(N_opt) when the surface models the rate (held to
///   `maxRateExtrapolation` times the rates tried), else the evidence's.
/// - Shape: the `ShapeRule` shape closest to N_opt in the final-run space.
/// - Loss: the surface at the shape's own N, D = C / (6 N), batch and rate; or the frontier's
///   loss when the estimate is not a surface.
public struct FinalRunDesign: Sendable {
    public var space: SearchSpace
    public var shape: ShapeRule
    public var maxRateExtrapolation: Double

    public struct Design: Sendable {
        public var configuration: Configuration
        /// The predicted loss of `configuration` trained at the target.
        public var loss: Double
        public var justifications: [String]
        public var warnings: [PredictionWarning]
    }

    public func design(estimate: FrontierEstimator.Estimate, evidence: HyperparameterEvidence, runs: [Run],
                       target: Double) -> Design {
        let nOpt = estimate.atTarget.parameters
        let surface = estimate.method == .vpnls ? estimate.surface : nil
        var justifications: [String] = []
        var warnings: [PredictionWarning] = []
        var batch = evidence.batchSize.value
        if !space.batchSizes.contains(batch), let allowed = space.batchSizes.first {
            justifications.append("Batch \(batch) is not allowed for the final run; \(allowed) is used.")
            batch = allowed
        } else {
            justifications.append("Batch size \(batch): " + evidence.batchSize.justification)
        }
        let usedRates = runs.map(\.configuration.learningRate)
        let commonRate = Dictionary(grouping: usedRates, by: { $0 }).max { ($0.value.count, -$0.key) < ($1.value.count, -$1.key) }?.key ?? space.learningRate.upperBound
        var lr = evidence.learningRate(parameters: nOpt, in: space.learningRate, fallback: commonRate)
        if let fitted = surface?.effects?.learningRate {
            lr = fittedLearningRate(fitted, parameters: nOpt, tried: usedRates)
        }
        justifications.append("Learning rate \(NumberFormat.general(lr.value, digits: 3)): " + lr.justification)
        let config = shape.configuration(parameters: nOpt, dModel: space.dModel, numLayers: space.numLayers,
                                         numHeads: space.numHeads, batchSize: batch, learningRate: lr.value)
        let nConfig = config.nonEmbeddingParameters
        justifications.append("Shape \(config.dModel)/\(config.numLayers)/\(config.numHeads): 12 L d^2 = \(NumberFormat.sci(nConfig, digits: 4)), the closest to N_opt at aspect ratio near \(NumberFormat.general(shape.aspectRatio, digits: 3)) and head dimension near \(NumberFormat.general(shape.headDimension, digits: 3)).")
        if abs(log(nConfig / nOpt)) > 0.1 {
            warnings.append(.shapeCannotReach(nOpt: nOpt, chosen: nConfig))
        }
        let loss: Double
        if let s = surface {
            loss = s.loss(parameters: nConfig, tokens: target / (6 * nConfig), batchSize: Double(batch), learningRate: config.learningRate)
            if let note = Self.surfaceChoice(estimate) { justifications.append(note) }
            if !s.notes.isEmpty { justifications.append("Surface fit notes: " + s.notes.joined(separator: "; ")) }
        } else {
            loss = estimate.atTarget.loss
            justifications.append("The loss comes from a power law of the per-budget minimum losses, which has no floor and underestimates losses far beyond the data.")
        }
        return Design(configuration: config, loss: loss, justifications: justifications, warnings: warnings)
    }

    /// Which surface was fitted and why, when effects were candidates.
    static func surfaceChoice(_ e: FrontierEstimator.Estimate) -> String? {
        if let best = e.scoredSurfaces.first {
            let model = best.fit.model
            let others = e.scoredSurfaces.filter { $0.fit.model != model }
                .map { "\($0.fit.model): \(String(format: "%.1f", $0.bic))" }
            return "The surface models \(model) over all \(e.surfacePoints.count) runs (BIC \(String(format: "%.1f", best.bic))\(others.isEmpty ? "" : "; against " + others.joined(separator: ", "))): the runs vary \(model.learningRate ? "the learning rate" : "")\(model.learningRate && model.steps ? " and " : "")\(model.steps ? "the batch size" : "") at fixed models, so the fit can separate those handicaps from the law. N_opt(C) minimises the law plus the fitted starvation of a batch-128 run; the learning-rate handicap is left out, since the final run gets the fitted best rate."
        }
        guard !e.candidates.isEmpty else { return nil }
        let failed = e.failures.filter { $0.effects != nil }.map(\.description).sorted().joined(separator: "; ")
        return "No surface with hyperparameter effects was usable (\(failed)); the plain law was fitted to each model's best run."
    }

    /// The final run's learning rate from the surface's fitted lr*(N), within the final-run range
    /// and at most `maxRateExtrapolation` beyond the rates tried.
    func fittedLearningRate(_ fitted: FittedEffects.LearningRate, parameters n: Double, tried: [Double]) -> HyperparameterEvidence.Choice<Double> {
        let best = fitted.optimum(parameters: n)
        let range = space.learningRate
        var (value, placement) = range.held(best)
        var why = "the surface fit's lr*(N) = \(NumberFormat.general(fitted.optimumAtReference, digits: 3)) (N / 1e7)^\(NumberFormat.general(fitted.optimumExponent, digits: 3)) at N_opt"
        if placement != .inside { why += " is \(NumberFormat.general(best, digits: 3)), outside the final-run range \(NumberFormat.general(range.lowerBound, digits: 3))...\(NumberFormat.general(range.upperBound, digits: 3)); the range's end is used" }
        let f = maxRateExtrapolation
        if let hi = tried.max(), value > hi * 1.05 {
            why += "; it lies beyond the largest rate tried (\(NumberFormat.general(hi, digits: 3))), an extrapolation of the fitted curvature"
            if value > hi * f { value = hi * f; why += ", so it is held at \(NumberFormat.general(f, digits: 3)) times that rate" }
        } else if let lo = tried.min(), value < lo / 1.05 {
            why += "; it lies below the smallest rate tried (\(NumberFormat.general(lo, digits: 3))), an extrapolation of the fitted curvature"
            if value < lo / f { value = lo / f; why += ", so it is held at 1/\(NumberFormat.general(f, digits: 3)) of that rate" }
        }
        return .init(value: value, justification: why + ".")
    }
}
