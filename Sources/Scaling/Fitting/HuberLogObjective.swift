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

    public init(points: [IsoFLOPPoint], delta: Double = 1e-3) {
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

    private func evaluate(_ x: UnsafePointer<Double>, _ g: UnsafeMutablePointer<Double>) -> Double {
        let e = x[0], a = x[1], b = x[2], alpha = x[3], beta = x[4]
        var f = 0.0, ge = 0.0, ga = 0.0, gb = 0.0, galpha = 0.0, gbeta = 0.0
        for i in 0..<count {
            let ln = logN[i], ld = logD[i]
            let u1 = a - alpha * ln, u2 = b - beta * ld
            let m = Swift.max(Swift.max(u1, u2), e)
            // The largest term is exp(0) = 1: two exponentials, not three.
            let t1 = u1 == m ? 1 : Foundation.exp(u1 - m)
            let t2 = u2 == m ? 1 : Foundation.exp(u2 - m)
            let t3 = e == m ? 1 : Foundation.exp(e - m)
            let s = t1 + t2 + t3
            let r = m + Foundation.log(s) - logL[i]
            let ar = Swift.abs(r)
            let h: Double
            if ar <= delta {
                f += 0.5 * r * r
                h = r
            } else {
                f += delta * (ar - 0.5 * delta)
                h = r > 0 ? delta : -delta
            }
            let scale = h / s
            let w1 = scale * t1, w2 = scale * t2
            ge += scale * t3
            ga += w1
            gb += w2
            galpha -= w1 * ln
            gbeta -= w2 * ld
        }
        g[0] = ge
        g[1] = ga
        g[2] = gb
        g[3] = galpha
        g[4] = gbeta
        return f
    }
}
