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
    /// S of the optimiser-steps term S / steps (steps = D / batch, up to the context length),
    /// when the fit modelled it (`VariableProjectionFitter.modelsSteps`); nil otherwise.
    /// The frontier is the law's: the term fades as 1/D and does not enter N_opt(C).
    public var stepsCoefficient: Double? = nil

    /// The fitted loss of N parameters trained on D tokens with batch size `batchSize`:
    /// the law plus the steps term when it was fitted.
    public func loss(parameters n: Double, tokens d: Double, batchSize: Double) -> Double {
        law.loss(parameters: n, tokens: d) + (stepsCoefficient ?? 0) * batchSize / d
    }

    public var nOptLaw: PowerLaw { law.nOptLaw }
    public var dOptLaw: PowerLaw { law.dOptLaw }
    public func predictedLoss(compute: Double) -> Double { law.frontierLoss(compute: compute) }

    public var budgetOptima: [BudgetOptimum] {
        budgets.map { BudgetOptimum(compute: $0, parameters: law.nOpt(compute: $0), loss: law.frontierLoss(compute: $0)) }
    }

    public var parameters: [NamedValue] {
        [NamedValue("E", law.E), NamedValue("A", law.A), NamedValue("B", law.B),
         NamedValue("alpha", law.alpha), NamedValue("beta", law.beta),
         NamedValue("N_opt k", nOptLaw.coefficient), NamedValue("N_opt a", nOptLaw.exponent),
         NamedValue("D_opt k", dOptLaw.coefficient), NamedValue("D_opt b", dOptLaw.exponent)]
            + (stepsCoefficient.map { [NamedValue("S", $0)] } ?? [])
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
         warmStarts: [[Double]], points: [IsoFLOPPoint]) throws {
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
