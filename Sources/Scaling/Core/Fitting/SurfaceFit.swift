import Foundation

/// A parametric fit of the whole loss surface (Approach 3 or variable projection).
public struct SurfaceFit: ComputeOptimalFit {
    public var method: FitMethod
    public var law: ChinchillaLaw
    /// The minimised objective: the Huber sum (parametric) or the residual sum of squares (VPNLS).
    public var objective: Double
    /// The report of the solver run that produced `law`.
    public var report: SolverReport
    /// Starts tried, and how many of them converged.
    public var starts: Int
    public var convergedStarts: Int
    /// How the starts ended, and their iterations.
    public var startOutcomes: StartOutcomes
    /// Further notes (active NNLS constraints, ...).
    public var notes: [String]
    /// The distinct best local optima found, best first, as solver coordinates; bootstrap
    /// resamples start from these instead of the full grid.
    public var warmStarts: [[Double]]
    /// The data's budgets, for `budgetOptima`.
    public var budgets: [Double]
    /// The hyperparameter effects fitted beside the law (`VariableProjectionFitter.effects`);
    /// nil for the plain law. The frontier is the law's: a run at its best learning rate and with
    /// enough optimiser steps, which is what the effects are fitted to remove.
    public var effects: FittedEffects? = nil
    /// Which effects were modelled (what a refit, such as a bootstrap resample, must model too).
    public var model: SurfaceEffects = .none
    /// The batch size the frontier assumes when the steps effect is fitted, set by the protocol
    /// (2025: the final run's smallest allowed batch, which starves it least); nil leaves the
    /// steps effect out of the frontier.
    public var frontierBatchSize: Double? = nil

    /// The fitted loss of N parameters trained on D tokens at this batch size and learning rate:
    /// the law plus the fitted effects.
    public func loss(parameters n: Double, tokens d: Double, batchSize: Double?, learningRate: Double?) -> Double {
        law.loss(parameters: n, tokens: d) + (effects?.penalty(parameters: n, tokens: d, batchSize: batchSize, learningRate: learningRate) ?? 0)
    }

    /// The law's frontier, N_opt = k C^a (exact without a steps effect, the asymptote with one).
    public var nOptLaw: PowerLaw { law.nOptLaw }
    public var dOptLaw: PowerLaw { law.dOptLaw }

    /// The compute-optimal point: the law's, or with a fitted steps effect the N that minimises
    /// the law plus the starvation of a `frontierBatchSize` run (a search in ln N within a
    /// factor e^3 of the law's optimum, where the loss is unimodal), with its loss. The
    /// learning-rate effect is not in it: the final run is given the fitted best rate.
    public func optimum(compute c: Double) -> BudgetOptimum {
        let base = law.nOpt(compute: c)
        guard effects?.steps != nil else { return BudgetOptimum(compute: c, parameters: base, loss: law.frontierLoss(compute: c)) }
        let centre = Foundation.log(base)
        let found = try? Minimizer1D.minimize({ frontierLoss(parameters: Foundation.exp($0), compute: c) },
                                               over: (centre - 3)...(centre + 3), gridPoints: 61)
        let n = found.map { Foundation.exp($0.x) } ?? base
        return BudgetOptimum(compute: c, parameters: n, loss: frontierLoss(parameters: n, compute: c))
    }

    public func nOpt(compute c: Double) -> Double { optimum(compute: c).parameters }
    public func predictedLoss(compute c: Double) -> Double { optimum(compute: c).loss }

    /// The loss of N parameters at compute C on the frontier's terms: the law plus the steps
    /// effect at `frontierBatchSize`, at the best learning rate.
    func frontierLoss(parameters n: Double, compute c: Double) -> Double {
        loss(parameters: n, tokens: c / (6 * n), batchSize: frontierBatchSize, learningRate: nil)
    }

    public var budgetOptima: [BudgetOptimum] { budgets.map(optimum(compute:)) }

    public var parameters: [NamedValue] {
        [NamedValue("E", law.E), NamedValue("A", law.A), NamedValue("B", law.B),
         NamedValue("alpha", law.alpha), NamedValue("beta", law.beta),
         NamedValue("N_opt k", nOptLaw.coefficient), NamedValue("N_opt a", nOptLaw.exponent),
         NamedValue("D_opt k", dOptLaw.coefficient), NamedValue("D_opt b", dOptLaw.exponent)]
            + (effects?.steps.map { [NamedValue("steps S", $0.scale), NamedValue("steps gamma", $0.exponent)] } ?? [])
            + (effects?.learningRate.map { [NamedValue("lr k", $0.curvature), NamedValue("lr k exponent", $0.curvatureExponent),
                                            NamedValue("lr* at 1e7", $0.optimumAtReference), NamedValue("lr* exponent", $0.optimumExponent)] } ?? [])
    }

    public var diagnostics: String {
        let extra = notes.isEmpty ? "" : "; " + notes.joined(separator: "; ")
        return "best of \(starts) starts (\(convergedStarts) converged; \(startOutcomes)): \(report)\(extra)"
    }
}

extension SurfaceFit {
    /// A multi-start surface fit whose answer is `law`, from `best` among `minima`; throws when
    /// the law has no compute-optimal frontier.
    init(method: FitMethod, law: ChinchillaLaw, best: Minimum, minima: [Minimum], notes: [String],
         warmStarts: [[Double]], points: [Observation]) throws {
        guard law.isProper else {
            throw FittingError(method, "the best optimum has no compute-optimal frontier (E = \(law.E), A = \(law.A), B = \(law.B), alpha = \(law.alpha), beta = \(law.beta); A, B, alpha and beta must be positive)")
        }
        self.init(
            method: method, law: law, objective: best.value, report: best.report,
            starts: minima.count, convergedStarts: minima.filter(\.report.converged).count,
            startOutcomes: StartOutcomes(minima), notes: notes, warmStarts: warmStarts,
            budgets: IsoFLOPProfile.group(points).map(\.compute))
    }
}

/// How the starts of a multi-start fit ended: the count of each stop reason and the iterations.
public struct StartOutcomes: Codable, Sendable, Equatable, CustomStringConvertible {
    /// Stop reason (raw value) to number of starts.
    public var reasons: [String: Int]
    public var totalIterations: Int
    public var maxIterations: Int

    public init(_ minima: [Minimum]) {
        reasons = Dictionary(grouping: minima, by: \.report.reason.rawValue).mapValues(\.count)
        totalIterations = minima.reduce(0) { $0 + $1.report.iterations }
        maxIterations = minima.map(\.report.iterations).max() ?? 0
    }

    public var description: String {
        reasons.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            + "; \(totalIterations) iterations in all, at most \(maxIterations)"
    }
}
