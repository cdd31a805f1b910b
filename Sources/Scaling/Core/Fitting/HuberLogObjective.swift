import Foundation

/// Chinchilla's Approach 3 objective with its analytic gradient:
///
///     f(e, a, b, alpha, beta) = sum_i Huber_delta( LSE(a - alpha ln N_i, b - beta ln D_i, e) - ln L_i )
///
/// with E = e^e, A = e^a, B = e^b, LSE the log-sum-exp (so LSE = ln L(N_i, D_i)), and
/// Huber_delta(r) = r^2 / 2 for |r| <= delta, delta (|r| - delta / 2) otherwise.
/// The sum, not the mean: a mean-reduced objective makes quasi-Newton methods stop early.
///
/// Gradient: with softmax weights w_k = exp(u_k - LSE) of the three terms and
/// h = Huber'(r) = clamp(r, -delta, delta): df/de = sum h w_3, df/da = sum h w_1,
/// df/db = sum h w_2, df/dalpha = -sum h w_1 ln N_i, df/dbeta = -sum h w_2 ln D_i.
/// LSE is evaluated as m + ln(sum exp(u_k - m)), m = max u_k, so it never overflows.
///
/// The minimiser sees centred coordinates (e, a', b', alpha, beta) with a' = a - alpha m_N,
/// b' = b - beta m_D, where m_N, m_D are the means of ln N and ln D: then
/// a - alpha ln N_i = a' - alpha (ln N_i - m_N), which removes the strong a/alpha and b/beta
/// correlation (ln N ~ 20) that otherwise makes quasi-Newton steps crawl. The map is exact and
/// one-to-one (`centred`, `uncentred`), so starts and answers are stated in (e, a, b, alpha, beta).
/// The data live in buffers allocated once; evaluation allocates nothing. One instance per thread.
public final class HuberLogObjective: DifferentiableObjective {
    public let dimension = 5
    public let delta: Double
    public let count: Int
    private let logN: UnsafeMutablePointer<Double>
    private let logD: UnsafeMutablePointer<Double>
    private let logL: UnsafeMutablePointer<Double>
    /// Means of ln N and ln D.
    public let centreN: Double
    public let centreD: Double
    private let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 5)
    private let cachedX = UnsafeMutablePointer<Double>.allocate(capacity: 5)
    private let cachedG = UnsafeMutablePointer<Double>.allocate(capacity: 5)
    private var cachedF = 0.0
    private var cacheValid = false

    public init(points: [Observation], delta: Double = 1e-3) {
        self.delta = delta
        count = points.count
        logN = .allocate(capacity: max(count, 1))
        logD = .allocate(capacity: max(count, 1))
        logL = .allocate(capacity: max(count, 1))
        let n = Double(Swift.max(count, 1))
        centreN = points.reduce(0) { $0 + Foundation.log($1.parameters) } / n
        centreD = points.reduce(0) { $0 + Foundation.log($1.tokens) } / n
        for (i, p) in points.enumerated() {
            logN[i] = Foundation.log(p.parameters) - centreN
            logD[i] = Foundation.log(p.tokens) - centreD
            logL[i] = Foundation.log(p.loss)
        }
    }

    /// (e, a, b, alpha, beta) to the minimiser's (e, a', b', alpha, beta).
    public func centred(_ x: [Double]) -> [Double] { [x[0], x[1] - x[3] * centreN, x[2] - x[4] * centreD, x[3], x[4]] }

    /// The minimiser's (e, a', b', alpha, beta) back to (e, a, b, alpha, beta).
    public func uncentred(_ x: [Double]) -> [Double] { [x[0], x[1] + x[3] * centreN, x[2] + x[4] * centreD, x[3], x[4]] }

    deinit {
        logN.deallocate()
        logD.deallocate()
        logL.deallocate()
        scratch.deallocate()
        cachedX.deallocate()
        cachedG.deallocate()
    }

    /// f alone. GSL's line search often asks for f and then for the gradient at the same point,
    /// so f is computed with its gradient and both are cached for that point (an exp or log
    /// costs far more than the few extra multiply-adds).
    public func value(at x: UnsafePointer<Double>) -> Double {
        value(at: x, gradient: scratch)
    }

    public func value(at x: UnsafePointer<Double>, gradient g: UnsafeMutablePointer<Double>) -> Double {
        if cacheValid, x[0] == cachedX[0], x[1] == cachedX[1], x[2] == cachedX[2], x[3] == cachedX[3], x[4] == cachedX[4] {
            for k in 0..<5 { g[k] = cachedG[k] }
            return cachedF
        }
        let f = evaluate(x, g)
        for k in 0..<5 {
            cachedX[k] = x[k]
            cachedG[k] = g[k]
        }
        cachedF = f
        cacheValid = true
        return f
    }

    /// The log residual r_i = LSE(a - alpha ln N_i, b - beta ln D_i, e) - ln L_i at centred x
    /// and the softmax weights (p1, p2, p3) of the three terms, which make up its gradient:
    /// dr/de = p3, dr/da = p1, dr/db = p2, dr/dalpha = -p1 ln N_i, dr/dbeta = -p2 ln D_i.
    @inline(__always)
    private func residual(_ i: Int, _ x: UnsafePointer<Double>) -> (r: Double, p1: Double, p2: Double, p3: Double) {
        let e = x[0], u1 = x[1] - x[3] * logN[i], u2 = x[2] - x[4] * logD[i]
        let m = Swift.max(Swift.max(u1, u2), e)
        // The largest term is exp(0) = 1: two exponentials, not three.
        let t1 = u1 == m ? 1 : Foundation.exp(u1 - m)
        let t2 = u2 == m ? 1 : Foundation.exp(u2 - m)
        let t3 = e == m ? 1 : Foundation.exp(e - m)
        let s = t1 + t2 + t3
        let inverse = 1 / s
        return (m + Foundation.log(s) - logL[i], t1 * inverse, t2 * inverse, t3 * inverse)
    }

    private func evaluate(_ x: UnsafePointer<Double>, _ g: UnsafeMutablePointer<Double>) -> Double {
        var f = 0.0, ge = 0.0, ga = 0.0, gb = 0.0, galpha = 0.0, gbeta = 0.0
        for i in 0..<count {
            let (r, p1, p2, p3) = residual(i, x)
            let ar = Swift.abs(r)
            let h: Double
            if ar <= delta {
                f += 0.5 * r * r
                h = r
            } else {
                f += delta * (ar - 0.5 * delta)
                h = r > 0 ? delta : -delta
            }
            let w1 = h * p1, w2 = h * p2
            ge += h * p3
            ga += w1
            gb += w2
            galpha -= w1 * logN[i]
            gbeta -= w2 * logD[i]
        }
        g[0] = ge
        g[1] = ga
        g[2] = gb
        g[3] = galpha
        g[4] = gbeta
        return f
    }

    /// The largest |r_i| at centred x: inside the Huber's quadratic zone (<= delta) the objective
    /// is exactly half the sum of squared log residuals.
    public func largestResidual(at x: [Double]) -> Double {
        x.withUnsafeBufferPointer { p in (0..<count).map { Swift.abs(residual($0, p.baseAddress!).r) }.max() ?? 0 }
    }
}

/// The log residuals as a least-squares model, for Levenberg–Marquardt polishing where every
/// residual lies inside the Huber's quadratic zone (there f = sum r_i^2 / 2 exactly).
extension HuberLogObjective: LeastSquaresModel {
    public var parameterCount: Int { 5 }
    public var residualCount: Int { count }

    public func residuals(at x: UnsafePointer<Double>, into f: UnsafeMutablePointer<Double>) -> Bool {
        for i in 0..<count { f[i] = residual(i, x).r }
        return true
    }

    public func jacobian(at x: UnsafePointer<Double>, into j: UnsafeMutablePointer<Double>) -> Bool {
        for i in 0..<count {
            let (_, p1, p2, p3) = residual(i, x)
            j[5 * i] = p3
            j[5 * i + 1] = p1
            j[5 * i + 2] = p2
            j[5 * i + 3] = -p1 * logN[i]
            j[5 * i + 4] = -p2 * logD[i]
        }
        return true
    }
}
