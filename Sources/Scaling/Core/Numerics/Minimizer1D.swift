import CGSL

/// One-dimensional minimisation by Brent's method (GSL's `gsl_min_fminimizer_brent`).
///
/// Brent's method combines golden-section search with parabolic interpolation. It needs a
/// bracket `lower < guess < upper` with `f(guess) < f(lower)` and `f(guess) < f(upper)`; it then
/// converges to a local minimum inside the bracket, superlinearly when `f` is smooth near it.
/// `minimize(_:over:gridPoints:)` finds such a bracket by scanning an even grid first, so it finds
/// the global minimum of `f` on the interval whenever the grid is fine enough to put a point in
/// its basin; a minimum on the boundary, or on a plateau where grid neighbours tie, is returned
/// as that grid point (`converged` true, `reason` says so) since Brent cannot bracket it.
///
/// ```swift
/// let r = try Minimizer1D.minimize({ ($0 - 2) * ($0 - 2) }, over: 0...10)
/// r.x   // 2.0 within 1e-10
/// ```
public enum Minimizer1D {
    /// What the search found and why it stopped, in the manner of scipy's `OptimizeResult`.
    public struct Result: Hashable, Sendable {
        /// The argument of the minimum.
        public let x: Double
        /// f(x).
        public let value: Double
        /// Brent iterations taken (0 when the minimum lies on the boundary).
        public let iterations: Int
        /// True when the bracket shrank below the tolerance within the iteration limit.
        public let converged: Bool
        /// Why it stopped, in words.
        public let reason: String
    }

    /// Brent's method on the bracket `lower < guess < upper`, which must satisfy
    /// `f(guess) < min(f(lower), f(upper))`. Stops when the bracket width is below
    /// `absoluteTolerance + relativeTolerance * |x|` (`gsl_min_test_interval`). Near a smooth
    /// minimum f is flat to second order, so x cannot be located better than about
    /// sqrt(machine epsilon) * |x| (1.5e-8 |x|); the default relative tolerance is twice that.
    public static func minimize(
        _ f: (Double) -> Double, lower: Double, guess: Double, upper: Double,
        absoluteTolerance: Double = 1e-10, relativeTolerance: Double = 3e-8, maxIterations: Int = 200
    ) throws(NumericsError) -> Result {
        guard lower.isFinite, upper.isFinite, guess.isFinite, lower < guess, guess < upper else {
            throw .invalidInput("Brent needs finite lower < guess < upper, got \(lower), \(guess), \(upper)")
        }
        GSL.prepare()
        let minimizer = try GSLOwned(
            gsl_min_fminimizer_alloc(cgsl_min_fminimizer_brent()), "Brent minimiser", free: { gsl_min_fminimizer_free($0) })
        return try withoutActuallyEscaping(f) { (escaping) throws(NumericsError) -> Result in
            let function = CallbackTable(CallbackContext(escaping)) { params in
                gsl_function(function: Trampolines.scalar, params: params)
            }
            return try withExtendedLifetime(minimizer) { () throws(NumericsError) -> Result in
                let m = minimizer.pointer
                let report = try function.with { (function) throws(NumericsError) -> SolverReport in
                    try GSL.check(
                        gsl_min_fminimizer_set(m, function, guess, lower, upper),
                        "Brent minimiser set-up on [\(lower), \(upper)] with guess \(guess)")
                    return try SolverReport.iterating(
                        limit: max(1, maxIterations), until: .bracketWidth,
                        {
                            gsl_min_test_interval(gsl_min_fminimizer_x_lower(m), gsl_min_fminimizer_x_upper(m),
                                                  absoluteTolerance, relativeTolerance) == Int32(GSL_SUCCESS)
                        },
                        step: { gsl_min_fminimizer_iterate(m) }) { (status, iteration) throws(NumericsError) -> SolverReport in
                        throw .gsl(operation: "Brent iteration \(iteration)", status: status, reason: GSL.describe(status))
                    }
                }
                return Result(
                    x: gsl_min_fminimizer_x_minimum(m), value: gsl_min_fminimizer_f_minimum(m),
                    iterations: report.converged ? report.iterations : maxIterations, converged: report.converged,
                    reason: report.converged ? "bracket narrower than tolerance" : "iteration limit \(maxIterations) reached")
            }
        }
    }

    /// The global minimum of `f` on `interval`: evaluates `f` on `gridPoints` evenly spaced
    /// points, takes the lowest, and refines it by Brent between its neighbours. Non-finite
    /// values count as +infinity.
    public static func minimize(
        _ f: (Double) -> Double, over interval: ClosedRange<Double>, gridPoints: Int = 64,
        absoluteTolerance: Double = 1e-10, relativeTolerance: Double = 3e-8, maxIterations: Int = 200
    ) throws(NumericsError) -> Result {
        guard interval.lowerBound.isFinite, interval.upperBound.isFinite, interval.lowerBound < interval.upperBound else {
            throw .invalidInput("the search interval must be finite and non-empty, got \(interval)")
        }
        guard gridPoints >= 3 else { throw .invalidInput("at least 3 grid points are needed, got \(gridPoints)") }
        let step = (interval.upperBound - interval.lowerBound) / Double(gridPoints - 1)
        func point(_ i: Int) -> Double { i == gridPoints - 1 ? interval.upperBound : interval.lowerBound + Double(i) * step }
        func value(_ x: Double) -> Double { let y = f(x); return y.isNaN ? .infinity : y }
        var best = 0
        var bestValue = value(point(0))
        for i in 1..<gridPoints {
            let y = value(point(i))
            if y < bestValue { best = i; bestValue = y }
        }
        guard bestValue.isFinite else { throw .invalidInput("f is not finite anywhere on the grid over \(interval)") }
        if best == 0 || best == gridPoints - 1 {
            return Result(x: point(best), value: bestValue, iterations: 0, converged: true,
                          reason: "minimum on the \(best == 0 ? "lower" : "upper") boundary of \(interval)")
        }
        // A tie with a neighbour means a plateau (e.g. a saturated ceiling): every point of it
        // is a minimiser and Brent cannot bracket one, so the grid point is the answer.
        if !(bestValue < value(point(best - 1)) && bestValue < value(point(best + 1))) {
            return Result(x: point(best), value: bestValue, iterations: 0, converged: true,
                          reason: "flat minimum: grid neighbours tie with the best point")
        }
        return try minimize(f, lower: point(best - 1), guess: point(best), upper: point(best + 1),
                            absoluteTolerance: absoluteTolerance, relativeTolerance: relativeTolerance,
                            maxIterations: maxIterations)
    }
}
