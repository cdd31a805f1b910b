import Foundation
import Scaling

extension Truth2026 {
    /// Δ_data: the calibration's discrepancy term (Kennedy and O'Hagan 2001), a Gaussian-process
    /// regression of what the parametric surface misses on real runs.
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

        public let anchors: [Anchor]
        public let lengthScales: LengthScales
        /// The kernel's amplitude σ_f, nats.
        public let signalSigma: Double
        /// The residuals' own noise σ_n, nats (reruns of one config differ by about 0.01).
        public let noiseSigma: Double
        /// `(K + σ_n² I)⁻¹ r`, times σ_f² (so a correction is one weighted sum of exponentials).
        @usableFromInline let weights: [Double]
        /// Each anchor's inputs divided by the length scales, 4 per anchor.
        @usableFromInline let scaled: [Double]
        /// The distinct scaled values of the four inputs, input 0's first; `levelInput[j]` is
        /// the input of `levels[j]` and `levelOf[4i + c]` the level of anchor i's input c.
        @usableFromInline let levels: [Double]
        @usableFromInline let levelInput: [Int]
        @usableFromInline let levelOf: [Int]

        /// No correction: the parametric surface alone (the default).
        public static let none = Discrepancy()

        private init() {
            anchors = []; lengthScales = LengthScales(logParameters: 1, logTokens: 1, logBatch: 1, logLearningRate: 1)
            signalSigma = 0; noiseSigma = 0; weights = []; scaled = []; levels = []; levelInput = []; levelOf = []
        }

        /// Solves for the weights; every number must be finite and every scale and sigma > 0
        /// (else `.invalidInput` naming it).
        public init(anchors: [Anchor], lengthScales: LengthScales, signalSigma: Double, noiseSigma: Double) throws(NumericsError) {
            let scales = [lengthScales.logParameters, lengthScales.logTokens, lengthScales.logBatch, lengthScales.logLearningRate]
            guard scales.allSatisfy({ $0.isFinite && $0 > 0 }) else {
                throw .invalidInput("every discrepancy length scale must be a finite number > 0, got \(scales)")
            }
            guard signalSigma.isFinite, signalSigma > 0, noiseSigma.isFinite, noiseSigma > 0 else {
                throw .invalidInput("the discrepancy's signal and noise sigmas must be finite numbers > 0, got \(signalSigma) and \(noiseSigma)")
            }
            for (i, a) in anchors.enumerated() {
                guard [a.logParameters, a.logTokens, a.logBatch, a.logLearningRate, a.residual].allSatisfy(\.isFinite) else {
                    throw .invalidInput("discrepancy anchor \(i + 1) has a value that is not finite")
                }
            }
            self.anchors = anchors; self.lengthScales = lengthScales
            self.signalSigma = signalSigma; self.noiseSigma = noiseSigma
            let scaled = anchors.flatMap { [$0.logParameters / scales[0], $0.logTokens / scales[1], $0.logBatch / scales[2], $0.logLearningRate / scales[3]] }
            self.scaled = scaled
            var levels: [Double] = [], levelInput: [Int] = [], levelOf = [Int](repeating: 0, count: scaled.count)
            for c in 0..<4 {
                var seen: [Double: Int] = [:]
                for i in 0..<anchors.count {
                    let v = scaled[i * 4 + c]
                    if let j = seen[v] { levelOf[i * 4 + c] = j; continue }
                    seen[v] = levels.count
                    levelOf[i * 4 + c] = levels.count
                    levels.append(v); levelInput.append(c)
                }
            }
            self.levels = levels; self.levelInput = levelInput; self.levelOf = levelOf
            if anchors.isEmpty { weights = []; return }
            let alpha = try Self.factor(scaled: scaled, count: anchors.count, signalSigma: signalSigma, noiseSigma: noiseSigma)
                .solve(anchors.map(\.residual))
            weights = alpha.map { $0 * signalSigma * signalSigma }
        }

        /// The Cholesky factor of K + σ_n² I over the scaled anchor inputs.
        static func factor(scaled: [Double], count n: Int, signalSigma: Double, noiseSigma: Double) throws(NumericsError) -> CholeskyFactor {
            var k = Matrix(rows: n, columns: n)
            let s2 = signalSigma * signalSigma
            for i in 0..<n {
                for j in 0...i {
                    var d2 = 0.0
                    for c in 0..<4 { let d = scaled[i * 4 + c] - scaled[j * 4 + c]; d2 += d * d }
                    let v = s2 * Foundation.exp(-0.5 * d2)
                    k[i, j] = v; k[j, i] = v
                }
                k[i, i] += noiseSigma * noiseSigma
            }
            return try CholeskyFactor(k)
        }

        /// The posterior-mean correction at a config's inputs, nats (0 without anchors).
        ///
        /// The kernel is a product over the four inputs, and the real runs share few distinct
        /// values of each (17 sizes, 5 batches...), so each input's factor is computed once per
        /// distinct value (`levels`) and each anchor multiplies four of them.
        @inlinable
        public func correction(logParameters: Double, logTokens: Double, logBatch: Double, logLearningRate: Double) -> Double {
            if weights.isEmpty { return 0 }
            let z = (logParameters / lengthScales.logParameters, logTokens / lengthScales.logTokens,
                     logBatch / lengthScales.logBatch, logLearningRate / lengthScales.logLearningRate)
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: levels.count) { f in
                for j in 0..<levels.count {
                    let zc: Double
                    switch levelInput[j] { case 0: zc = z.0; case 1: zc = z.1; case 2: zc = z.2; default: zc = z.3 }
                    let d = levels[j] - zc
                    f[j] = Foundation.exp(-0.5 * d * d)
                }
                var sum = 0.0
                for i in 0..<weights.count {
                    let base = i * 4
                    sum += weights[i] * f[levelOf[base]] * f[levelOf[base + 1]] * f[levelOf[base + 2]] * f[levelOf[base + 3]]
                }
                return sum
            }
        }

        /// Each anchor's residual less the prediction of the other anchors alone (the
        /// closed-form leave-one-out of a Gaussian process: αᵢ / (K⁻¹)ᵢᵢ).
        public func leaveOneOutResiduals() throws(NumericsError) -> [Double] {
            if anchors.isEmpty { return [] }
            let f = try Self.factor(scaled: scaled, count: anchors.count, signalSigma: signalSigma, noiseSigma: noiseSigma)
            let inverse = try f.inverse()
            let alpha = try f.solve(anchors.map(\.residual))
            return alpha.indices.map { alpha[$0] / inverse[$0, $0] }
        }

        /// −ln p(r | kernel) less the constant n/2 ln 2π: what the kernel's fit minimises.
        public func negativeLogMarginalLikelihood() throws(NumericsError) -> Double {
            if anchors.isEmpty { return 0 }
            let f = try Self.factor(scaled: scaled, count: anchors.count, signalSigma: signalSigma, noiseSigma: noiseSigma)
            let r = anchors.map(\.residual)
            let alpha = try f.solve(r)
            return 0.5 * zip(r, alpha).map { $0 * $1 }.reduce(0, +) + 0.5 * f.logDeterminant
        }
    }
}
