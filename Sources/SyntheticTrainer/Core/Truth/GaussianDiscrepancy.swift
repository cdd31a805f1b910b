import Foundation
import Scaling

/// Δ_data: a calibration's discrepancy term (Kennedy and O'Hagan 2001), a Gaussian-process
/// regression of what a parametric surface misses on real runs, over any number of named
/// log-inputs. Protocol-neutral: the 2026 truth uses it over (ln N, ln D, ln batch, ln lr)
/// (`Truth2026.Discrepancy`), the 2025 truth over the inputs of a `/loss` query
/// (`LossSurface.discrepancy`).
///
/// Each anchor is a real run at its inputs `zᵢ` (natural logarithms) with its residual, the
/// real loss less the surface's. The correction at `z` is the posterior mean
/// `Σᵢ wᵢ k(z, zᵢ)`, with the squared-exponential kernel
/// `k = signalSigma² · exp(−½ Σ_c ((z_c − zᵢ_c)/ℓ_c)²)` and weights
/// `w = (K + noiseSigma² I)⁻¹ r` (a GSL Cholesky solve, once, at construction). Near the real
/// runs the truth answers like them; a few length scales away the correction fades to 0 and the
/// parametric surface is the whole truth.
///
/// ```swift
/// let d = try GaussianDiscrepancy(
///     inputs: ["log_parameters", "log_tokens"],
///     anchors: [.init(inputs: [log(2.5e7), log(1.68e7)], residual: 0.2)],
///     lengthScales: [2, 0.7], signalSigma: 0.24, noiseSigma: 0.04)
/// d.correction { [log(2.5e7), log(1.68e7)][$0] }     // ≈ 0.2 · 0.24² / (0.24² + 0.04²)
/// ```
public struct GaussianDiscrepancy: Hashable, Sendable {
    /// One real run: where it sits (one natural logarithm per input) and what the surface
    /// missed there.
    public struct Anchor: Hashable, Sendable {
        public var inputs: [Double]
        /// Real loss − the parametric surface's, in nats.
        public var residual: Double
        public init(inputs: [Double], residual: Double) {
            self.inputs = inputs; self.residual = residual
        }
    }

    /// The inputs' names, in order (e.g. `log_parameters`); the YAML keys of the length scales.
    public let inputs: [String]
    public let anchors: [Anchor]
    /// The kernel's length scales, one per input, in natural-log units of that input.
    public let lengthScales: [Double]
    /// The kernel's amplitude σ_f, nats.
    public let signalSigma: Double
    /// The residuals' own noise σ_n, nats.
    public let noiseSigma: Double
    /// `(K + σ_n² I)⁻¹ r`, times σ_f² (so a correction is one weighted sum of exponentials).
    @usableFromInline let weights: [Double]
    /// Each anchor's inputs divided by the length scales, `inputs.count` per anchor.
    @usableFromInline let scaled: [Double]
    /// The distinct scaled values of each input, input 0's first; `levelInput[j]` is the input
    /// of `levels[j]` and `levelOf[dims · i + c]` the level of anchor i's input c.
    @usableFromInline let levels: [Double]
    @usableFromInline let levelInput: [Int]
    @usableFromInline let levelOf: [Int]

    /// No correction: the parametric surface alone.
    public static let none = GaussianDiscrepancy()

    private init() {
        inputs = []; anchors = []; lengthScales = []
        signalSigma = 0; noiseSigma = 0; weights = []; scaled = []; levels = []; levelInput = []; levelOf = []
    }

    /// True when there is no anchor (the correction is 0 everywhere).
    public var isEmpty: Bool { weights.isEmpty }

    /// Solves for the weights. There must be one finite length scale > 0 per named input, one
    /// input value per name in every anchor, every number finite and both sigmas > 0 (else
    /// `.invalidInput` naming the thing).
    public init(inputs: [String], anchors: [Anchor], lengthScales: [Double], signalSigma: Double, noiseSigma: Double) throws(NumericsError) {
        guard !inputs.isEmpty, lengthScales.count == inputs.count else {
            throw .invalidInput("a discrepancy needs one length scale per input, got \(lengthScales.count) for the inputs \(inputs)")
        }
        guard lengthScales.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw .invalidInput("every discrepancy length scale must be a finite number > 0, got \(lengthScales)")
        }
        guard signalSigma.isFinite, signalSigma > 0, noiseSigma.isFinite, noiseSigma > 0 else {
            throw .invalidInput("the discrepancy's signal and noise sigmas must be finite numbers > 0, got \(signalSigma) and \(noiseSigma)")
        }
        let dims = inputs.count
        for (i, a) in anchors.enumerated() {
            guard a.inputs.count == dims else {
                throw .invalidInput("discrepancy anchor \(i + 1) has \(a.inputs.count) inputs, expected \(dims) (\(inputs.joined(separator: ", ")))")
            }
            guard a.inputs.allSatisfy(\.isFinite), a.residual.isFinite else {
                throw .invalidInput("discrepancy anchor \(i + 1) has a value that is not finite")
            }
        }
        self.inputs = inputs; self.anchors = anchors; self.lengthScales = lengthScales
        self.signalSigma = signalSigma; self.noiseSigma = noiseSigma
        var scaled = [Double](repeating: 0, count: anchors.count * dims)
        for (i, a) in anchors.enumerated() {
            for c in 0..<dims { scaled[i * dims + c] = a.inputs[c] / lengthScales[c] }
        }
        self.scaled = scaled
        var levels: [Double] = [], levelInput: [Int] = [], levelOf = [Int](repeating: 0, count: scaled.count)
        for c in 0..<dims {
            var seen: [Double: Int] = [:]
            for i in 0..<anchors.count {
                let v = scaled[i * dims + c]
                if let j = seen[v] { levelOf[i * dims + c] = j; continue }
                seen[v] = levels.count
                levelOf[i * dims + c] = levels.count
                levels.append(v); levelInput.append(c)
            }
        }
        self.levels = levels; self.levelInput = levelInput; self.levelOf = levelOf
        if anchors.isEmpty { weights = []; return }
        let alpha = try Self.factor(scaled: scaled, count: anchors.count, dims: dims, signalSigma: signalSigma, noiseSigma: noiseSigma)
            .solve(anchors.map(\.residual))
        weights = alpha.map { $0 * signalSigma * signalSigma }
    }

    /// The same anchors under another kernel (what a kernel fit evaluates).
    public func withKernel(lengthScales: [Double], signalSigma: Double, noiseSigma: Double) throws(NumericsError) -> GaussianDiscrepancy {
        try GaussianDiscrepancy(inputs: inputs, anchors: anchors, lengthScales: lengthScales, signalSigma: signalSigma, noiseSigma: noiseSigma)
    }

    /// The Cholesky factor of K + σ_n² I over the scaled anchor inputs.
    static func factor(scaled: [Double], count n: Int, dims: Int, signalSigma: Double, noiseSigma: Double) throws(NumericsError) -> CholeskyFactor {
        var k = Matrix(rows: n, columns: n)
        let s2 = signalSigma * signalSigma
        for i in 0..<n {
            for j in 0...i {
                var d2 = 0.0
                for c in 0..<dims { let d = scaled[i * dims + c] - scaled[j * dims + c]; d2 += d * d }
                let v = s2 * Foundation.exp(-0.5 * d2)
                k[i, j] = v; k[j, i] = v
            }
            k[i, i] += noiseSigma * noiseSigma
        }
        return try CholeskyFactor(k)
    }

    /// The posterior-mean correction at the inputs `input(c)` (c in `0..<inputs.count`, natural
    /// logarithms, in the order of `inputs`), nats; 0 without anchors. Allocates nothing on the
    /// heap.
    ///
    /// The kernel is a product over the inputs, and real runs share few distinct values of each
    /// (five widths, two batches...), so each input's factor is computed once per distinct value
    /// (`levels`) and each anchor multiplies one factor per input.
    @inlinable
    public func correction(_ input: (Int) -> Double) -> Double {
        if weights.isEmpty { return 0 }
        let dims = lengthScales.count
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: dims + levels.count) { buffer in
            for c in 0..<dims { buffer[c] = input(c) / lengthScales[c] }
            for j in 0..<levels.count {
                let d = levels[j] - buffer[levelInput[j]]
                buffer[dims + j] = Foundation.exp(-0.5 * d * d)
            }
            var sum = 0.0
            for i in 0..<weights.count {
                let base = i * dims
                var product = weights[i]
                for c in 0..<dims { product *= buffer[dims + levelOf[base + c]] }
                sum += product
            }
            return sum
        }
    }

    /// Each anchor's residual less the prediction of the other anchors alone (the closed-form
    /// leave-one-out of a Gaussian process: αᵢ / (K⁻¹)ᵢᵢ).
    public func leaveOneOutResiduals() throws(NumericsError) -> [Double] {
        if anchors.isEmpty { return [] }
        let f = try Self.factor(scaled: scaled, count: anchors.count, dims: inputs.count, signalSigma: signalSigma, noiseSigma: noiseSigma)
        let inverse = try f.inverse()
        let alpha = try f.solve(anchors.map(\.residual))
        return alpha.indices.map { alpha[$0] / inverse[$0, $0] }
    }

    /// −ln p(r | kernel) less the constant n/2 ln 2π: what the kernel's fit minimises.
    public func negativeLogMarginalLikelihood() throws(NumericsError) -> Double {
        if anchors.isEmpty { return 0 }
        let f = try Self.factor(scaled: scaled, count: anchors.count, dims: inputs.count, signalSigma: signalSigma, noiseSigma: noiseSigma)
        let r = anchors.map(\.residual)
        let alpha = try f.solve(r)
        return 0.5 * zip(r, alpha).map { $0 * $1 }.reduce(0, +) + 0.5 * f.logDeterminant
    }
}
