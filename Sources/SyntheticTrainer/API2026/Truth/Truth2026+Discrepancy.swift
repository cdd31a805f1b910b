import Foundation
import Scaling

extension Truth2026 {
    /// Δ_data: the calibration's discrepancy term (Kennedy and O'Hagan 2001), a Gaussian-process
    /// regression of what the parametric surface misses on real runs: the protocol-neutral
    /// `GaussianDiscrepancy` over four named inputs.
    ///
    /// Each anchor is a real run at (ln N, ln D, ln B, ln lr) with its residual, the real final
    /// loss less the surface's. The correction at a config is the posterior mean
    /// `Σᵢ wᵢ k(z, zᵢ)`, with the squared-exponential kernel
    /// `k = signalSigma² · exp(−½ Σ_d ((z_d − zᵢ_d)/ℓ_d)²)` and weights
    /// `w = (K + noiseSigma² I)⁻¹ r` (a GSL Cholesky solve, once). Near the real runs the truth
    /// answers like them; a few length scales away the correction fades to 0 and the
    /// parametric surface (the law and its effects) is the whole truth, so the target at 48
    /// hours, far from every anchor, is the law's. cs336-2026-live's anchors and kernel are the
    /// maximum-marginal-likelihood fit to its 153 completed runs
    /// (`Tests/SyntheticTrainerTests/API2026/LiveDiscrepancy2026Tests.swift` refits and pins them).
    ///
    /// ```swift
    /// let d = try Truth2026.Discrepancy(
    ///     anchors: [.init(parameters: 2.5e7, tokens: 1.68e7, batch: 128, learningRate: 3e-3, residual: 0.2)],
    ///     lengthScales: .init(logParameters: 2, logTokens: 0.7, logBatch: 0.8, logLearningRate: 1),
    ///     signalSigma: 0.24, noiseSigma: 0.04)
    /// d.correction(logParameters: log(2.5e7), logTokens: log(1.68e7), logBatch: log(128), logLearningRate: log(3e-3))
    /// ```
    public struct Discrepancy: Hashable, Sendable {
        /// One real run: where it sits and what the surface missed there.
        public struct Anchor: Hashable, Sendable {
            public var logParameters: Double
            public var logTokens: Double
            public var logBatch: Double
            public var logLearningRate: Double
            /// Real final loss − the parametric surface's, in nats.
            public var residual: Double

            public init(parameters: Double, tokens: Double, batch: Double, learningRate: Double, residual: Double) {
                logParameters = Foundation.log(parameters); logTokens = Foundation.log(tokens)
                logBatch = Foundation.log(batch); logLearningRate = Foundation.log(learningRate)
                self.residual = residual
            }
        }

        /// The kernel's length scales, in natural-log units of each input.
        public struct LengthScales: Hashable, Sendable {
            public var logParameters: Double
            public var logTokens: Double
            public var logBatch: Double
            public var logLearningRate: Double
            public init(logParameters: Double, logTokens: Double, logBatch: Double, logLearningRate: Double) {
                self.logParameters = logParameters; self.logTokens = logTokens
                self.logBatch = logBatch; self.logLearningRate = logLearningRate
            }
        }

        /// The protocol-neutral term over (ln N, ln D, ln B, ln lr), in that order.
        public let term: GaussianDiscrepancy

        /// The four inputs' names, in the order of `term`'s inputs (and the YAML's keys).
        public static let inputNames = ["log_parameters", "log_tokens", "log_batch", "log_learning_rate"]

        /// The anchors, by name.
        public var anchors: [Anchor] {
            term.anchors.map { a in
                var named = Anchor(parameters: 1, tokens: 1, batch: 1, learningRate: 1, residual: a.residual)
                named.logParameters = a.inputs[0]; named.logTokens = a.inputs[1]
                named.logBatch = a.inputs[2]; named.logLearningRate = a.inputs[3]
                return named
            }
        }
        public var lengthScales: LengthScales {
            let l = term.lengthScales
            return l.count == 4 ? LengthScales(logParameters: l[0], logTokens: l[1], logBatch: l[2], logLearningRate: l[3])
                : LengthScales(logParameters: 1, logTokens: 1, logBatch: 1, logLearningRate: 1)
        }
        /// The kernel's amplitude σ_f, nats.
        public var signalSigma: Double { term.signalSigma }
        /// The residuals' own noise σ_n, nats (reruns of one config differ by about 0.01).
        public var noiseSigma: Double { term.noiseSigma }

        /// No correction: the parametric surface alone (the default).
        public static let none = Discrepancy(term: .none)

        private init(term: GaussianDiscrepancy) { self.term = term }

        /// Solves for the weights; every number must be finite and every scale and sigma > 0
        /// (else `.invalidInput` naming it).
        public init(anchors: [Anchor], lengthScales: LengthScales, signalSigma: Double, noiseSigma: Double) throws(NumericsError) {
            term = try GaussianDiscrepancy(
                inputs: Self.inputNames,
                anchors: anchors.map { .init(inputs: [$0.logParameters, $0.logTokens, $0.logBatch, $0.logLearningRate], residual: $0.residual) },
                lengthScales: [lengthScales.logParameters, lengthScales.logTokens, lengthScales.logBatch, lengthScales.logLearningRate],
                signalSigma: signalSigma, noiseSigma: noiseSigma)
        }

        /// The posterior-mean correction at a config's inputs, nats (0 without anchors).
        @inlinable
        public func correction(logParameters: Double, logTokens: Double, logBatch: Double, logLearningRate: Double) -> Double {
            term.correction { c in
                switch c { case 0: logParameters; case 1: logTokens; case 2: logBatch; default: logLearningRate }
            }
        }

        /// Each anchor's residual less the prediction of the other anchors alone.
        public func leaveOneOutResiduals() throws(NumericsError) -> [Double] { try term.leaveOneOutResiduals() }

        /// −ln p(r | kernel) less the constant n/2 ln 2π: what the kernel's fit minimises.
        public func negativeLogMarginalLikelihood() throws(NumericsError) -> Double { try term.negativeLogMarginalLikelihood() }
    }
}
