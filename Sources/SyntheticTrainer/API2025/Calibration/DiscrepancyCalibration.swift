import Foundation
import Scaling

/// Fits a 2025 scenario's discrepancy term to real answers (`harness calibrate`): every distinct
/// real answer at `minimumFlops` or more becomes an anchor with its residual against the
/// scenario's parametric surface (law and effects, without any old term), and the kernel (one
/// length scale per input, σ_f, σ_n) is GSL Nelder–Mead's minimum of the negative log marginal
/// likelihood over a seeded sample of `kernelSample` anchors, from ln-space starts. The term
/// then holds every anchor. Deterministic: the same runs, options and seed give the same term.
///
/// ```swift
/// let runs = try RunsFile.load(path: "data/live-2025/matttreed__language-model-scaling.json")
/// let fit = try DiscrepancyCalibration(options: .init()).fit(surface: scenario.surface, runs: runs)
/// var calibrated = scenario
/// calibrated.surface.discrepancy = fit.discrepancy
/// ```
public struct DiscrepancyCalibration: Sendable {
    public struct Options: Hashable, Sendable {
        /// The inputs of the kernel (default: width, depth, batch, learning rate and FLOPs in logs).
        public var inputs: [LossInput] = DiscrepancyCalibration.defaultInputs
        /// Answers below these FLOPs are left to the parametric surface (its starved plateau);
        /// cs336-live's 6e13 gives the 1e14 answers neighbours on both sides.
        public var minimumFlops: Double = 6e13
        /// How many anchors the kernel's marginal likelihood is evaluated on (the term uses all).
        public var kernelSample: Int = 400
        /// Seed of the sample.
        public var seed: UInt64 = 1
        /// Where the term fades to 0 (`LossDiscrepancy.fade`); nil: no fade.
        public var fadeFlops: ClosedRange<Double>? = 3e17...1e19
        public init() {}
    }

    /// cs336-live's choice (docs/calibrate.md): heads barely matter on the service, so they are
    /// left out.
    public static let defaultInputs: [LossInput] = [.logDModel, .logNumLayers, .logBatchSize, .logLearningRate, .logTrainFlops]

    public struct Result: Sendable {
        public var discrepancy: LossDiscrepancy
        /// The kernel's fit (ln of the length scales, σ_f, σ_n at `point`).
        public var kernelFit: Minimum
        /// Each anchor's residual against the parametric surface, in anchor order.
        public var parametricResiduals: [Double]
        /// Each anchor's residual left out of the term (closed-form leave-one-out), in anchor order.
        public var leaveOneOutResiduals: [Double]
        /// Inputs asked for that take one value over the anchors (left out of the kernel).
        public var droppedInputs: [LossInput]
    }

    public var options: Options
    public init(options: Options) { self.options = options }

    /// The distinct answers at `minimumFlops` or more, first occurrence kept, in file order.
    /// One query with two losses more than `RecordedAnswers.tolerance` apart is a
    /// `NumericsError.invalidInput` naming it (sources print the same double differently in
    /// the last digit).
    public func anchorRuns(_ runs: [Run]) throws(NumericsError) -> [Run] {
        var seen: [Query: Double] = [:]
        var out: [Run] = []
        for r in runs where Double(r.trainFlops) >= options.minimumFlops {
            let q = Query(configuration: r.configuration, trainFlops: r.trainFlops)
            if let old = seen[q] {
                guard abs(old - r.loss) <= RecordedAnswers.tolerance else {
                    throw .invalidInput("\(r.configuration) at \(r.trainFlops) FLOPs has two different losses, \(old) and \(r.loss)")
                }
                continue
            }
            seen[q] = r.loss
            out.append(r)
        }
        return out
    }

    /// The anchors the kernel is fitted on: a seeded Fisher–Yates prefix of `kernelSample`, in
    /// anchor order.
    public func kernelSample<T>(_ anchors: [T]) throws(NumericsError) -> [T] {
        var order = Array(anchors.indices)
        let stream = try RandomStream(seed: options.seed)
        let k = Swift.min(options.kernelSample, anchors.count)
        for i in 0..<k {
            let j = i + stream.integer(below: order.count - i)
            order.swapAt(i, j)
        }
        return order.prefix(k).sorted().map { anchors[$0] }
    }

    public func fit(surface: LossSurface, runs: [Run]) throws(NumericsError) -> Result {
        let anchorsRuns = try anchorRuns(runs)
        guard anchorsRuns.count >= 2 else {
            throw .invalidInput("a discrepancy needs at least 2 distinct answers at \(options.minimumFlops) FLOPs or more, got \(anchorsRuns.count)")
        }
        guard options.kernelSample >= 2 else { throw .invalidInput("the kernel sample must be at least 2 anchors, got \(options.kernelSample)") }
        let parametric = surface.parametric
        let residuals = anchorsRuns.map { $0.loss - parametric.loss($0.configuration, trainFlops: Double($0.trainFlops)) }
        guard residuals.allSatisfy(\.isFinite) else { throw .invalidInput("a residual against the parametric surface is not finite") }
        let anchors = zip(anchorsRuns, residuals).map {
            LossDiscrepancy.Anchor(query: Query(configuration: $0.configuration, trainFlops: $0.trainFlops), residual: $1)
        }
        // An input with one value over all anchors has no identifiable length scale: it is left
        // out of the kernel (the term then does not fade along it), and `Result.droppedInputs` says so.
        let inputs = options.inputs.filter { input in
            let values = anchors.map { input.value(LossInput.Point($0.query)) }
            return values.contains { $0 != values[0] }
        }
        guard !inputs.isEmpty else {
            throw .invalidInput("every discrepancy input (\(options.inputs.map(\.rawValue).joined(separator: ", "))) takes one value over the anchors; nothing to fit a kernel on")
        }
        let sample = try kernelSample(anchors)
        let dims = inputs.count
        let mean = residuals.reduce(0, +) / Double(residuals.count)
        let spread = (residuals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(residuals.count)).squareRoot()
        let start = [Double](repeating: 0, count: dims) + [Foundation.log(Swift.max(spread, 0.01)), Foundation.log(0.03)]
        let base = try LossDiscrepancy(inputs: inputs, anchors: sample, lengthScales: .init(repeating: 1, count: dims),
                                       signalSigma: 1, noiseSigma: 0.1)
        final class NLML: Objective {
            let base: LossDiscrepancy
            let dims: Int
            init(_ b: LossDiscrepancy, _ d: Int) { base = b; dims = d }
            var dimension: Int { dims + 2 }
            func value(at x: UnsafePointer<Double>) -> Double {
                let e = (0..<(dims + 2)).map { Foundation.exp(x[$0]) }
                // Outside e^±8 (a length scale of 3000 ln units: "this input does not matter") or
                // where GSL cannot factor, a huge finite value, so the simplex turns back.
                guard (0..<(dims + 2)).allSatisfy({ x[$0] > -8 && x[$0] < 8 }),
                      let d = try? base.with(lengthScales: Array(e[0..<dims]), signalSigma: e[dims], noiseSigma: e[dims + 1]),
                      let v = try? d.term.negativeLogMarginalLikelihood(), v.isFinite else { return 1e30 }
                return v
            }
        }
        var o = SimplexMinimizer.Options()
        o.initialStep = [0.5]
        o.sizeTolerance = 1e-3
        o.maxIterations = 2000
        let kernelFit = try SimplexMinimizer(objective: NLML(base, dims), options: o).minimize(from: start)
        guard kernelFit.report.converged else {
            throw .invalidInput("the discrepancy kernel's marginal-likelihood fit did not converge: \(kernelFit.report)")
        }
        let e = kernelFit.point.map { Foundation.exp($0) }
        let discrepancy = try LossDiscrepancy(inputs: inputs, anchors: anchors, lengthScales: Array(e[0..<dims]),
                                              signalSigma: e[dims], noiseSigma: e[dims + 1], fadeFlops: options.fadeFlops)
        return Result(discrepancy: discrepancy, kernelFit: kernelFit, parametricResiduals: residuals,
                      leaveOneOutResiduals: try discrepancy.term.leaveOneOutResiduals(),
                      droppedInputs: options.inputs.filter { !inputs.contains($0) })
    }
}
