import Foundation
import Testing
@testable import Scaling

/// Rosenbrock's banana, f = (1 - x)^2 + 100 (y - x^2)^2, minimum 0 at (1, 1).
final class Rosenbrock: DifferentiableObjective {
    let dimension = 2
    func value(at x: UnsafePointer<Double>) -> Double {
        let a = 1 - x[0], b = x[1] - x[0] * x[0]
        return a * a + 100 * b * b
    }
    func value(at x: UnsafePointer<Double>, gradient g: UnsafeMutablePointer<Double>) -> Double {
        let a = 1 - x[0], b = x[1] - x[0] * x[0]
        g[0] = -2 * a - 400 * x[0] * b
        g[1] = 200 * b
        return a * a + 100 * b * b
    }
}

/// y = p0 exp(-p1 t) + p2 at given t: residuals f_i = model - y_i.
final class ExponentialDecay: LeastSquaresModel {
    let t: [Double]
    let y: [Double]
    init(t: [Double], y: [Double]) { self.t = t; self.y = y }
    var parameterCount: Int { 3 }
    var residualCount: Int { t.count }
    func residuals(at x: UnsafePointer<Double>, into f: UnsafeMutablePointer<Double>) -> Bool {
        for i in t.indices { f[i] = x[0] * exp(-x[1] * t[i]) + x[2] - y[i] }
        return true
    }
    func jacobian(at x: UnsafePointer<Double>, into j: UnsafeMutablePointer<Double>) -> Bool {
        for i in t.indices {
            let e = exp(-x[1] * t[i])
            j[i * 3] = e
            j[i * 3 + 1] = -t[i] * x[0] * e
            j[i * 3 + 2] = 1
        }
        return true
    }
}

@Suite struct NumericsTests {
    /// GSL's Cholesky: the solve, inverse and log-determinant of a known 3x3 SPD matrix, and a
    /// clear error for one that is not positive definite or not square.
    @Test func choleskySolvesInvertsAndRefusesIndefiniteMatrices() throws {
        let a = Matrix(rows: [[4, 2, 0.4], [2, 3, 0.5], [0.4, 0.5, 2]])
        let f = try CholeskyFactor(a)
        let x = try f.solve([1, 2, 3])
        for i in 0..<3 {
            let ax = (0..<3).map { a[i, $0] * x[$0] }.reduce(0, +)
            #expect(abs(ax - Double(i + 1)) < 1e-12)
        }
        let inv = try f.inverse()
        for i in 0..<3 {
            for j in 0..<3 {
                let p = (0..<3).map { a[i, $0] * inv[$0, j] }.reduce(0, +)
                #expect(abs(p - (i == j ? 1 : 0)) < 1e-12)
            }
        }
        // det = 4(6 - 0.25) - 2(4 - 0.2) + 0.4(1 - 1.2) = 15.32
        #expect(abs(f.logDeterminant - Foundation.log(15.32)) < 1e-12)
        #expect(throws: NumericsError.self) { try CholeskyFactor(Matrix(rows: [[1, 2], [2, 1]])) }
        #expect(throws: NumericsError.self) { try CholeskyFactor(Matrix(rows: [[1, 2, 3]])) }
        #expect(throws: NumericsError.self) { try f.solve([1, .nan, 3]) }
    }

    @Test func linearLeastSquaresGivesOLSCoefficientsAndStandardErrors() throws {
        let x: [Double] = [0, 1, 2, 3, 4]
        let y: [Double] = [1.1, 2.9, 5.2, 6.8, 9.1]
        let fit = try LinearLeastSquares.fit(design: Matrix(rows: x.map { [1, $0] }), observations: y)
        // Closed form: slope = Sxy / Sxx, s^2 = RSS / (n - 2), se(slope) = s / sqrt(Sxx).
        let mx = 2.0, my = y.reduce(0, +) / 5
        let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let slope = sxy / sxx, intercept = my - slope * mx
        let rss = zip(x, y).reduce(0) { $0 + pow($1.1 - intercept - slope * $1.0, 2) }
        #expect(abs(fit.coefficients[1] - slope) < 1e-12)
        #expect(abs(fit.coefficients[0] - intercept) < 1e-12)
        #expect(abs(fit.chiSquared - rss) < 1e-12)
        #expect(abs(fit.standardErrors[1] - (rss / 3 / sxx).squareRoot()) < 1e-12)
        #expect(fit.degreesOfFreedom == 3)
    }

    @Test func weightedLeastSquaresTrustsTheWeights() throws {
        let design = Matrix(rows: [[1, 0], [1, 1], [1, 2]])
        let fit = try LinearLeastSquares.fit(design: design, observations: [1, 3, 5], weights: [4, 4, 4])
        #expect(abs(fit.coefficients[0] - 1) < 1e-12 && abs(fit.coefficients[1] - 2) < 1e-12)
        // (X^T W X)^-1 with W = 4 I: var(slope) = 1 / (4 * Sxx) = 1/8.
        #expect(abs(fit.covariance[1, 1] - 0.125) < 1e-12)
    }

    @Test func linearLeastSquaresRejectsBadInput() {
        #expect(throws: NumericsError.self) { try LinearLeastSquares.fit(design: Matrix(rows: [[1, 2]]), observations: [1]) }
        #expect(throws: NumericsError.self) { try LinearLeastSquares.fit(design: Matrix(rows: [[1], [1]]), observations: [1, .nan]) }
        #expect(throws: NumericsError.self) { try LinearLeastSquares.fit(design: Matrix(rows: [[1], [1]]), observations: [1, 2], weights: [1, -1]) }
    }

    @Test func nonlinearLeastSquaresRecoversAnExponentialDecay() throws {
        let t = (0..<40).map { Double($0) / 4 }
        let model = ExponentialDecay(t: t, y: t.map { 5 * exp(-0.7 * $0) + 1 })
        let fit = try NonlinearLeastSquares(model: model).solve(from: [1, 0.2, 0])
        #expect(fit.report.converged)
        #expect(fit.report.iterations > 0)
        #expect([.stepTolerance, .leastSquaresGradientTolerance].contains(fit.report.reason))
        for (got, want) in zip(fit.parameters, [5, 0.7, 1]) { #expect(abs(got - want) < 1e-8) }
        #expect(fit.residualSumOfSquares < 1e-16)
    }

    @Test func nonlinearLeastSquaresReportsTheIterationLimit() throws {
        let t = (0..<40).map { Double($0) / 4 }
        var options = NonlinearLeastSquares.Options()
        options.maxIterations = 2
        let fit = try NonlinearLeastSquares(model: ExponentialDecay(t: t, y: t.map { 5 * exp(-0.7 * $0) + 1 }), options: options)
            .solve(from: [1, 3, 0])
        #expect(!fit.report.converged)
        #expect(fit.report.reason == .iterationLimit)
        #expect(throws: NumericsError.self) { try NonlinearLeastSquares(model: ExponentialDecay(t: [1], y: [1])) }
        #expect(throws: NumericsError.invalidInput("the start must be 3 finite numbers, got [1.0, inf, 0.0]")) {
            try NonlinearLeastSquares(model: ExponentialDecay(t: t, y: t)).solve(from: [1, .infinity, 0])
        }
    }

    @Test func bfgsMinimisesRosenbrock() throws {
        let m = try GradientMinimizer(objective: Rosenbrock()).minimize(from: [-1.2, 1])
        #expect(m.report.converged, "\(m.report) \(m.point)")
        #expect(m.report.reason == .gradientTolerance)
        #expect(abs(m.point[0] - 1) < 1e-6 && abs(m.point[1] - 1) < 1e-6)
        var options = GradientMinimizer.Options()
        options.maxIterations = 3
        let short = try GradientMinimizer(objective: Rosenbrock(), options: options).minimize(from: [-1.2, 1])
        #expect(!short.report.converged && short.report.reason == .iterationLimit && short.report.iterations == 3)
        #expect(throws: NumericsError.self) { try GradientMinimizer(objective: Rosenbrock()).minimize(from: [.nan, 0]) }
        // Asked for more than double precision allows, BFGS2 stops without progress and says so.
        var tight = GradientMinimizer.Options()
        tight.gradientTolerance = 1e-14
        let stuck = try GradientMinimizer(objective: Rosenbrock(), options: tight).minimize(from: [-1.2, 1])
        #expect(!stuck.report.converged && stuck.report.reason == .noProgress && stuck.report.detail.contains("|grad|"))
    }

    @Test func nelderMeadMinimisesRosenbrock() throws {
        let m = try SimplexMinimizer(objective: Rosenbrock()).minimize(from: [-1.2, 1])
        #expect(m.report.converged)
        #expect(m.report.reason == .simplexSize)
        #expect(abs(m.point[0] - 1) < 1e-6 && abs(m.point[1] - 1) < 1e-6)
        #expect(throws: NumericsError.self) { try SimplexMinimizer(objective: Rosenbrock()).minimize(from: [0]) }
    }

    @Test func randomStreamsRepeatExactly() throws {
        let a = try RandomStream(seed: 7), b = try RandomStream(seed: 7), c = try RandomStream(seed: 8)
        let xa = (0..<20).map { _ in a.gaussian() }, xb = (0..<20).map { _ in b.gaussian() }
        #expect(xa == xb)
        #expect(xa != (0..<20).map { _ in c.gaussian() })
        let r = try RandomStream(seed: 1)
        let draws = (0..<2_000).map { _ in r.integer(below: 6) }
        #expect(Set(draws) == Set(0..<6))
        let u = (0..<2_000).map { _ in r.uniform() }
        #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(u.reduce(0, +) / 2_000 - 0.5) < 0.03)
        let idx = r.resampleIndices(count: 72)
        #expect(idx.count == 72 && idx.allSatisfy { (0..<72).contains($0) })
    }

    /// The best feasible least-squares solution over every support, by brute force.
    func bruteForceNNLS(_ rows: [[Double]], _ y: [Double]) throws -> (rss: Double, c: [Double]) {
        var best = (rss: y.reduce(0) { $0 + $1 * $1 }, c: [Double](repeating: 0, count: rows[0].count))
        for mask in 1..<(1 << rows[0].count) {
            let support = rows[0].indices.filter { mask & (1 << $0) != 0 }
            let fit = try LinearLeastSquares.fit(design: Matrix(rows: rows.map { r in support.map { r[$0] } }), observations: y)
            guard fit.coefficients.allSatisfy({ $0 >= 0 }), fit.chiSquared < best.rss else { continue }
            var c = [Double](repeating: 0, count: rows[0].count)
            for (k, j) in support.enumerated() { c[j] = fit.coefficients[k] }
            best = (fit.chiSquared, c)
        }
        return best
    }

    @Test(arguments: [(2.0, -0.05), (0.5, -0.8), (-1.0, 0.3), (0.5, 0.8)])
    func nonNegativeLeastSquaresMatchesBruteForce(slope: Double, curvature: Double) throws {
        let rows: [[Double]] = (0..<12).map { i in let t = Double(i); return [1, t, t * t / 10] }
        let y = rows.map { 3 + slope * $0[1] + curvature * $0[2] }
        let fit = try NonNegativeLeastSquares(observations: 12, coefficients: 3).solve(design: Matrix(rows: rows), observations: y)
        let truth = try bruteForceNNLS(rows, y)
        #expect(fit.coefficients.allSatisfy { $0 >= 0 })
        #expect(abs(fit.residualSumOfSquares - truth.rss) < 1e-9)
        for (a, b) in zip(fit.coefficients, truth.c) { #expect(abs(a - b) < 1e-9) }
        #expect(fit.activeConstraints == (0..<3).filter { truth.c[$0] == 0 })
        if slope > 0, curvature > 0 { #expect(fit.activeConstraints.isEmpty && abs(fit.coefficients[2] - curvature) < 1e-10) }
    }

    /// Five columns of a surface with effects (a constant, two power laws, a steps-like and a
    /// quadratic column), random signs in the truth: the active-set answer is brute force's.
    @Test func nonNegativeLeastSquaresMatchesBruteForceOnFiveColumns() throws {
        let r = try RandomStream(seed: 11)
        let solver = try NonNegativeLeastSquares(observations: 20, coefficients: 5)
        for _ in 0..<200 {
            let rows: [[Double]] = (0..<20).map { i in
                let n = 1 + Double(i % 5), d = 1 + Double(i / 5)
                return [1, pow(n, -0.4), pow(d, -0.3), 1 / (d * (1 + r.uniform())), pow(log(n) - 1, 2)]
            }
            let c = (0..<5).map { _ in 4 * r.uniform() - 2 }
            let y = rows.map { row in zip(row, c).reduce(0) { $0 + $1.0 * $1.1 } + 0.01 * (r.uniform() - 0.5) }
            let fit = try solver.solve(design: Matrix(rows: rows), observations: y)
            let truth = try bruteForceNNLS(rows, y)
            #expect(fit.coefficients.allSatisfy { $0 >= 0 })
            #expect(abs(fit.residualSumOfSquares - truth.rss) <= 1e-9 * max(1, truth.rss))
        }
    }

    @Test func quantilesInterpolateLinearly() throws {
        #expect(try Quantiles.of([5, 1, 4, 2, 3], at: [0, 0.25, 0.5, 1]) == [1, 2, 3, 5])
        #expect(try Quantiles.of([1, 2], at: [0.5]) == [1.5])
        #expect(throws: NumericsError.self) { try Quantiles.of([], at: [0.5]) }
        #expect(throws: NumericsError.self) { try Quantiles.of([1], at: [1.5]) }
    }

    @Test func parallelMapIsDeterministic() throws {
        let work: (Void, Int) throws -> Double = { _, i in sin(Double(i)) }
        let serial = try Parallel.map(count: 1_000, parallel: false, makeWorker: {}, work: work)
        let parallel = try Parallel.map(count: 1_000, parallel: true, makeWorker: {}, work: work)
        #expect(serial == parallel)
        #expect(serial[17] == sin(17))
        #expect(throws: NumericsError.self) {
            try Parallel.map(count: 10, makeWorker: {}, work: { (_: Void, i: Int) throws -> Int in
                if i == 3 { throw NumericsError.invalidInput("three") }
                return i
            })
        }
    }

    @Test func powerLawFitsInLogSpace() throws {
        let x: [Double] = [1e18, 1e19, 1e20, 1e21]
        let law = try PowerLaw.fit(x: x, y: x.map { 2.5 * pow($0, 0.45) })
        #expect(abs(law.coefficient / 2.5 - 1) < 1e-9 && abs(law.exponent - 0.45) < 1e-12)
        let two = try PowerLaw.fit(x: [10, 100], y: [3, 30])
        #expect(abs(two.exponent - 1) < 1e-12 && abs(two.coefficient - 0.3) < 1e-12 && two.exponentError.isNaN)
        #expect(throws: NumericsError.self) { try PowerLaw.fit(x: [1, 1], y: [2, 3]) }
        #expect(throws: NumericsError.self) { try PowerLaw.fit(x: [1, 2], y: [2, -3]) }
    }
}
