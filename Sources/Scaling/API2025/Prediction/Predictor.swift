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
    public var effects: EffectsChoice = .auto
    /// How far beyond the rates tried the fitted lr*(N) may take the final run's rate (a factor):
    /// the vertex of a parabola fitted on one side of it is an extrapolation whose error grows
    /// fast with the distance.
    public var maxRateExtrapolation: Double = 1.5

    public enum EffectsChoice: String, CaseIterable, Sendable, Codable {
        case auto, none
    }

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
        // The surface: the law with the hyperparameter effects the runs can identify, chosen by
        // the Bayesian information criterion, fitted to every run (the probes are the evidence);
        // else the plain law on each model's best run.
        let allPoints = effectsPoints(runs)
        var surface: SurfaceFit? = nil
        var surfacePoints = points
        var surfaceChoice: String? = nil
        let candidates = effects == .auto ? candidateEffects(allPoints) : []
        var scored: [(fit: SurfaceFit, bic: Double)] = []
        for model in candidates {
            var fitter = VariableProjectionFitter()
            fitter.effects = model
            do {
                let f = try fitter.fit(points: allPoints)
                if f.report.converged, f.law.isProper { scored.append((f, bic(f, allPoints.count))) }
                else { failures["vpnls (\(model))"] = f.report.converged ? "improper law" : "did not converge: \(f.report)" }
            } catch {
                failures["vpnls (\(model))"] = "\(error)"
            }
        }
        if let best = scored.min(by: { $0.bic < $1.bic }) {
            surface = best.fit
            surfacePoints = allPoints
            let others = scored.filter { $0.fit.model != best.fit.model }
                .map { "\($0.fit.model): \(String(format: "%.1f", $0.bic))" }
            surfaceChoice = "The surface models \(best.fit.model) over all \(allPoints.count) runs (BIC \(String(format: "%.1f", best.bic))\(others.isEmpty ? "" : "; against " + others.joined(separator: ", "))): the runs vary \(best.fit.model.learningRate ? "the learning rate" : "")\(best.fit.model.learningRate && best.fit.model.steps ? " and " : "")\(best.fit.model.steps ? "the batch size" : "") at fixed models, so the fit can separate those handicaps from the law. N_opt(C) minimises the law plus the fitted starvation of a batch-128 run; the learning-rate handicap is left out, since the final run gets the fitted best rate."
        } else {
            if !candidates.isEmpty { surfaceChoice = "No surface with hyperparameter effects was usable (\(failures.filter { $0.key.hasPrefix("vpnls (") }.map { "\($0.key): \($0.value)" }.sorted().joined(separator: "; "))); the plain law was fitted to each model's best run." }
            surface = attempt(VariableProjectionFitter())
        }
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
        let atTarget = chosen.optimum(compute: target)
        let nOpt = atTarget.parameters, dOpt = atTarget.tokens
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
        var lr = evidence.learningRate(parameters: nOpt, in: space.learningRate, fallback: commonRate)
        if method == .vpnls, let fitted = surface?.effects?.learningRate {
            lr = fittedLearningRate(fitted, parameters: nOpt, tried: usedRates)
        }
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
            configLoss = s.loss(parameters: nConfig, tokens: target / (6 * nConfig), batchSize: Double(batch), learningRate: config.learningRate)
            if let note = surfaceChoice { justifications.append(note) }
        } else {
            configLoss = atTarget.loss
            justifications.append("The loss comes from a power law of the per-budget minimum losses, which has no floor and underestimates losses far beyond the data.")
        }

        var summary: BootstrapSummary? = nil
        if bootstrapResamples >= 2 {
            let bootstrap = Bootstrap(resamples: bootstrapResamples, seed: seed)
            do {
                switch method {
                case .vpnls:
                    var fitter = VariableProjectionFitter()
                    fitter.effects = surface!.model
                    summary = try bootstrap.run(fitter, points: surfacePoints, full: surface!, computes: bandComputes(surfacePoints))
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
        let shift = configLoss - atTarget.loss
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

        // The effects surface fits every run, probes included; the other methods one per model.
        let fitsEveryRun = method == .vpnls && !(surface?.model.isNone ?? true)
        let dominated = runs.filter(fittable).count - points.count
        if !fitsEveryRun, dominated > 0 {
            excluded.append("\(dominated) run(s) of models also run with better hyperparameters (only each model's best run is fitted)")
        }
        let prediction = Prediction(
            target: target, method: method, methodReason: reason, nOpt: nInterval, dOpt: dInterval,
            configuration: config, loss: lossInterval, nOptLaw: chosen.nOptLaw, dOptLaw: chosen.dOptLaw,
            justifications: justifications, warnings: warnings, runsUsed: fitsEveryRun ? surfacePoints.count : points.count, runsExcluded: excluded,
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

    /// One point per model (shape and FLOPs): its best run. Starved runs are set aside (and
    /// counted in `excluded`); `predict` reports the runs this leaves out, when they are.
    func selectPoints(_ runs: [Run], excluded: inout [String]) -> [IsoFLOPPoint] {
        struct Key: Hashable { let d, l, h: Int; let flops: Int64 }
        var best: [Key: Run] = [:]
        var order: [Key] = []
        var starved = 0
        for r in runs {
            if !fittable(r) { starved += 1; continue }
            let c = r.configuration
            let k = Key(d: c.dModel, l: c.numLayers, h: c.numHeads, flops: r.trainFlops)
            if let b = best[k] { if r.loss < b.loss { best[k] = r } } else { best[k] = r; order.append(k) }
        }
        if starved > 0 {
            excluded.append("\(starved) starved run(s) with loss >= \(NumberFormat.general(starvedLoss, digits: 3)) (too few optimiser steps to learn)")
        }
        return order.map { IsoFLOPPoint(run: best[$0]!) }
    }

    /// Every run that is not starved, once per distinct query: the effects fits need the
    /// probes that `selectPoints` sets aside.
    func effectsPoints(_ runs: [Run]) -> [IsoFLOPPoint] {
        var seen = Set<Query>()
        return runs.filter { fittable($0) && seen.insert($0.query).inserted }.map { IsoFLOPPoint(run: $0) }
    }

    /// A run the fits may use: a finite loss below `starvedLoss`.
    func fittable(_ run: Run) -> Bool { run.loss.isFinite && run.loss < starvedLoss }

    /// The effects the runs can identify: the steps term when some model (shape, FLOPs, rate)
    /// ran at two batch sizes; the learning-rate term when some model (shape, FLOPs, batch) ran
    /// at three or more rates. With the learning-rate term, both a fixed and a size-dependent
    /// curvature are candidates.
    func candidateEffects(_ points: [IsoFLOPPoint]) -> [SurfaceEffects] {
        struct Model: Hashable { let n, c: Double; let other: Double? }
        let batches = Dictionary(grouping: points) { Model(n: $0.parameters, c: $0.compute, other: $0.learningRate) }
            .values.map { Set($0.compactMap(\.batchSize)).count }
        let rates = Dictionary(grouping: points) { Model(n: $0.parameters, c: $0.compute, other: $0.batchSize) }
            .values.map { Set($0.compactMap(\.learningRate)).count }
        let steps = (batches.max() ?? 0) >= 2, rate = (rates.max() ?? 0) >= 3
        if rate { return [SurfaceEffects(steps: steps, learningRate: true)] }
        return steps ? [SurfaceEffects(steps: true)] : []
    }

    /// The Bayesian information criterion n ln(RSS / n) + k ln n of a surface fit.
    func bic(_ f: SurfaceFit, _ n: Int) -> Double {
        let n = Double(n)
        return n * log(max(f.objective, 1e-300) / n) + Double(f.model.parameterCount) * log(n)
    }

    /// The final run's learning rate from the surface's fitted lr*(N), within the final-run range.
    func fittedLearningRate(_ fitted: FittedEffects.LearningRate, parameters n: Double, tried: [Double]) -> HyperparameterEvidence.Choice<Double> {
        let best = fitted.optimum(parameters: n)
        let range = space.learningRate
        var value = min(max(best, range.lowerBound), range.upperBound)
        var why = "the surface fit's lr*(N) = \(NumberFormat.general(fitted.optimumAtReference, digits: 3)) (N / 1e7)^\(NumberFormat.general(fitted.optimumExponent, digits: 3)) at N_opt"
        if value != best { why += " is \(NumberFormat.general(best, digits: 3)), outside the final-run range \(NumberFormat.general(range.lowerBound, digits: 3))...\(NumberFormat.general(range.upperBound, digits: 3)); the range's end is used" }
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
