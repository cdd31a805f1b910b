import Foundation

/// From runs to a prediction for the target budget.
///
/// 1. Hyperparameters: `HyperparameterEvidence` reads the batch size and learning rate from the
///    runs' controlled comparisons.
/// 2. Points: for each model (shape and FLOPs) the run with the best hyperparameters tried stands
///    for it, so learning-rate probes do not pollute the IsoFLOP profiles; runs within a nat of
///    the ceiling (loss above `starvedLoss`: too few optimiser steps to learn) are set aside.
/// 3. Fits: variable projection of the whole surface (the best-conditioned method, fitting.md),
///    the parabola per profile (Approach 2) and the best run per budget. The surface fit is used
///    when it converged to a proper law over three or more budgets; otherwise the parabolas,
///    otherwise the best runs, and the prediction says which and why.
/// 4. The final run: the `ShapeRule` shape closest to N_opt in the final-run space, the evidence's
///    batch size and learning rate; its loss from the surface at its own N and D = C / (6 N).
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
        public var points: [IsoFLOPPoint]
        public var surface: SurfaceFit?
        public var parabola: PerBudgetFit?
        public var bestRun: PerBudgetFit?
        /// Why a method could not be fitted, by method.
        public var failures: [String: String]
        public var bootstrap: BootstrapSummary?
    }

    public func predict(runs: [Run]) throws -> Report {
        guard target.isFinite, target > 0 else { throw FittingError(.vpnls, "the target must be a positive number of FLOPs, got \(target)") }
        let evidence = HyperparameterEvidence(runs: runs)
        var excluded: [String] = []
        let points = selectPoints(runs, excluded: &excluded)
        var failures: [String: String] = [:]
        func attempt<F: ComputeOptimalFitter>(_ f: F) -> F.Fit? {
            do { return try f.fit(points: points) } catch {
                failures[f.method.rawValue] = "\(error)"
                return nil
            }
        }
        let surface = attempt(VariableProjectionFitter())
        let parabola = attempt(ParabolaFitter())
        let bestRun = attempt(BestRunFitter())
        let profiles = IsoFLOPProfile.group(points)
        let wideBudgets = profiles.filter { Set($0.points.map(\.parameters)).count >= 3 }.count

        var warnings: [String] = []
        let method: FitMethod
        let reason: String
        if let s = surface, s.report.converged, s.law.isProper, wideBudgets >= 3 {
            method = .vpnls
            reason = "the variable-projection surface fit converged to a proper law (alpha \(NumberFormat.general(s.law.alpha, digits: 3)), beta \(NumberFormat.general(s.law.beta, digits: 3))) over \(wideBudgets) budgets with three or more sizes; it uses every run and gives the loss as well as the size"
        } else if parabola != nil {
            method = .parabola
            reason = "the surface fit was not usable (\(surfaceProblem(surface, failures, wideBudgets))); the parabola vertices of the IsoFLOP profiles were"
        } else if bestRun != nil {
            method = .bestRun
            reason = "neither the surface fit (\(surfaceProblem(surface, failures, wideBudgets))) nor the parabolas (\(failures[FitMethod.parabola.rawValue] ?? "?")) were usable; the best run per budget is all that is left"
        } else {
            throw FittingError(.bestRun, "no method could fit these \(runs.count) runs: " + failures.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "))
        }

        let chosen: any ComputeOptimalFit = method == .vpnls ? surface! : method == .parabola ? parabola! : bestRun!
        let nOpt = chosen.nOpt(compute: target)
        let dOpt = chosen.dOpt(compute: target)
        guard nOpt.isFinite, nOpt > 0 else { throw FittingError(method, "the fit gives a non-finite N_opt at \(NumberFormat.sci(target, digits: 3))") }

        var justifications: [String] = []
        var batch = evidence.batchSize.value
        if !space.batchSizes.contains(batch) {
            justifications.append("Batch \(batch) is not allowed for the final run; \(space.batchSizes[0]) is used.")
            batch = space.batchSizes[0]
        } else {
            justifications.append("Batch size \(batch): " + evidence.batchSize.justification)
        }
        let usedRates = runs.map(\.configuration.learningRate)
        let commonRate = Dictionary(grouping: usedRates, by: { $0 }).max { ($0.value.count, -$0.key) < ($1.value.count, -$1.key) }?.key ?? space.learningRate.upperBound
        let lr = evidence.learningRate(parameters: nOpt, in: space.learningRate, fallback: commonRate)
        justifications.append("Learning rate \(NumberFormat.general(lr.value, digits: 3)): " + lr.justification)
        let config = shape.configuration(parameters: nOpt, dModel: space.dModel, numLayers: space.numLayers,
                                         numHeads: space.numHeads, batchSize: batch, learningRate: lr.value)
        let nConfig = config.nonEmbeddingParameters
        justifications.append("Shape \(config.dModel)/\(config.numLayers)/\(config.numHeads): 12 L d^2 = \(NumberFormat.sci(nConfig, digits: 4)), the closest to N_opt at aspect ratio near \(NumberFormat.general(shape.aspectRatio, digits: 3)) and head dimension near \(NumberFormat.general(shape.headDimension, digits: 3)).")
        if abs(log(nConfig / nOpt)) > 0.1 {
            warnings.append("the final-run space cannot reach N_opt = \(NumberFormat.sci(nOpt, digits: 3)) closely: the chosen shape has \(NumberFormat.sci(nConfig, digits: 3))")
        }
        let configLoss: Double
        if let s = surface, method == .vpnls {
            configLoss = s.law.loss(parameters: nConfig, tokens: target / (6 * nConfig))
        } else {
            configLoss = chosen.predictedLoss(compute: target)
            justifications.append("The loss comes from a power law of the per-budget minimum losses, which has no floor and underestimates losses far beyond the data.")
        }

        var summary: BootstrapSummary? = nil
        if bootstrapResamples >= 2 {
            let bootstrap = Bootstrap(resamples: bootstrapResamples, seed: seed)
            do {
                switch method {
                case .vpnls: summary = try bootstrap.run(VariableProjectionFitter(), points: points, full: surface!, computes: bandComputes(points))
                case .parabola: summary = try bootstrap.run(ParabolaFitter(), points: points, full: parabola!, computes: bandComputes(points))
                default: summary = try bootstrap.run(BestRunFitter(), points: points, full: bestRun!, computes: bandComputes(points))
                }
            } catch {
                warnings.append("the bootstrap failed (\(error)): the intervals below are points")
            }
        }
        let frontier = summary?.frontier(at: target)
        let nInterval = frontier?.nOpt ?? Interval(estimate: nOpt, lower: nOpt, upper: nOpt)
        let dInterval = frontier?.dOpt ?? Interval(estimate: dOpt, lower: dOpt, upper: dOpt)
        // The configuration's loss interval: the frontier loss's interval moved to the configuration.
        let shift = configLoss - chosen.predictedLoss(compute: target)
        let lossInterval = frontier.map { Interval(estimate: configLoss, lower: $0.loss.lower + shift, upper: $0.loss.upper + shift) }
            ?? Interval(estimate: configLoss, lower: configLoss, upper: configLoss)

        if profiles.count < 3 { warnings.append("only \(profiles.count) budget(s) were fitted; a law needs three or more") }
        if let p = parabola {
            for r in p.profiles where !r.accepted { warnings.append("profile at \(NumberFormat.sci(r.compute, digits: 3)) FLOPs: \(r.verdict)") }
        }
        if nInterval.lower > 0, nInterval.upper / nInterval.lower > 2 {
            warnings.append("the N_opt interval spans more than a factor of two (\(NumberFormat.sci(nInterval.lower, digits: 3)) to \(NumberFormat.sci(nInterval.upper, digits: 3)))")
        }
        if let largest = profiles.map(\.compute).max(), target / largest > 300 {
            warnings.append("the target is \(NumberFormat.general(target / largest, digits: 3)) times the largest budget fitted: a long extrapolation")
        }
        if let s = surface, method == .vpnls, !s.notes.isEmpty { justifications.append("Surface fit notes: " + s.notes.joined(separator: "; ")) }

        let prediction = Prediction(
            target: target, method: method, methodReason: reason, nOpt: nInterval, dOpt: dInterval,
            configuration: config, loss: lossInterval, nOptLaw: chosen.nOptLaw, dOptLaw: chosen.dOptLaw,
            justifications: justifications, warnings: warnings, runsUsed: points.count, runsExcluded: excluded,
            bootstrapResamples: summary?.resamples ?? 0)
        return Report(prediction: prediction, evidence: evidence, points: points, surface: surface,
                      parabola: parabola, bestRun: bestRun, failures: failures, bootstrap: summary)
    }

    /// Where the bootstrap gives intervals: 16 budgets log-spaced from the smallest fitted to the
    /// target (the band of the frontier plot), the target itself last and exact.
    func bandComputes(_ points: [IsoFLOPPoint]) -> [Double] {
        let lo = points.map(\.compute).min() ?? target
        guard lo < target else { return [target] }
        return (0..<15).map { lo * pow(target / lo, Double($0) / 15) } + [target]
    }

    /// One point per model (shape and FLOPs): its best run. Starved runs are set aside.
    func selectPoints(_ runs: [Run], excluded: inout [String]) -> [IsoFLOPPoint] {
        struct Key: Hashable { let d, l, h: Int; let flops: Int64 }
        var best: [Key: Run] = [:]
        var order: [Key] = []
        var starved = 0
        for r in runs {
            if !(r.loss.isFinite && r.loss < starvedLoss) { starved += 1; continue }
            let c = r.configuration
            let k = Key(d: c.dModel, l: c.numLayers, h: c.numHeads, flops: r.trainFlops)
            if let b = best[k] { if r.loss < b.loss { best[k] = r } } else { best[k] = r; order.append(k) }
        }
        if starved > 0 {
            excluded.append("\(starved) starved run(s) with loss >= \(NumberFormat.general(starvedLoss, digits: 3)) (too few optimiser steps to learn)")
        }
        let dominated = runs.count - starved - order.count
        if dominated > 0 {
            excluded.append("\(dominated) run(s) of models also run with better hyperparameters (only each model's best run is fitted)")
        }
        return order.map { IsoFLOPPoint(run: best[$0]!) }
    }

    func surfaceProblem(_ s: SurfaceFit?, _ failures: [String: String], _ wideBudgets: Int) -> String {
        guard let s else { return failures[FitMethod.vpnls.rawValue] ?? "no fit" }
        if wideBudgets < 3 { return "only \(wideBudgets) budgets with three or more sizes" }
        if !s.law.isProper { return "the law is improper (alpha \(NumberFormat.general(s.law.alpha, digits: 3)), beta \(NumberFormat.general(s.law.beta, digits: 3)))" }
        return "the solver did not converge: \(s.report)"
    }
}

extension SearchSpace {
    /// A generous final-run space for the 1e19 target: shapes well past the API's ranges, batch
    /// 128 or 256 (the assignment's rule), any learning rate from 1e-5 to 1e-2.
    public static let finalRuns = SearchSpace(dModel: 64...4096, numLayers: 2...64, numHeads: 2...64,
                                              batchSizes: [128, 256], learningRate: 1e-5...1e-2)
}
