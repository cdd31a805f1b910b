import Foundation

/// One method's answer: its fit, the bootstrap, and the frontier at the targets.
public struct MethodResult: Encodable, Sendable {
    public var method: FitMethod
    public var fit: any ComputeOptimalFit
    public var bootstrap: BootstrapSummary?
    /// N_opt, D_opt and loss at each target, with intervals when bootstrapped.
    public var predictions: [FrontierInterval]
    /// The frontier on the plotting grid, with intervals when bootstrapped.
    public var band: [FrontierInterval]

    enum CodingKeys: String, CodingKey {
        case method, fit, bootstrap, predictions, band, parameters, nOptLaw = "n_opt_law", dOptLaw = "d_opt_law", budgetOptima = "budget_optima", diagnostics
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(method, forKey: .method)
        try c.encode(fit.parameters, forKey: .parameters)
        try c.encode(fit.nOptLaw, forKey: .nOptLaw)
        try c.encode(fit.dOptLaw, forKey: .dOptLaw)
        try c.encode(fit.budgetOptima, forKey: .budgetOptima)
        try c.encode(fit.diagnostics, forKey: .diagnostics)
        try fit.encode(to: c.superEncoder(forKey: .fit))
        try c.encodeIfPresent(bootstrap, forKey: .bootstrap)
        try c.encode(predictions, forKey: .predictions)
        try c.encode(band, forKey: .band)
    }

    /// The full-fit parameter `name` with its interval when bootstrapped.
    public func parameter(_ name: String) -> Interval? {
        guard let value = fit.parameters.first(where: { $0.name == name })?.value else { return nil }
        return bootstrap?.parameter(name) ?? Interval(estimate: value, lower: .nan, upper: .nan)
    }
}

/// Problem 1 end to end for a set of methods: fit each, bootstrap each, evaluate the frontier at
/// the targets and on a plotting grid. Used by `harness isoflops` and `harness bench fit`.
public struct IsoFLOPAnalysis: Encodable, Sendable {
    public var source: String
    public var runCount: Int
    public var budgets: [Double]
    public var targets: [Double]
    public var results: [MethodResult]
    /// Methods that could not be fitted, with the reason.
    /// The methods that could not be fitted, with why.
    public var failures: FitFailures

    /// `bootstrap == nil` skips the intervals. `gridUpTo` is the largest compute of the plotting
    /// grid (the grid runs from half the smallest budget, 41 points log-spaced).
    public static func run(
        points: [Observation], source: String, methods: [FitMethod], targets: [Double],
        bootstrap: Bootstrap?, gridUpTo: Double, progress: ((FitMethod) -> ProgressMeter?)? = nil
    ) throws -> IsoFLOPAnalysis {
        let budgets = IsoFLOPProfile.group(points).map(\.compute)
        let low = (budgets.first ?? 1e18) / 2
        let grid = (0...40).map { low * Foundation.pow(gridUpTo / low, Double($0) / 40) }
        var results: [MethodResult] = []
        var failures: [FitFailure] = []
        for method in methods {
            do {
                let meter = progress?(method)
                results.append(try analyse(method.defaultFitter, points, targets, grid, bootstrap, meter))
            } catch {
                failures.append(FitFailure(method: method, cause: .error("\(error)")))
            }
        }
        return IsoFLOPAnalysis(source: source, runCount: points.count, budgets: budgets, targets: targets, results: results, failures: FitFailures(failures))
    }

    static func analyse<F: ComputeOptimalFitter>(
        _ fitter: F, _ points: [Observation], _ targets: [Double], _ grid: [Double], _ bootstrap: Bootstrap?, _ meter: ProgressMeter?
    ) throws -> MethodResult {
        let fit = try fitter.fit(points: points)
        var report: (@Sendable (Int) -> Void)?
        if let meter { report = { meter.update($0) } }
        let summary = try bootstrap?.run(fitter, points: points, full: fit, computes: targets + grid, progress: report)
        func frontier(_ c: Double) -> FrontierInterval {
            if let f = summary?.frontier(at: c) { return f }
            func bare(_ x: Double) -> Interval { Interval(estimate: x, lower: .nan, upper: .nan) }
            let o = fit.optimum(compute: c)
            return FrontierInterval(compute: c, nOpt: bare(o.parameters), dOpt: bare(o.tokens), loss: bare(o.loss))
        }
        var stored = summary
        stored?.frontier = targets.compactMap { summary?.frontier(at: $0) }
        return MethodResult(method: fitter.method, fit: fit, bootstrap: stored,
                            predictions: targets.map(frontier), band: grid.map(frontier))
    }
}
