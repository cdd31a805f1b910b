import Foundation

/// The compute-optimal frontier at a target from observations, whatever protocol produced them:
/// the protocol-neutral part of a prediction.
///
/// 1. The surface: variable projection of the law, with the hyperparameter effects the
///    observations can identify (`candidateEffects`; the best by BIC when there are several),
///    fitted to every observation given; else the plain law on one point per model.
/// 2. The parabola per IsoFLOP profile (Approach 2) and the best run per budget.
/// 3. The method: the surface when it converged to a proper law over three or more budgets with
///    three or more sizes; else the parabolas; else the best runs (`MethodChoice` says why).
/// 4. A seeded bootstrap of the chosen method, at 16 budgets from the smallest fitted to the target.
/// 5. Warnings about the fit itself (few budgets, rejected profiles, wide intervals, long
///    extrapolations); the protocol's final-run design adds its own.
///
/// The protocol chooses the points (which runs stand for a model, which are starved), sets the
/// conditions the frontier assumes (`frontierBatchSize`), and designs the final run from the result.
public struct FrontierEstimator: Sendable {
    public var target: Double
    public var bootstrapResamples: Int
    public var seed: UInt64
    /// Whether the surface fit models hyperparameter effects: `auto` fits those the observations
    /// can identify; `none` fits the plain law.
    public var effects: EffectsChoice
    /// The batch size the frontier assumes when a steps effect is fitted (the protocol's smallest
    /// final-run batch); nil leaves starvation out of the frontier.
    public var frontierBatchSize: Double?

    public enum EffectsChoice: String, CaseIterable, Sendable, Codable {
        case auto, none
    }

    public init(target: Double, bootstrapResamples: Int, seed: UInt64, effects: EffectsChoice = .auto,
                frontierBatchSize: Double? = nil) {
        self.target = target
        self.bootstrapResamples = bootstrapResamples
        self.seed = seed
        self.effects = effects
        self.frontierBatchSize = frontierBatchSize
    }

    /// No method could fit the points: every method's failure.
    public struct NoFit: Error, Sendable, CustomStringConvertible {
        public var failures: [FitFailure]
        public var description: String { message(for: "these points") }
        /// `no method could fit <subject>: ` and every failure, by label.
        public func message(for subject: String) -> String {
            "no method could fit \(subject): " + failures.sorted { $0.label < $1.label }.map(\.description).joined(separator: "; ")
        }
    }

    /// A surface fit with effects, and its information criterion.
    public struct ScoredSurface: Sendable {
        public var fit: SurfaceFit
        public var bic: Double
    }

    public struct Estimate: Sendable {
        public var choice: MethodChoice
        public var method: FitMethod { choice.method }
        /// The fit the frontier comes from.
        public var chosen: any ComputeOptimalFit
        public var surface: SurfaceFit?
        public var parabola: PerBudgetFit?
        public var bestRun: PerBudgetFit?
        public var failures: [FitFailure]
        /// The surfaces with effects that converged, when any was tried; the first is the one kept.
        public var scoredSurfaces: [ScoredSurface]
        /// The effects candidates tried (empty: the plain law only).
        public var candidates: [SurfaceEffects]
        /// The observations the surface was fitted to (every one with effects, else one per model).
        public var surfacePoints: [Observation]
        /// The IsoFLOP profiles of the points (one per model).
        public var profiles: [IsoFLOPProfile]
        /// The frontier at the target (the chosen fit's optimum).
        public var atTarget: BudgetOptimum
        public var bootstrap: BootstrapSummary?
        public var nOpt: Interval
        public var dOpt: Interval
        /// The frontier loss at the target with its interval (a point without a bootstrap).
        public var frontierLoss: Interval
        /// Reasons not to trust the frontier, in the order reports list them.
        public var warnings: [PredictionWarning]

        /// Whether the chosen fit is the surface with effects (fitted to every observation).
        public var fitsEveryObservation: Bool { method == .vpnls && !(surface?.model.isNone ?? true) }
    }

    /// - Parameters:
    ///   - points: one observation per model (its best hyperparameters), for the plain law, the
    ///     parabolas and the best runs;
    ///   - observations: every usable observation, for a surface with effects.
    public func estimate(points: [Observation], observations: [Observation]) throws -> Estimate {
        guard target.isFinite, target > 0 else { throw FittingError(.vpnls, "the target must be a positive number of FLOPs, got \(target)") }
        var failures: [FitFailure] = []
        func attempt<F: ComputeOptimalFitter>(_ f: F) -> F.Fit? {
            do { return try f.fit(points: points) } catch {
                failures.append(FitFailure(method: f.method, cause: .error("\(error)")))
                return nil
            }
        }
        let candidates = effects == .auto ? Self.candidateEffects(observations) : []
        var scored: [ScoredSurface] = []
        for model in candidates {
            do {
                let f = try surfaceFitter(model).fit(points: observations)
                if f.report.converged, f.law.isProper { scored.append(ScoredSurface(fit: f, bic: Self.bic(f, observations.count))) }
                else { failures.append(FitFailure(method: .vpnls, effects: model, cause: f.report.converged ? .improperLaw : .notConverged(f.report))) }
            } catch {
                failures.append(FitFailure(method: .vpnls, effects: model, cause: .error("\(error)")))
            }
        }
        scored.sort { $0.bic < $1.bic }
        let surface: SurfaceFit?
        let surfacePoints: [Observation]
        if let best = scored.first {
            surface = best.fit
            surfacePoints = observations
        } else {
            surface = attempt(surfaceFitter(.none))
            surfacePoints = points
        }
        let parabola = attempt(ParabolaFitter())
        let bestRun = attempt(BestRunFitter())
        let profiles = IsoFLOPProfile.group(points)
        let wideBudgets = profiles.filter { Set($0.points.map(\.parameters)).count >= 3 }.count

        let choice: MethodChoice
        let chosen: any ComputeOptimalFit
        if let s = surface, s.report.converged, s.law.isProper, wideBudgets >= 3 {
            choice = .surface(alpha: s.law.alpha, beta: s.law.beta, budgets: wideBudgets)
            chosen = s
        } else if let parabola {
            choice = .parabola(Self.surfaceProblem(surface, failures, wideBudgets))
            chosen = parabola
        } else if let bestRun {
            choice = .bestRun(Self.surfaceProblem(surface, failures, wideBudgets), parabola: failures.first { $0.method == .parabola && $0.effects == nil })
            chosen = bestRun
        } else {
            throw NoFit(failures: failures)
        }
        let atTarget = chosen.optimum(compute: target)
        guard atTarget.parameters.isFinite, atTarget.parameters > 0 else {
            throw FittingError(choice.method, "the fit gives a non-finite N_opt at \(NumberFormat.sci(target, digits: 3))")
        }

        var warnings: [PredictionWarning] = []
        var summary: BootstrapSummary? = nil
        if bootstrapResamples >= 2 {
            let bootstrap = Bootstrap(resamples: bootstrapResamples, seed: seed)
            do {
                switch choice {
                case .surface:
                    summary = try bootstrap.run(surfaceFitter(surface!.model), points: surfacePoints, full: surface!, computes: bandComputes(surfacePoints))
                case .parabola: summary = try bootstrap.run(ParabolaFitter(), points: points, full: parabola!, computes: bandComputes(points))
                case .bestRun: summary = try bootstrap.run(BestRunFitter(), points: points, full: bestRun!, computes: bandComputes(points))
                }
            } catch {
                warnings.append(.bootstrapFailed("\(error)"))
            }
        }
        let frontier = summary?.frontier(at: target)
        let nOpt = frontier?.nOpt ?? Interval(estimate: atTarget.parameters, lower: atTarget.parameters, upper: atTarget.parameters)
        let dOpt = frontier?.dOpt ?? Interval(estimate: atTarget.tokens, lower: atTarget.tokens, upper: atTarget.tokens)
        let loss = frontier?.loss ?? Interval(estimate: atTarget.loss, lower: atTarget.loss, upper: atTarget.loss)

        if profiles.count < 3 { warnings.append(.fewBudgets(profiles.count)) }
        for r in parabola?.profiles ?? [] where !r.accepted { warnings.append(.rejectedProfile(compute: r.compute, verdict: r.verdict)) }
        if nOpt.lower > 0, nOpt.upper / nOpt.lower > 2 { warnings.append(.wideInterval(lower: nOpt.lower, upper: nOpt.upper)) }
        if let largest = profiles.map(\.compute).max(), target / largest > 300 { warnings.append(.longExtrapolation(ratio: target / largest)) }

        return Estimate(choice: choice, chosen: chosen, surface: surface, parabola: parabola, bestRun: bestRun,
                        failures: failures, scoredSurfaces: scored, candidates: candidates, surfacePoints: surfacePoints,
                        profiles: profiles, atTarget: atTarget, bootstrap: summary, nOpt: nOpt, dOpt: dOpt,
                        frontierLoss: loss, warnings: warnings)
    }

    /// The surface fitter for `model`, assuming this estimator's frontier batch size.
    func surfaceFitter(_ model: SurfaceEffects) -> VariableProjectionFitter {
        var fitter = VariableProjectionFitter()
        fitter.effects = model
        fitter.frontierBatchSize = frontierBatchSize
        return fitter
    }

    /// Where the bootstrap gives intervals: 16 budgets log-spaced from the smallest fitted to the
    /// target (the band of the frontier plot), the target itself last and exact.
    func bandComputes(_ points: [Observation]) -> [Double] {
        let lo = points.map(\.compute).min() ?? target
        guard lo < target else { return [target] }
        return LogSpacing.points(from: lo, to: target, count: 16)
    }

    /// The effects the observations can identify: the steps term when some model (size, compute,
    /// rate) was observed at two batch sizes; the learning-rate term when some model (size,
    /// compute, batch) was observed at three or more rates.
    public static func candidateEffects(_ points: [Observation]) -> [SurfaceEffects] {
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
    static func bic(_ f: SurfaceFit, _ n: Int) -> Double {
        let n = Double(n)
        return n * log(max(f.objective, 1e-300) / n) + Double(f.model.parameterCount) * log(n)
    }

    static func surfaceProblem(_ s: SurfaceFit?, _ failures: [FitFailure], _ wideBudgets: Int) -> SurfaceProblem {
        guard let s else { return .failed(failures.first { $0.method == .vpnls && $0.effects == nil }) }
        if wideBudgets < 3 { return .fewBudgets(wideBudgets) }
        if !s.law.isProper { return .improperLaw(alpha: s.law.alpha, beta: s.law.beta) }
        return .notConverged(s.report)
    }
}
