import CGSL
import Foundation

/// A run's predicted `used_runtime_seconds`: the central estimate and a one-sided upper 95%
/// bound (what a reservation should cover).
public struct RuntimeEstimate2026: Sendable, Hashable {
    public var expectedSeconds: Double
    public var upper95Seconds: Double

    public init(expectedSeconds: Double, upper95Seconds: Double) {
        self.expectedSeconds = expectedSeconds
        self.upper95Seconds = upper95Seconds
    }
}

/// Why a runtime model could not be fitted.
public enum RuntimeModelError2026: Error, Sendable, Equatable, CustomStringConvertible {
    /// Fewer usable completed runs than the smallest model needs.
    case notEnoughCompletedRuns(found: Int, needed: Int)
    /// A run's reported runtime or config is unusable (not finite, not positive).
    case badRun(experimentID: Int64, why: String)
    /// GSL's least squares stopped without converging, or failed.
    case notConverged(String)

    public var description: String {
        switch self {
        case let .notEnoughCompletedRuns(found, needed):
            "runtime model: \(found) completed run(s) with a positive used_runtime_seconds; at least \(needed) needed (use RuntimeModel2026.prior before then)"
        case let .badRun(id, why): "runtime model: experiment \(id): \(why)"
        case let .notConverged(why): "runtime model: the log-space least squares did not converge: \(why)"
        }
    }
}

/// Seconds a 2026 run takes (`used_runtime_seconds`: first chunk to the end, evals included),
/// as a sum of non-negative costs with physical meaning:
///
///     t = c0 + a·(c1 + c2·F + c3·L·d) + c4·S
///
/// where `a = T + n_evals·2^18/3` is the training tokens plus the evaluation tokens weighted by
/// a forward pass's third of a step's work, `F = 6(N + V·d) + 6·L·512·d` the training FLOPs per
/// token (non-embedding weights, the LM head, attention), `L·d` the per-token memory-bound
/// work (norms, activations), and `S = T/(512·B)` the optimizer steps (a per-step overhead, so
/// small batches are slower). `c0` is start-up, `1/c2` the achieved FLOP/s.
///
/// `fit` first solves the non-negative least squares of the relative errors (GSL SVD inside
/// `NonNegativeLeastSquares`), which picks the terms the runs identify, then refines the kept
/// terms by GSL's nonlinear least squares on `ln t_model − ln t_observed` (parameters are
/// `ln c_j`, so they stay positive). A timeout is a lower bound: it adds the one-sided residual
/// `min(0, ln t_model − ln t_used)`. With fewer than 8 completed runs the fit keeps the prior's
/// shape and estimates only its scale.
///
/// The upper bound is `exp(ln t + z·s_pred + δ)`: `s_pred² = s² + gᵀ Σ g` (residual scatter and
/// parameter uncertainty), `z` Student's t 95% one-sided quantile on the fit's degrees of
/// freedom, and `δ = 0.25·ln(F/F_max) + 0.05·ln(a/a_max)` beyond the largest FLOPs per token
/// and tokens observed: a deliberate widening for extrapolation (held out by model size, the
/// live runs' largest models ran 5–23% slower than a fit without them predicted).
///
/// ```swift
/// let model = try RuntimeModel2026.fit(experiments)      // completed runs and timeouts
/// let e = model.estimate(TrainingConfig.handoutExample)
/// e.expectedSeconds, e.upper95Seconds                    // about 2.6 s and 2.8 s fitted to the live runs (which took 2.1 and 2.3 s)
/// ```
public struct RuntimeModel2026: Sendable {
    /// How the model was obtained.
    public enum Kind: String, Sendable, Hashable {
        case prior
        /// The prior's shape with a scale fitted to a few runs.
        case scaledPrior = "scaled_prior"
        /// The five-term model fitted to the runs.
        case fitted
    }

    public static let termNames = ["startup_seconds", "seconds_per_token", "seconds_per_flop", "seconds_per_layer_width_token", "seconds_per_step"]

    public var kind: Kind
    /// `c0 ... c4` of the model above (zero for a term the runs did not identify).
    public var coefficients: [Double]
    /// Residual standard deviation in log space (`s`).
    public var logSigma: Double
    /// Covariance of the fitted `ln c_j` (kept terms only, in `keptTerms` order).
    public var logCovariance: Matrix
    public var keptTerms: [Int]
    /// Student's t one-sided 95% quantile used for the upper bound.
    public var quantile: Double
    /// Largest FLOPs per token and token count among the runs fitted (extrapolation beyond widens).
    public var largestFlopsPerToken: Double
    public var largestTokens: Double
    public var completedRuns: Int
    public var timeoutRuns: Int
    public var report: SolverReport

    /// The model's features of a config: `[1, a, a·F, a·L·d, S]`.
    public static func features(_ c: TrainingConfig) -> [Double] {
        let a = c.architecture
        let d = Double(a.hiddenSize), layers = Double(a.numHiddenLayers)
        let n = Double(a.nonEmbeddingParameters), v = Double(a.vocabSize)
        let flops = 6 * (n + v * d) + 6 * layers * Double(TrainingConfig.sequenceLength) * d
        let tokens = Double(c.totalTrainTokens) + Double(c.nEvals) * Double(TrainingConfig.validationTokens) / 3
        let steps = Double(c.totalTrainTokens) / Double(TrainingConfig.sequenceLength * max(c.trainBatchSize, 1))
        return [1, tokens, tokens * flops, tokens * layers * d, steps]
    }

    static func flopsPerToken(_ c: TrainingConfig) -> Double { let f = features(c); return f[2] / f[1] }

    public func estimate(_ config: TrainingConfig) -> RuntimeEstimate2026 {
        let x = Self.features(config)
        let t = zip(coefficients, x).reduce(0) { $0 + $1.0 * $1.1 }
        // gradient of ln t with respect to ln c_j: c_j x_j / t
        let g = keptTerms.map { coefficients[$0] * x[$0] / t }
        var gSg = 0.0
        for i in 0..<g.count { for j in 0..<g.count { gSg += g[i] * logCovariance[i, j] * g[j] } }
        let sPred = (logSigma * logSigma + max(gSg, 0)).squareRoot()
        let flopsRatio = Self.flopsPerToken(config) / largestFlopsPerToken
        let tokensRatio = x[1] / largestTokens
        let widen = 0.25 * Swift.max(0, log(flopsRatio)) + 0.05 * Swift.max(0, log(tokensRatio))
        return RuntimeEstimate2026(expectedSeconds: t, upper95Seconds: t * exp(quantile * sPred + widen))
    }

    /// Before any run has finished: public facts only. A B200's dense bf16 peak is about
    /// 2.25e15 FLOP/s; small language models reach 5–40% of it; start-up and compilation before
    /// the first chunk take seconds; each optimizer step costs on the order of a millisecond of
    /// launch and host overhead. Expected: 25% MFU, 0.3 µs per token of memory-bound work,
    /// 5 s start-up, 2 ms per step; the log-space sigma (0.67) puts the upper bound at three
    /// times the expected, so an upper bound is as slow as 8% MFU.
    public static var prior: RuntimeModel2026 {
        RuntimeModel2026(
            kind: .prior, coefficients: [5, 0.3e-6, 1 / (0.25 * 2.25e15), 0, 2e-3], logSigma: log(3) / 1.645,
            logCovariance: Matrix(rows: 0, columns: 0), keptTerms: [], quantile: 1.645,
            largestFlopsPerToken: .infinity, largestTokens: .infinity, completedRuns: 0, timeoutRuns: 0,
            report: SolverReport(converged: true, iterations: 0, reason: .direct, detail: "prior from public facts"))
    }

    /// Fit to the completed runs (and timeouts as lower bounds) of `experiments`; other
    /// outcomes are ignored.
    public static func fit(_ experiments: [ExperimentResponse2026]) throws(RuntimeModelError2026) -> RuntimeModel2026 {
        var rows: [[Double]] = [], seconds: [Double] = [], censored: [Bool] = []
        for e in experiments {
            let used: Double, isTimeout: Bool
            switch ExperimentOutcome2026(e) {
            case .completed(let u, _): used = u; isTimeout = false
            case .timeout(let u, _): used = u; isTimeout = true
            default: continue
            }
            guard used.isFinite, used > 0 else {
                if isTimeout { continue }
                throw .badRun(experimentID: e.experimentID, why: "used_runtime_seconds is \(used) (expected a positive finite number)")
            }
            let x = features(e.trainingConfig)
            guard x.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw .badRun(experimentID: e.experimentID, why: "its config gives non-finite runtime features \(x)")
            }
            rows.append(x); seconds.append(used); censored.append(isTimeout)
        }
        let completed = censored.filter { !$0 }.count
        guard completed >= 1 else { throw .notEnoughCompletedRuns(found: completed, needed: 1) }
        let fittedRows = rows.indices.filter { !censored[$0] }
        let largestF = fittedRows.map { rows[$0][2] / rows[$0][1] }.max() ?? .infinity
        let largestA = fittedRows.map { rows[$0][1] }.max() ?? .infinity
        if completed < 8 {
            return scaledPrior(rows: rows, seconds: seconds, censored: censored, largestF: largestF, largestA: largestA)
        }
        // 1. NNLS of relative errors: (X_ij / t_i) c ≈ 1, columns scaled to unit size.
        let p = 5
        let scale = (0..<p).map { j in fittedRows.map { rows[$0][j] / seconds[$0] }.max() ?? 1 }
        var design = Matrix(rows: fittedRows.count, columns: p)
        for (r, i) in fittedRows.enumerated() { for j in 0..<p { design[r, j] = rows[i][j] / seconds[i] / scale[j] } }
        let start: [Double]
        do {
            let nnls = try NonNegativeLeastSquares(observations: fittedRows.count, coefficients: p)
            start = try nnls.solve(design: design, observations: Array(repeating: 1, count: fittedRows.count)).coefficients
                .enumerated().map { $0.element / scale[$0.offset] }
        } catch { throw .notConverged("the non-negative start: \(error)") }
        let kept = (0..<p).filter { start[$0] > 0 }
        guard completed >= kept.count + 2 else { throw .notEnoughCompletedRuns(found: completed, needed: kept.count + 2) }
        // 2. Log-space refinement of the kept terms.
        let problem = LogRuntimeProblem(rows: rows, seconds: seconds, censored: censored, kept: kept)
        let fit: NonlinearFit
        do {
            let solver = try NonlinearLeastSquares(model: problem)
            fit = try solver.solve(from: kept.map { log(start[$0]) })
        } catch { throw .notConverged("\(error)") }
        guard fit.report.converged else { throw .notConverged(fit.report.description) }
        var c = [Double](repeating: 0, count: p)
        for (k, j) in kept.enumerated() { c[j] = exp(fit.parameters[k]) }
        // residual scatter of the completed runs only (active censored residuals are zero or few)
        let dof = max(completed - kept.count, 1)
        var rss = 0.0
        for i in fittedRows { let m = zip(c, rows[i]).reduce(0) { $0 + $1.0 * $1.1 }; rss += pow(log(m) - log(seconds[i]), 2) }
        let s = (rss / Double(dof)).squareRoot()
        // NonlinearFit's covariance uses all residuals; rescale to the completed runs' s².
        let s2Fit = fit.residualSumOfSquares / Double(max(rows.count - kept.count, 1))
        var cov = fit.covariance
        if s2Fit > 0 { for i in 0..<cov.values.count { cov.values[i] *= s * s / s2Fit } }
        return RuntimeModel2026(
            kind: .fitted, coefficients: c, logSigma: s, logCovariance: cov, keptTerms: kept,
            quantile: gsl_cdf_tdist_Pinv(0.95, Double(dof)), largestFlopsPerToken: largestF, largestTokens: largestA,
            completedRuns: completed, timeoutRuns: censored.count - completed, report: fit.report)
    }

    /// The prior's coefficients times one scale `k`, `ln k` the mean log ratio of observed to
    /// prior runtime; sigma at least 0.1 (a few runs do not measure the scatter).
    static func scaledPrior(rows: [[Double]], seconds: [Double], censored: [Bool], largestF: Double, largestA: Double) -> RuntimeModel2026 {
        let prior = Self.prior
        let logRatios = rows.indices.filter { !censored[$0] }.map { i in
            log(seconds[i]) - log(zip(prior.coefficients, rows[i]).reduce(0) { $0 + $1.0 * $1.1 })
        }
        let n = Double(logRatios.count)
        var lnK = logRatios.reduce(0, +) / n
        // a timeout whose run the scaled prior calls shorter than its used time raises the scale
        for i in rows.indices where censored[i] {
            let m = zip(prior.coefficients, rows[i]).reduce(0) { $0 + $1.0 * $1.1 }
            lnK = max(lnK, log(seconds[i]) - log(m))
        }
        let sd = n > 1 ? (logRatios.map { ($0 - lnK) * ($0 - lnK) }.reduce(0, +) / (n - 1)).squareRoot() : 0
        let sigma = max(sd, 0.1)
        var cov = Matrix(rows: 1, columns: 1)
        cov[0, 0] = sigma * sigma / n
        return RuntimeModel2026(
            kind: .scaledPrior, coefficients: prior.coefficients.map { $0 * exp(lnK) }, logSigma: sigma,
            logCovariance: Matrix(rows: 0, columns: 0), keptTerms: [],
            quantile: n > 1 ? gsl_cdf_tdist_Pinv(0.95, n - 1) : 6.314, largestFlopsPerToken: largestF, largestTokens: largestA,
            completedRuns: Int(n), timeoutRuns: censored.filter { $0 }.count,
            report: SolverReport(converged: true, iterations: 0, reason: .direct, detail: "mean log ratio to the prior over \(Int(n)) run(s)"))
    }
}

/// `ln t_model − ln t_obs` for completed runs, `min(0, ·)` for timeouts; parameters `ln c_j`.
final class LogRuntimeProblem: LeastSquaresModel {
    let rows: [[Double]]
    let seconds: [Double]
    let censored: [Bool]
    let kept: [Int]
    var parameterCount: Int { kept.count }
    var residualCount: Int { rows.count }

    init(rows: [[Double]], seconds: [Double], censored: [Bool], kept: [Int]) {
        self.rows = rows; self.seconds = seconds; self.censored = censored; self.kept = kept
    }

    private func model(_ x: UnsafePointer<Double>, _ i: Int) -> Double {
        var m = 0.0
        for (k, j) in kept.enumerated() { m += exp(x[k]) * rows[i][j] }
        return m
    }

    func residuals(at x: UnsafePointer<Double>, into r: UnsafeMutablePointer<Double>) -> Bool {
        for i in 0..<rows.count {
            let m = model(x, i)
            guard m > 0, m.isFinite else { return false }
            let v = log(m) - log(seconds[i])
            r[i] = censored[i] ? min(0, v) : v
        }
        return true
    }

    func jacobian(at x: UnsafePointer<Double>, into jac: UnsafeMutablePointer<Double>) -> Bool {
        let p = kept.count
        for i in 0..<rows.count {
            let m = model(x, i)
            guard m > 0, m.isFinite else { return false }
            let active = !censored[i] || log(m) < log(seconds[i])
            for (k, j) in kept.enumerated() { jac[i * p + k] = active ? exp(x[k]) * rows[i][j] / m : 0 }
        }
        return true
    }
}
