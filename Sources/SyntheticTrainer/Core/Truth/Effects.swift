import Foundation

/// Learning rate: a penalty convex in ln(lr) around an optimum that moves with model size,
///
///     penalty = k(N) * (ln lr - ln lr*(N))^2,
///     ln lr*(N) = ln(optimum) + optimumExponent * ln(N / referenceParameters),
///     k(N)      = curvature * (N / referenceParameters)^curvatureExponent,
///
/// in nats, added before the ceiling. `N` is the count the surface uses. The optimum may lie
/// outside any API's range (then the best allowed rate is the nearer end of the range, because
/// the penalty is convex in ln lr). `curvature = 0` switches the effect off.
public struct LearningRateEffect: Hashable, Codable, Sendable {
    public var optimum: Double
    public var referenceParameters: Double
    public var optimumExponent: Double
    public var curvature: Double
    public var curvatureExponent: Double

    public init(optimum: Double = 1e-3, referenceParameters: Double = 1e7, optimumExponent: Double = 0,
                curvature: Double = 0, curvatureExponent: Double = 0) {
        self.optimum = optimum; self.referenceParameters = referenceParameters
        self.optimumExponent = optimumExponent; self.curvature = curvature; self.curvatureExponent = curvatureExponent
    }

    public static let none = LearningRateEffect()

    enum CodingKeys: String, CodingKey, CaseIterable {
        case optimum, referenceParameters = "reference_parameters", optimumExponent = "optimum_exponent"
        case curvature, curvatureExponent = "curvature_exponent"
    }

    /// ln lr*(N), from ln N.
    @inlinable
    public func logOptimum(logParameters: Double) -> Double {
        Foundation.log(optimum) + optimumExponent * (logParameters - Foundation.log(referenceParameters))
    }

    /// The penalty from ln lr and ln N (one `exp` when the curvature moves with size).
    @inlinable
    public func penalty(logLearningRate: Double, logParameters: Double) -> Double {
        if curvature == 0 { return 0 }
        let x = logLearningRate - logOptimum(logParameters: logParameters)
        let k = curvatureExponent == 0 ? curvature
            : curvature * Foundation.exp(curvatureExponent * (logParameters - Foundation.log(referenceParameters)))
        return k * x * x
    }
}

/// Optimiser steps: a run that takes few steps is penalised,
///
///     steps   = D / (batch_size * context),
///     penalty = scale * (referenceSteps / steps)^exponent   (nats, before the ceiling),
///
/// so at equal FLOPs a batch twice as large (half the steps) costs `penalty * (2^exponent - 1)`
/// more: most for starved runs, vanishing for long ones. `scale = 0` switches it off.
public struct StepsEffect: Hashable, Codable, Sendable {
    public var scale: Double
    public var referenceSteps: Double
    public var exponent: Double

    public init(scale: Double = 0, referenceSteps: Double = 1000, exponent: Double = 1) {
        self.scale = scale; self.referenceSteps = referenceSteps; self.exponent = exponent
    }

    public static let none = StepsEffect()

    enum CodingKeys: String, CodingKey, CaseIterable {
        case scale, referenceSteps = "reference_steps", exponent
    }

    /// The penalty from ln(steps).
    @inlinable
    public func penalty(logSteps: Double) -> Double {
        scale == 0 ? 0 : scale * Foundation.exp(exponent * (Foundation.log(referenceSteps) - logSteps))
    }
}

/// A bounded log-quadratic bowl, used for shape (aspect ratio d_model / num_layers) and heads
/// (head dimension d_model / num_heads):
///
///     y = ln(value / optimum),  penalty = curvature * y^2 / (1 + y^2 / saturation^2)   (nats)
///
/// quadratic near the optimum, flattening to at most `curvature * saturation^2` far from it, so
/// the effect is "a few percent over a wide range, worse at the extremes" and never explodes.
/// `curvature = 0` switches it off.
public struct BowlEffect: Hashable, Codable, Sendable {
    public var optimum: Double
    public var curvature: Double
    public var saturation: Double

    public init(optimum: Double = 64, curvature: Double = 0, saturation: Double = 2) {
        self.optimum = optimum; self.curvature = curvature; self.saturation = saturation
    }

    public static let none = BowlEffect()

    enum CodingKeys: String, CodingKey, CaseIterable { case optimum, curvature, saturation }

    /// The largest penalty the bowl can give: `curvature * saturation^2`.
    public var maximumPenalty: Double { curvature * saturation * saturation }

    /// The penalty from ln(value).
    @inlinable
    public func penalty(logValue: Double) -> Double {
        if curvature == 0 { return 0 }
        let y = logValue - Foundation.log(optimum)
        let y2 = y * y
        return curvature * y2 / (1 + y2 / (saturation * saturation))
    }
}

/// The ceiling: a run that learns almost nothing sits just above ln(vocabulary), not higher.
/// The raw loss `r` (law plus penalties) is passed through a smooth minimum with `loss`,
///
///     L = -softness * ln(exp(-r / softness) + exp(-loss / softness)),
///
/// which is `r` when `r` is several softness widths below the ceiling, tends to `loss` as `r`
/// grows, and is strictly increasing in `r` (so the ceiling never changes which of two runs is
/// better). `softness = 0` makes it the plain minimum; `loss = +inf` switches it off.
public struct Ceiling: Hashable, Codable, Sendable {
    public var loss: Double
    public var softness: Double

    public init(loss: Double = .infinity, softness: Double = 0) {
        self.loss = loss; self.softness = softness
    }

    public static let none = Ceiling()

    enum CodingKeys: String, CodingKey, CaseIterable { case loss, softness }

    @inlinable
    public func apply(_ r: Double) -> Double {
        if !loss.isFinite { return r }
        if softness == 0 { return Swift.min(r, loss) }
        let lo = Swift.min(r, loss), hi = Swift.max(r, loss)
        return lo - softness * Foundation.log1p(Foundation.exp(-(hi - lo) / softness))
    }
}
