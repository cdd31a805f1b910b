import Foundation

/// From runs to a prediction for the target budget.
///
/// 1. Hyperparameters: `HyperparameterEvidence` reads the batch size and learning rate from the
///    runs' controlled comparisons.
/// 2. Points: for each model (shape and FLOPs) the run with the best hyperparameters tried stands
///    for it, so learning-rate probes do not pollute the IsoFLOP profiles; runs within a nat of
///    the ceiling (loss above `starvedLoss`: too few optimiser steps to learn) are set aside.
/// 3. Fits: variable projection of the whole surface (the best-conditioned method, fitting.md).
///    When the runs can identify them (`candidateEffects`), the surface models the optimiser-steps
///    and learning-rate effects beside the law (`SurfaceEffects`) and is fitted to every run that
///    is not starved, probes included; otherwise the plain law is fitted to the points. Also the
///    parabola per profile (Approach 2) and the best run per budget. The surface fit is used
///    when it converged to a proper law over three or more budgets; otherwise the parabolas,
///    otherwise the best runs, and the prediction says which and why.
/// 4. The final run: the `ShapeRule` shape closest to N_opt in the final-run space, the evidence's
///    batch size, and the surface's fitted best learning rate (bounded to `maxRateExtrapolation`
///    times the rates tried) or else the evidence's; its loss from the surface at its own N,
///    D = C / (6 N), batch and rate.
/// 5. Intervals: a seeded bootstrap of the chosen method (resample runs, refit).
public struct Predictor: Sendable {
    public var target: Double
    /// The final-run space: the shape ranges, batch sizes {128, 256} and learning-rate range.
    public var space: SearchSpace
    public var shape: ShapeRule
    public var bootstrapResamples: Int
    public var seed: UInt64
    /// Runs whose loss is above this are starved (near ln(32000) = 10.37) and set aside.
    public var starvedLoss: Double
    /// Whether the surface fit models hyperparameter effects (`SurfaceEffects`): `auto` fits
    /// those the runs can identify (the best by BIC if there are several candidates); `none` fits the plain law.
    public var effects: FrontierEstimator.EffectsChoice = .auto
    /// How far beyond the rates tried the fitted lr*(N) may take the final run's rate (a factor):
    /// the vertex of a parabola fitted on one side of it is an extrapolation whose error grows
    /// fast with the distance.
    public var maxRateExtrapolation: Double = 1.5

    public init(target: Double = 1e19, space: SearchSpace = .finalRuns, shape: ShapeRule = ShapeRule(),
                bootstrapResamples: Int = 200, seed: UInt64 = 0, starvedLoss: Double = 9.5) {
        self.target = target
        self.space = space
        self.shape = shape
        self.bootstrapResamples = bootstrapResamples
        self.seed = seed
        self.starvedLoss = starvedLoss
    }

    /// Everything behind a prediction, for reports and plots.
    public struct Report: Encodable, Sendable {
        public var prediction: Prediction
        public var evidence: HyperparameterEvidence
        /// The points fitted (one per model).
        public var points: [Observation]
        public var surface: SurfaceFit?
        public var parabola: PerBudgetFit?
        public var bestRun: PerBudgetFit?
        /// Why a method could not be fitted (written as an object from method to reason).
        public var failures: FitFailures
        public var bootstrap: BootstrapSummary?
    }

    /// The estimator of the frontier these runs support: the neutral core, told the 2025
    /// protocol's frontier condition (the smallest final-run batch, which starves a run least).
    public var estimator: FrontierEstimator {
        FrontierEstimator(target: target, bootstrapResamples: bootstrapResamples, seed: seed, effects: effects,
                          frontierBatchSize: space.batchSizes.first.map(Double.init))
    }

    public func predict(runs: [Run]) throws -> Report {
        let evidence = HyperparameterEvidence(runs: runs)
        let selection = RunSelection(starvedLoss: starvedLoss)
        var excluded: [String] = []
        let points = selection.points(runs, excluded: &excluded)
        let estimate: FrontierEstimator.Estimate
        do {
            estimate = try estimator.estimate(points: points, observations: selection.observations(runs))
        } catch let error as FrontierEstimator.NoFit {
            throw FittingError(.bestRun, error.message(for: "these \(runs.count) runs"))
        }
        let design = FinalRunDesign(space: space, shape: shape, maxRateExtrapolation: maxRateExtrapolation)
            .design(estimate: estimate, evidence: evidence, runs: runs, target: target)

        // The effects surface fits every run, probes included; the other methods one per model.
        let fitsEveryRun = estimate.fitsEveryObservation
        let dominated = runs.filter(selection.fittable).count - points.count
        if !fitsEveryRun, dominated > 0 {
            excluded.append("\(dominated) run(s) of models also run with better hyperparameters (only each model's best run is fitted)")
        }
        // The configuration's loss interval: the frontier loss's interval moved to the configuration.
        let shift = design.loss - estimate.atTarget.loss
        let frontierLoss = estimate.frontierLoss
        let lossInterval = estimate.bootstrap?.frontier(at: target) == nil
            ? Interval(estimate: design.loss, lower: design.loss, upper: design.loss)
            : Interval(estimate: design.loss, lower: frontierLoss.lower + shift, upper: frontierLoss.upper + shift)
        let prediction = Prediction(
            target: target, method: estimate.method, methodReason: estimate.choice.description,
            nOpt: estimate.nOpt, dOpt: estimate.dOpt, configuration: design.configuration, loss: lossInterval,
            nOptLaw: estimate.chosen.nOptLaw, dOptLaw: estimate.chosen.dOptLaw,
            justifications: design.justifications, warnings: design.warnings + estimate.warnings,
            runsUsed: fitsEveryRun ? estimate.surfacePoints.count : points.count, runsExcluded: excluded,
            bootstrapResamples: estimate.bootstrap?.resamples ?? 0)
        return Report(prediction: prediction, evidence: evidence, points: points, surface: estimate.surface,
                      parabola: estimate.parabola, bestRun: estimate.bestRun, failures: FitFailures(estimate.failures),
                      bootstrap: estimate.bootstrap)
    }
}

