import Foundation

/// One evaluation point of a 2026 curve as the laws see it: model size, the schedule's areas up
/// to the point, the loss.
public struct CurvePoint2026: Sendable, Hashable {
    /// Index of the run (in the predictor's run list) the point belongs to.
    public var run: Int
    /// N, exact non-embedding parameters.
    public var parameters: Double
    /// Peak-equivalent training tokens: S1 (peak-relative sum of rates) times tokens per step.
    public var forwardTokens: Double
    /// ln of the schedule's peak learning rate.
    public var logRate: Double
    /// The annealing area S2 (peak-relative, in steps).
    public var annealingArea: Double
    public var loss: Double
    /// Whether this is the run's last reported point.
    public var isLast: Bool

    public init(run: Int, parameters: Double, forwardTokens: Double, annealingArea: Double, logRate: Double, loss: Double, isLast: Bool) {
        self.run = run
        self.parameters = parameters
        self.forwardTokens = forwardTokens
        self.logRate = logRate
        self.annealingArea = annealingArea
        self.loss = loss
        self.isLast = isLast
    }

    /// The point of `config` at the end of eval chunk `chunk` (1-based).
    public init(run: Int, config: TrainingConfig, chunk: Int, loss: Double, isLast: Bool) {
        let areas = ScheduleAreas2026.at(chunks: [chunk], of: config)[0]
        self.init(run: run, parameters: Double(config.architecture.nonEmbeddingParameters),
                  forwardTokens: areas.forward * Double(config.tokensPerStep), annealingArea: areas.annealing,
                  logRate: log(config.optimizer.peakLearningRate), loss: loss, isLast: isLast)
    }
}

/// The law families the 2026 predictor weighs against each other, all schedule-aware in the
/// manner of Tissue et al. (2024): the data term reads the peak-equivalent tokens
/// `D1 = S1·512·B` and the annealing area `S2` lowers the loss by `C·S2`; the peak rate enters
/// as a quadratic response surface `R = q1 g + q2 g² + q3 g ln n` in `g = ln(lr/1e-3)` (a
/// local model of the rate's effect, whose optimum may move with N). With `n = N/1e8`,
/// `x = D1/1e9`, `a = S2/1000`:
///
/// * `additive`: `E + A n^-alpha + B x^-beta - C a + R` (Chinchilla's form in N and D1);
/// * `kaplan`: `(A n^(-alpha/beta) + B / x)^beta - C a + R` (Kaplan et al. 2020's L(N, D), no floor);
/// * `coupled`: `E + A n^-alpha + B x^-beta n^gamma - C a + R` (a data term whose size depends on N).
///
/// None of them is assumed true: the predictor scores each on held-out runs and resamples the
/// choice in its bootstrap.
public enum CurveLawFamily2026: String, CaseIterable, Sendable, Hashable, Codable {
    case additive
    case kaplan
    case coupled

    public var parameterNames: [String] {
        switch self {
        case .additive: ["E", "ln_A", "alpha", "ln_B", "beta", "C", "q1", "q2", "q3"]
        case .kaplan: ["ln_A", "alpha", "ln_B", "beta", "C", "q1", "q2", "q3"]
        case .coupled: ["E", "ln_A", "alpha", "ln_B", "beta", "C", "gamma", "q1", "q2", "q3"]
        }
    }

    /// Index of `q1` (the rate terms are the last three parameters).
    var rateIndex: Int { parameterNames.count - 3 }
    static let rateReference = log(1e-3)

    public var formula: String {
        switch self {
        case .additive: "L = E + A·(N/1e8)^-alpha + B·(D1/1e9)^-beta - C·S2/1000 + R"
        case .kaplan: "L = (A·(N/1e8)^(-alpha/beta) + B·(D1/1e9)^-1)^beta - C·S2/1000 + R"
        case .coupled: "L = E + A·(N/1e8)^-alpha + B·(D1/1e9)^-beta·(N/1e8)^gamma - C·S2/1000 + R"
        }
    }

    /// The law's loss at a point, `nil` where it is undefined.
    func loss(_ p: UnsafePointer<Double>, n: Double, x: Double, a: Double, g: Double) -> Double? {
        guard n > 0, x > 0 else { return nil }
        return evaluate(p, logN: log(n), logX: log(x), a: a, g: g, gradient: nil)
    }

    /// The law's loss at a point given `ln n` and `ln x`, and when `gradient` is given its
    /// partial derivatives in the order of `parameterNames` (analytic, sharing the value's
    /// exponentials); `nil` where the law is undefined or not finite.
    func evaluate(_ p: UnsafePointer<Double>, logN ln: Double, logX lx: Double, a: Double, g: Double,
                  gradient d: UnsafeMutablePointer<Double>?) -> Double? {
        let value: Double
        switch self {
        case .additive:
            let t1 = exp(p[1] - p[2] * ln), t2 = exp(p[3] - p[4] * lx)
            value = p[0] + t1 + t2 - p[5] * a
            if let d {
                d[0] = 1; d[1] = t1; d[2] = -ln * t1; d[3] = t2; d[4] = -lx * t2; d[5] = -a
            }
        case .kaplan:
            guard p[3] > 1e-6 else { return nil }
            let u = exp(p[0] - p[1] / p[3] * ln), v = exp(p[2] - lx)
            let inner = u + v
            guard inner > 0 else { return nil }
            let logInner = log(inner)
            let power = exp(p[3] * logInner)
            value = power - p[4] * a
            if let d {
                // V = I^beta with I = u + v: dV = V (beta dI / I + ln I dbeta)
                let scale = power / inner
                d[0] = p[3] * scale * u
                d[1] = -scale * u * ln
                d[2] = p[3] * scale * v
                d[3] = power * (logInner + u * p[1] * ln / (p[3] * inner))
                d[4] = -a
            }
        case .coupled:
            let t1 = exp(p[1] - p[2] * ln), t2 = exp(p[3] - p[4] * lx + p[6] * ln)
            value = p[0] + t1 + t2 - p[5] * a
            if let d {
                d[0] = 1; d[1] = t1; d[2] = -ln * t1; d[3] = t2; d[4] = -lx * t2; d[5] = -a; d[6] = ln * t2
            }
        }
        let q = rateIndex
        let total = value + p[q] * g + p[q + 1] * g * g + p[q + 2] * g * ln
        if let d { d[q] = g; d[q + 1] = g * g; d[q + 2] = g * ln }
        return total.isFinite ? total : nil
    }

    /// Starting points: a small grid over the exponents, the floor a little under the best loss.
    func starts(minimumLoss: Double) -> [[Double]] {
        var out: [[Double]] = []
        if self == .kaplan {
            for beta in [0.1, 0.25] {
                for ratio in [0.8, 1.5] {
                    let lnHalf = log(pow(minimumLoss + 0.5, 1 / beta) / 2)
                    out.append([lnHalf, ratio * beta, lnHalf, beta, 0.1, 0, 0.05, 0])
                }
            }
            return out
        }
        for alpha in [0.3, 0.7] {
            for beta in [0.3, 0.6] {
                switch self {
                case .additive: out.append([max(minimumLoss - 1, 0.5), 0, alpha, 0, beta, 0.1, 0, 0.05, 0])
                case .kaplan: break
                case .coupled: out.append([max(minimumLoss - 1, 0.5), 0, alpha, 0, beta, 0.1, 0, 0, 0.05, 0])
                }
            }
        }
        return out
    }

    /// Why fitted parameters are not a plausible law, `nil` when they are.
    func implausibility(_ p: [Double], minimumLoss: Double) -> String? {
        if p[rateIndex + 1] <= 0 { return "the rate term has no optimum (q2 = \(String(format: "%.3g", p[rateIndex + 1])) <= 0)" }
        func exponent(_ name: String, _ v: Double) -> String? {
            (0.05...1).contains(v) ? nil : "\(name) = \(String(format: "%.3g", v)) outside 0.05...1"
        }
        switch self {
        case .additive, .coupled:
            // the law's floor: E less a long cosine's full annealing benefit (S2/1000 levels off
            // near 0.9) and the rate term at its best; it must lie below the best loss seen
            let q = rateIndex
            let rateBest = p[q + 1] > 0 ? -p[q] * p[q] / (4 * p[q + 1]) : 0
            let floor = p[0] - max(p[5], 0) * 0.9 + rateBest
            if !(p[0] > 0 && floor < minimumLoss) {
                return "E = \(String(format: "%.3g", p[0])) (floor \(String(format: "%.3g", floor))) not between 0 and the best loss \(String(format: "%.3g", minimumLoss))"
            }
            if let w = exponent("alpha", p[2]) ?? exponent("beta", p[4]) { return w }
            if p[5] < -0.05 { return "annealing makes the loss worse (C = \(String(format: "%.3g", p[5])))" }
            if self == .coupled, abs(p[6]) > 1 { return "gamma = \(String(format: "%.3g", p[6])) outside -1...1" }
        case .kaplan:
            if let w = exponent("alpha", p[1]) ?? exponent("beta", p[3]) { return w }
            if p[4] < -0.05 { return "annealing makes the loss worse (C = \(String(format: "%.3g", p[4])))" }
        }
        return nil
    }
}

/// A fitted curve law.
public struct CurveLawFit2026: Sendable {
    public var family: CurveLawFamily2026
    public var parameters: [Double]
    public var rmse: Double
    public var points: Int
    public var report: SolverReport
    /// Why the law is implausible (it then loses trust), `nil` when it is not.
    public var implausibility: String?

    public func loss(parameters n: Double, forwardTokens d1: Double, annealingArea s2: Double, learningRate: Double) -> Double {
        parameters.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress, learningRate > 0 else { return .nan }
            return family.loss(base, n: n / 1e8, x: d1 / 1e9, a: s2 / 1000, g: log(learningRate) - CurveLawFamily2026.rateReference) ?? .nan
        }
    }

    public func loss(_ point: CurvePoint2026) -> Double {
        loss(parameters: point.parameters, forwardTokens: point.forwardTokens, annealingArea: point.annealingArea,
             learningRate: exp(point.logRate))
    }

    /// The rate at which the law's rate term is least for a model of N parameters (its vertex),
    /// `nil` when the term has no minimum.
    public func optimalLearningRate(parameters n: Double) -> Double? {
        let q = family.rateIndex
        guard parameters[q + 1] > 0 else { return nil }
        let g = -(parameters[q] + parameters[q + 2] * log(n / 1e8)) / (2 * parameters[q + 1])
        let rate = exp(g + CurveLawFamily2026.rateReference)
        return rate.isFinite ? rate : nil
    }

    public var namedParameters: [NamedValue] { zip(family.parameterNames, parameters).map { NamedValue($0, $1) } }

    /// Fit `family` to `points` by GSL's nonlinear least squares (residuals in nats, the law's
    /// analytic Jacobian), from each start, keeping the converged fit of least RSS.
    /// Returns `nil` when no start converges.
    public static func fit(_ family: CurveLawFamily2026, to points: [CurvePoint2026], starts: [[Double]]? = nil) -> CurveLawFit2026? {
        guard points.count > family.parameterNames.count + 1 else { return nil }
        let minimumLoss = points.map(\.loss).min() ?? 0
        guard let problem = CurveLawProblem(family: family, points: points) else { return nil }
        var best: CurveLawFit2026?
        var options = NonlinearLeastSquares.Options()
        options.maxIterations = 200
        options.stepTolerance = 1e-9
        options.gradientTolerance = 1e-9
        guard let solver = try? NonlinearLeastSquares(model: problem, options: options) else { return nil }
        for start in starts ?? family.starts(minimumLoss: minimumLoss) {
            guard let fit = try? solver.solve(from: start), fit.report.converged,
                  fit.parameters.allSatisfy(\.isFinite), fit.residualSumOfSquares.isFinite else { continue }
            if best == nil || fit.residualSumOfSquares < Double(points.count) * pow(best?.rmse ?? .infinity, 2) {
                best = CurveLawFit2026(
                    family: family, parameters: fit.parameters,
                    rmse: (fit.residualSumOfSquares / Double(points.count)).squareRoot(), points: points.count,
                    report: fit.report, implausibility: family.implausibility(fit.parameters, minimumLoss: minimumLoss))
            }
        }
        return best
    }
}

/// Residuals `L_law − L_observed` of a family over points, with the law's analytic Jacobian
/// (`CurveLawFamily2026.evaluate`); the points' logarithms are taken once.
final class CurveLawProblem: LeastSquaresModel {
    let family: CurveLawFamily2026
    let logN: [Double], logX: [Double], a: [Double], g: [Double], y: [Double]
    var parameterCount: Int { family.parameterNames.count }
    var residualCount: Int { y.count }

    /// `nil` when a point has no positive size or tokens (the law is undefined there).
    init?(family: CurveLawFamily2026, points: [CurvePoint2026]) {
        guard points.allSatisfy({ $0.parameters > 0 && $0.forwardTokens > 0 }) else { return nil }
        self.family = family
        logN = points.map { log($0.parameters / 1e8) }
        logX = points.map { log($0.forwardTokens / 1e9) }
        a = points.map { $0.annealingArea / 1000 }
        g = points.map { $0.logRate - CurveLawFamily2026.rateReference }
        y = points.map(\.loss)
    }

    func residuals(at p: UnsafePointer<Double>, into r: UnsafeMutablePointer<Double>) -> Bool {
        for i in 0..<y.count {
            guard let v = family.evaluate(p, logN: logN[i], logX: logX[i], a: a[i], g: g[i], gradient: nil) else { return false }
            r[i] = v - y[i]
        }
        return true
    }

    func jacobian(at p: UnsafePointer<Double>, into jac: UnsafeMutablePointer<Double>) -> Bool {
        let k = parameterCount
        for i in 0..<y.count {
            guard family.evaluate(p, logN: logN[i], logX: logX[i], a: a[i], g: g[i], gradient: jac + i * k) != nil else { return false }
            for j in 0..<k where !jac[i * k + j].isFinite { return false }
        }
        return true
    }
}
