import Foundation

/// Which hyperparameter effects a surface fit models beside the law
/// `L = E + A N^-alpha + B D^-beta`:
///
///     steps:         + S (s / 1e6)^-gamma,                    s = D / batch (steps up to the context)
///     learning rate: + k (N / 1e7)^c (ln lr - a - b ln(N / 1e7))^2,   lr*(N) = e^a (N / 1e7)^b
///
/// Each term is linear in its coefficient (S, k >= 0), so variable projection solves for it
/// with E, A, B and searches only the exponents: alpha, beta, then gamma, then (a, b), then c.
/// A term is only identifiable when the runs vary what it depends on: the steps term needs
/// runs of one model at two batch sizes (else it trades with B D^-beta), the learning-rate
/// term needs one model at three or more rates. Why model them at all: a small run at a
/// budget is starved of optimiser steps and held below its best learning rate by the API's
/// range, and both handicaps fade with size and budget, so a law fitted without them bends
/// the frontier (on the shipped scenarios, by +0.3 to +0.6 in ln N_opt at 1e19).
public struct SurfaceEffects: Hashable, Sendable, Codable, CustomStringConvertible {
    public var steps: Bool
    public var learningRate: Bool
    /// The learning-rate curvature moves with size as (N / 1e7)^c (needs `learningRate`).
    public var learningRateCurvatureMoves: Bool

    public init(steps: Bool = false, learningRate: Bool = false, learningRateCurvatureMoves: Bool = false) {
        self.steps = steps
        self.learningRate = learningRate
        self.learningRateCurvatureMoves = learningRate && learningRateCurvatureMoves
    }

    public static let none = SurfaceEffects()
    public var isNone: Bool { !steps && !learningRate }

    /// Exponents the outer search moves: alpha, beta, [gamma], [a, b], [c].
    public var nonlinearCount: Int { 2 + (steps ? 1 : 0) + (learningRate ? 2 : 0) + (learningRateCurvatureMoves ? 1 : 0) }
    /// Coefficients the inner NNLS solves: E, A, B, [S], [k].
    public var linearCount: Int { 3 + (steps ? 1 : 0) + (learningRate ? 1 : 0) }
    /// Every free parameter, for information criteria.
    public var parameterCount: Int { nonlinearCount + linearCount }

    public var description: String {
        var terms = ["law"]
        if steps { terms.append("steps") }
        if learningRate { terms.append(learningRateCurvatureMoves ? "learning rate (curvature moving with size)" : "learning rate") }
        return terms.joined(separator: " + ")
    }

    /// The reference scales that keep the columns near 1 (and the coefficients readable).
    public static let parameterScale = 1e7
    public static let tokenScale = 1e9
    public static let stepsScale = 1e6

    /// Starting points of the extra exponents: gamma in {0.6, 1} (the live service's starvation
    /// fades more slowly than 1 / steps), lr*(1e7) = 2e-3 falling slowly with size, c = 0.
    var extraStarts: [[Double]] {
        var starts: [[Double]] = [[]]
        if steps { starts = starts.map { $0 + [0.8] } }
        if learningRate { starts = starts.map { $0 + [Foundation.log(2e-3), -0.1] } }
        if learningRateCurvatureMoves { starts = starts.map { $0 + [0] } }
        return starts
    }

    /// Initial simplex edges of the extra exponents.
    var extraSteps: [Double] {
        (steps ? [0.1] : []) + (learningRate ? [0.3, 0.05] : []) + (learningRateCurvatureMoves ? [0.05] : [])
    }

    /// The outer variables by name: alpha, beta, then the effects' exponents in the order
    /// gamma, (a, b), c; those of absent effects are 0.
    struct Exponents {
        var alpha = 0.0, beta = 0.0, gamma = 0.0, a = 0.0, b = 0.0, c = 0.0
    }

    /// The exponents `x` by name, or nil outside the searched box: alpha, beta in (0, 10],
    /// gamma in [0.05, 4], lr*(1e7) = e^a in [1e-7, 1], |b| <= 2, |c| <= 2.
    func exponents(_ x: UnsafeBufferPointer<Double>) -> Exponents? {
        guard x.count == nonlinearCount else { return nil }
        var e = Exponents(alpha: x[0], beta: x[1])
        guard e.alpha > 0, e.beta > 0, e.alpha <= 10, e.beta <= 10 else { return nil }
        var i = 2
        if steps {
            e.gamma = x[i]; i += 1
            guard e.gamma >= 0.05, e.gamma <= 4 else { return nil }
        }
        if learningRate {
            e.a = x[i]; e.b = x[i + 1]; i += 2
            guard e.a >= Foundation.log(1e-7), e.a <= 0, Swift.abs(e.b) <= 2 else { return nil }
        }
        if learningRateCurvatureMoves {
            e.c = x[i]
            guard Swift.abs(e.c) <= 2 else { return nil }
        }
        return e
    }
}

/// The fitted hyperparameter effects of a surface (see `SurfaceEffects` for the forms).
public struct FittedEffects: Hashable, Sendable, Codable {
    /// S and gamma of `S (s / 1e6)^-gamma`, s = D / batch.
    public struct Steps: Hashable, Sendable, Codable {
        public var scale: Double
        public var exponent: Double
    }
    /// k, c, a, b of `k (N / 1e7)^c (ln lr - a - b ln(N / 1e7))^2`.
    public struct LearningRate: Hashable, Sendable, Codable {
        public var curvature: Double
        public var curvatureExponent: Double
        /// lr*(1e7) = e^a.
        public var optimumAtReference: Double
        /// b: lr*(N) = lr*(1e7) (N / 1e7)^b.
        public var optimumExponent: Double

        enum CodingKeys: String, CodingKey {
            case curvature, curvatureExponent = "curvature_exponent"
            case optimumAtReference = "optimum_at_1e7", optimumExponent = "optimum_exponent"
        }

        /// lr*(N), the fitted best learning rate of an N-parameter model (unbounded).
        public func optimum(parameters n: Double) -> Double {
            optimumAtReference * Foundation.pow(n / SurfaceEffects.parameterScale, optimumExponent)
        }

        public func penalty(parameters n: Double, learningRate lr: Double) -> Double {
            let x = Foundation.log(lr / optimum(parameters: n))
            return curvature * Foundation.pow(n / SurfaceEffects.parameterScale, curvatureExponent) * x * x
        }
    }

    public var steps: Steps?
    public var learningRate: LearningRate?

    /// The modelled handicap of a run of N parameters on D tokens at this batch size and rate;
    /// a term whose input is unknown (nil) adds nothing.
    public func penalty(parameters n: Double, tokens d: Double, batchSize: Double?, learningRate lr: Double?) -> Double {
        var p = 0.0
        if let s = steps, let b = batchSize {
            p += s.scale * Foundation.pow(d / b / SurfaceEffects.stepsScale, -s.exponent)
        }
        if let l = learningRate, let lr { p += l.penalty(parameters: n, learningRate: lr) }
        return p
    }
}
