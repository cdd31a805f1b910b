import Foundation

/// The recommended final run and what the prediction rests on.
public struct FinalRunPrediction2026: Sendable {
    /// The full config, `max_runtime_seconds` the whole budget and the tokens sized so that
    /// the runtime model's upper bound (plus the margin) fits in it.
    public var config: TrainingConfig
    public var predictedLoss: Double
    public var lossInterval95: ClosedRange<Double>
    public var runtime: RuntimeEstimate2026
    public var memory: MemoryVerdict2026
    public var warnings: [String]
    /// The law family chosen on all runs and its fit.
    public var law: CurveLawFit2026
    /// Every family's fit and out-of-sample score.
    public var families: [FamilyScore2026]
    /// How often each family was chosen in the bootstrap's resamples.
    public var bootstrapChoices: [CurveLawFamily2026: Int]
    public var bootstrapResamples: Int
    public var bootstrapFailures: Int
    /// Run-to-run scatter of final losses about the law (nats), part of the interval.
    public var noiseSigma: Double
    /// Added to each side of the interval for hyperparameters the runs did not vary near the
    /// chosen size (0.02 nats per such warning).
    public var intervalWidening: Double
    public var hyperparameters: HyperparameterChoice2026
    public var runtimeModel: RuntimeModel2026
    public var memoryModel: MemoryModel2026
    public var runsFitted: Int
    public var pointsFitted: Int
    public var candidatesSearched: Int
    public var candidatesRejectedForMemory: Int
}

/// One law family's evidence.
public struct FamilyScore2026: Sendable {
    public var family: CurveLawFamily2026
    /// The fit on every chosen run, `nil` when it did not converge.
    public var fit: CurveLawFit2026?
    /// RMSE (nats) of the held-out runs' last losses, predicted by the fit without them.
    public var heldOutRMSE: Double?
    public var note: String?
}

/// Why no final run could be predicted.
public enum PredictionError2026: Error, Sendable, CustomStringConvertible {
    case notEnoughRuns(String)
    case noLawFitted(String)
    case noFeasibleConfig(String)
    case badBudget(Double)

    public var description: String {
        switch self {
        case .notEnoughRuns(let why): "predictor: not enough evidence: \(why)"
        case .noLawFitted(let why): "predictor: no law family could be fitted: \(why)"
        case .noFeasibleConfig(let why): "predictor: no final config fits the budget and memory: \(why)"
        case .badBudget(let b): "predictor: budget \(b) s (expected a positive finite number of seconds)"
        }
    }
}

/// Learns from 2026 experiments and recommends the final run for a budget of seconds.
///
/// 1. Runtime and memory models fitted to the runs (`RuntimeModel2026`, `MemoryModel2026`).
/// 2. Hyperparameters from the evidence (`HyperparameterChoice2026`): the batch size that won
///    where batch was varied; the rate law from the rate sweeps' vertices.
/// 3. The runs that speak for the law: at the chosen batch, with rates within a factor 30 of
///    the sweeps' rate law for their size and tokens (the laws' rate term is local), and that
///    trained (last loss more than a nat below ln V). Each run gives its evaluations from three
///    quarters of the way on (on the live runs this predicted held-out final losses better than
///    from a quarter: 0.044 vs 0.064 nats); a timeout gives its prefix (censored evidence: the
///    points it logged are exact, the end it never reached is not used).
/// 4. Three schedule-aware law families (`CurveLawFamily2026`) fitted by GSL; each scored by
///    predicting the last loss of the runs of the largest sizes (a quarter of the sizes, at
///    least one) from a fit without them. The family of least held-out error among the plausible
///    ones is chosen.
/// 5. The final run: every width on a grid, at the fitted runs' median, smallest and largest
///    aspect ratio d/L (the SwiGLU width in their median proportion), at the chosen batch and the law's best rate for its size (kept inside the
///    fitted runs' rates, with a warning when the vertex is outside), the most tokens whose upper-95
///    runtime times `1 + runtimeMargin` fits in the budget, kept only when the memory model says
///    `fits`; the one of least predicted loss.
/// 6. The interval: a seeded bootstrap over runs that redoes step 4 (the model choice) in each
///    resample, plus the run-to-run scatter, plus 0.02 nats each side per hyperparameter warning.
///
/// ```swift
/// let experiments = try ExperimentRecords2026.load(path: "data/live-2026/runs.json").experiments
/// let p = try Predictor2026().predict(experiments, budgetSeconds: 172_800)
/// p.config.architecture.hiddenSize, p.predictedLoss, p.lossInterval95, p.runtime.upper95Seconds
/// ```
public struct Predictor2026: Sendable {
    public struct Options: Sendable {
        public var seed: UInt64 = 2026
        public var bootstrapResamples: Int = 60
        /// The upper-95 runtime times `1 + runtimeMargin` must fit in the budget. The final run
        /// is the campaign's largest extrapolation of the runtime model (tens of times the
        /// tokens of any run fitted, often a wider model): over 30 seeds of the six 2026
        /// scenarios (adaptive), a margin of 0.05 timed out 11 of 180 finals and 0.15 none, for
        /// 0.004 to 0.009 nats more median regret (fewer tokens).
        public var runtimeMargin: Double = 0.15
        /// Evaluations before this fraction of a run are left out of the law fit.
        public var minimumCurvePosition: Double = 0.75
        /// Widths searched: multiples of 64 from 128 to this.
        public var maximumWidth: Int = 4096
        public init() {}
    }

    public var options: Options

    public init(options: Options = .init()) { self.options = options }

    public func predict(_ experiments: [ExperimentResponse2026], budgetSeconds: Double) throws(PredictionError2026) -> FinalRunPrediction2026 {
        guard budgetSeconds.isFinite, budgetSeconds > 0 else { throw .badBudget(budgetSeconds) }
        var warnings: [String] = []
        let runtimeModel: RuntimeModel2026
        do { runtimeModel = try RuntimeModel2026.fit(experiments) } catch {
            throw .notEnoughRuns("\(error)")
        }
        if runtimeModel.kind != .fitted { warnings.append("runtime model: only the prior's shape, scaled to \(runtimeModel.completedRuns) run(s)") }
        let memoryModel = MemoryModel2026.fit(experiments)

        // runs with losses
        var configs: [TrainingConfig] = [], curves: [[Double]] = [], finals: [Double?] = []
        for e in experiments {
            switch ExperimentOutcome2026(e) {
            case .completed(_, let losses) where !losses.isEmpty && losses.allSatisfy(\.isFinite) && losses.count <= e.trainingConfig.nEvals:
                configs.append(e.trainingConfig); curves.append(losses); finals.append(losses.last)
            case .timeout(_, let losses) where !losses.isEmpty && losses.allSatisfy(\.isFinite) && losses.count <= e.trainingConfig.nEvals:
                configs.append(e.trainingConfig); curves.append(losses); finals.append(nil)
            default: continue
            }
        }
        guard configs.count >= 4 else { throw .notEnoughRuns("\(configs.count) run(s) with a loss curve (at least 4 needed)") }
        let hyper = HyperparameterChoice2026.choose(configs: configs, finalLosses: finals)

        // the runs for the law
        let chosen = configs.indices.filter { i in
            let c = configs[i]
            guard c.trainBatchSize == hyper.batchSize else { return false }
            let best = hyper.learningRate(parameters: Double(c.architecture.nonEmbeddingParameters), tokens: Double(c.totalTrainTokens))
            let r = c.optimizer.peakLearningRate
            let barelyTrained = (curves[i].last ?? .infinity) > log(Double(max(c.architecture.vocabSize, 2))) - 1
            return r >= best / 30 && r <= best * 30 && !barelyTrained
        }
        var runPoints: [[CurvePoint2026]] = []
        for i in chosen {
            let c = configs[i], losses = curves[i]
            let first = max(1, Int((Double(c.nEvals) * options.minimumCurvePosition).rounded(.up)))
            guard losses.count >= first else { continue }
            let chunks = Array(first...losses.count)
            let areas = ScheduleAreas2026.at(chunks: chunks, of: c)
            let n = Double(c.architecture.nonEmbeddingParameters)
            runPoints.append(zip(chunks, areas).map { k, a in
                CurvePoint2026(run: runPoints.count, parameters: n, forwardTokens: a.forward * Double(c.tokensPerStep),
                               annealingArea: a.annealing, logRate: log(c.optimizer.peakLearningRate),
                               loss: losses[k - 1], isLast: k == losses.count)
            })
        }
        let sizes = Set(runPoints.compactMap { $0.first?.parameters })
        guard runPoints.count >= 4, sizes.count >= 2 else {
            throw .notEnoughRuns("\(runPoints.count) run(s) at batch \(hyper.batchSize) near the rate law's rate, over \(sizes.count) model size(s) (at least 4 runs and 2 sizes needed)")
        }

        // families, their fits and scores
        let allPoints = runPoints.flatMap { $0 }
        let families = CurveLawFamily2026.allCases.map { f in score(f, runs: runPoints, starts: nil) }
        guard let choice = Self.choose(families) else {
            throw .noLawFitted(families.map { "\($0.family.rawValue): \($0.note ?? "did not converge")" }.joined(separator: "; "))
        }
        if choice.fit?.implausibility != nil { warnings.append("every law family is implausible; using \(choice.family.rawValue) (\(choice.fit?.implausibility ?? ""))") }
        for f in families where f.heldOutRMSE == nil && f.fit != nil { warnings.append("\(f.family.rawValue): no held-out score (\(f.note ?? ""))") }
        guard let law = choice.fit else { throw .noLawFitted("the chosen family has no fit") }

        // the final config search
        let reference = runPoints.indices.map { chosen[$0] }.max { configs[$0].architecture.nonEmbeddingParameters < configs[$1].architecture.nonEmbeddingParameters }
        guard let refIndex = reference else { throw .notEnoughRuns("no reference run") }
        let ref = configs[refIndex]
        // aspect ratios d/L inside the evidence: the fitted runs' median and extremes
        let aspects = chosen.map { configs[$0].architecture.aspectRatio }.filter(\.isFinite)
        let aspectChoices = Array(Set([median2026(aspects), aspects.min() ?? .nan, aspects.max() ?? .nan].filter { $0.isFinite && $0 > 0 })).sorted()
        let ffn = median2026(chosen.map { configs[$0].architecture.ffnRatio })
        let fittedRates = runPoints.compactMap { $0.first.map { exp($0.logRate) } }
        let rateRange = (fittedRates.min() ?? 1e-3)...(fittedRates.max() ?? 1e-3)
        var best: (config: TrainingConfig, loss: Double, runtime: RuntimeEstimate2026, memory: MemoryVerdict2026)?
        var searched = 0, rejectedMemory = 0
        for width in stride(from: 128, through: options.maximumWidth, by: 64) {
          for aspect in aspectChoices {
            guard let candidate = Self.candidate(width: width, aspect: aspect, ffnRatio: ffn, reference: ref, hyper: hyper) else { continue }
            guard let unrated = Self.sizeTokens(candidate, runtime: runtimeModel, limit: budgetSeconds / (1 + options.runtimeMargin), reservation: budgetSeconds) else { continue }
            let sized = Self.withRate(unrated, Self.rate(law, parameters: Double(unrated.architecture.nonEmbeddingParameters), range: rateRange))
            guard sized.firstBrokenRule == nil else { continue }
            searched += 1
            let memory = memoryModel.check(sized)
            guard memory.fits else { rejectedMemory += 1; continue }
            let loss = Self.finalLoss(law, sized)
            guard loss.isFinite else { continue }
            if best == nil || loss < (best?.loss ?? .infinity) {
                best = (sized, loss, runtimeModel.estimate(sized), memory)
            }
          }
        }
        guard let final = best else {
            throw .noFeasibleConfig("\(searched) width(s) sized to the budget, \(rejectedMemory) rejected by the memory model")
        }
        let finalN = Double(final.config.architecture.nonEmbeddingParameters)
        let w = final.config.architecture.hiddenSize
        if w == 128 || w + 64 > options.maximumWidth {
            warnings.append("the best width \(w) is at the edge of the searched grid (128...\(options.maximumWidth))")
        }
        // hyperparameter evidence near the chosen size
        var widening = 0.0
        func nearest(_ sizes: [Double]) -> Double? { sizes.min { abs(log($0 / finalN)) < abs(log($1 / finalN)) } }
        if let n = nearest(hyper.rateVariedAt) {
            if abs(log(n / finalN)) > log(3) {
                warnings.append("learning rate not varied near the chosen size: nearest sweep at N = \(Self.g(n)), chosen N = \(Self.g(finalN)); using the law's rate term (\(Self.g(final.config.optimizer.peakLearningRate)))")
                widening += 0.02
            }
        } else {
            warnings.append("learning rate not varied at any size; using the law's rate term (\(Self.g(final.config.optimizer.peakLearningRate)))")
            widening += 0.02
        }
        let finalD = Double(final.config.totalTrainTokens)
        if let vertex = law.optimalLearningRate(parameters: finalN), !rateRange.contains(vertex) {
            warnings.append("the law's best rate for the chosen size, \(Self.g(vertex)), is outside the fitted runs' rates \(Self.g(rateRange.lowerBound))...\(Self.g(rateRange.upperBound)); using \(Self.g(final.config.optimizer.peakLearningRate))")
            widening += 0.02
        }
        if let d = hyper.rateVariedAtTokens.max(), finalD > 3 * d {
            warnings.append("learning rate not varied near the chosen tokens: sweeps up to D = \(Self.g(d)), chosen D = \(Self.g(finalD)); the law's rate term is extrapolated in D")
            widening += 0.02
        }
        if let n = nearest(hyper.batchVariedAt) {
            if abs(log(n / finalN)) > log(3) {
                warnings.append("batch size not varied near the chosen size: nearest comparison at N = \(Self.g(n)), chosen N = \(Self.g(finalN)); using \(hyper.batchSize)")
                widening += 0.02
            }
        } else {
            warnings.append("batch size not varied (no group of runs tried two); using \(hyper.batchSize), the most used")
            widening += 0.02
        }
        let largestN = sizes.max() ?? finalN
        if finalN > 10 * largestN { warnings.append("extrapolation: the chosen N = \(Self.g(finalN)) is \(String(format: "%.0f", finalN / largestN))x the largest fitted (\(Self.g(largestN)))") }

        // noise: scatter of the runs' last losses about the law
        let lasts = allPoints.filter(\.isLast)
        let noise = lasts.isEmpty ? law.rmse : (lasts.map { pow(law.loss($0) - $0.loss, 2) }.reduce(0, +) / Double(lasts.count)).squareRoot()

        // bootstrap with the model choice inside
        var predictions: [Double] = [], picks: [CurveLawFamily2026: Int] = [:], failures = 0
        if options.bootstrapResamples > 0, let rng = try? RandomStream(seed: options.seed) {
            let starts = Dictionary(uniqueKeysWithValues: families.compactMap { f in f.fit.map { (f.family, [$0.parameters]) } })
            for _ in 0..<options.bootstrapResamples {
                let indices = rng.resampleIndices(count: runPoints.count)
                let resampled = indices.enumerated().map { newRun, old in
                    runPoints[old].map { p in var q = p; q.run = newRun; return q }
                }
                let scored = CurveLawFamily2026.allCases.map { f in score(f, runs: resampled, starts: starts[f]) }
                guard let pick = Self.choose(scored), let fit = pick.fit else { failures += 1; continue }
                let value = Self.finalLoss(fit, final.config)
                guard value.isFinite else { failures += 1; continue }
                picks[pick.family, default: 0] += 1
                predictions.append(value + rng.gaussian(standardDeviation: noise))
            }
        }
        var lower = final.loss - 1.96 * noise, upper = final.loss + 1.96 * noise
        if predictions.count >= 10, let q = try? Quantiles.of(predictions, at: [0.025, 0.975]), q.count == 2 {
            lower = min(q[0], final.loss); upper = max(q[1], final.loss)
        } else {
            warnings.append("bootstrap: \(predictions.count) of \(options.bootstrapResamples) resamples fitted (fewer than 10); the interval is the law's point ± 1.96 × the run scatter, without model uncertainty")
        }
        lower -= widening; upper += widening
        if upper - lower > 0.5 { warnings.append("the loss interval is wider than 0.5 nats") }
        if picks.count > 1 { warnings.append("the bootstrap chose different law families (\(picks.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))): the interval includes that model uncertainty") }

        return FinalRunPrediction2026(
            config: final.config, predictedLoss: final.loss, lossInterval95: lower...upper, runtime: final.runtime,
            memory: final.memory, warnings: warnings, law: law, families: families, bootstrapChoices: picks,
            bootstrapResamples: options.bootstrapResamples, bootstrapFailures: failures, noiseSigma: noise,
            intervalWidening: widening, hyperparameters: hyper, runtimeModel: runtimeModel, memoryModel: memoryModel,
            runsFitted: runPoints.count, pointsFitted: allPoints.count, candidatesSearched: searched,
            candidatesRejectedForMemory: rejectedMemory)
    }

    /// Fit `family` to every run, and score it on the largest sizes' runs from a fit without them.
    ///
    /// With `starts` (the bootstrap's resamples, started from the fit on all runs) there is no
    /// fallback to the family's grid of starts: a family that does not converge from its own
    /// optimum on a resample counts as not fitted there. (On cs336-2026-live the fallback's
    /// four starts then hit the iteration limit too, and were 30% of a rehearsal's iterations.)
    func score(_ family: CurveLawFamily2026, runs: [[CurvePoint2026]], starts: [[Double]]?) -> FamilyScore2026 {
        let all = runs.flatMap { $0 }
        guard let fit = CurveLawFit2026.fit(family, to: all, starts: starts) else {
            return FamilyScore2026(family: family, fit: nil, heldOutRMSE: nil, note: "did not converge")
        }
        let sizes = Array(Set(all.map(\.parameters))).sorted()
        let heldSizes = max(1, sizes.count / 4)
        guard sizes.count - heldSizes >= 2 else {
            return FamilyScore2026(family: family, fit: fit, heldOutRMSE: nil, note: "fewer than 3 sizes to hold one out")
        }
        let cut = sizes[sizes.count - heldSizes]
        let train = all.filter { $0.parameters < cut }, test = all.filter { $0.parameters >= cut && $0.isLast }
        guard !test.isEmpty, let partial = CurveLawFit2026.fit(family, to: train, starts: [fit.parameters])
                ?? (starts == nil ? CurveLawFit2026.fit(family, to: train) : nil) else {
            return FamilyScore2026(family: family, fit: fit, heldOutRMSE: nil, note: "did not converge without the largest sizes")
        }
        let errors = test.map { partial.loss($0) - $0.loss }
        let rmse = (errors.map { $0 * $0 }.reduce(0, +) / Double(errors.count)).squareRoot()
        return FamilyScore2026(family: family, fit: fit, heldOutRMSE: rmse.isFinite ? rmse : nil, note: fit.implausibility)
    }

    /// The plausible family of least held-out error (then of least in-sample error); the
    /// implausible ones only when no family is plausible.
    static func choose(_ scores: [FamilyScore2026]) -> FamilyScore2026? {
        let fitted = scores.filter { $0.fit != nil }
        let plausible = fitted.filter { $0.fit?.implausibility == nil }
        let pool = plausible.isEmpty ? fitted : plausible
        return pool.min { a, b in
            let sa = a.heldOutRMSE ?? .infinity, sb = b.heldOutRMSE ?? .infinity
            if sa != sb { return sa < sb }
            return (a.fit?.rmse ?? .infinity) < (b.fit?.rmse ?? .infinity)
        }
    }

    /// The law's loss at the end of `config`'s full schedule.
    static func finalLoss(_ law: CurveLawFit2026, _ config: TrainingConfig) -> Double {
        let areas = ScheduleAreas2026.at(chunks: [config.nEvals], of: config)[0]
        return law.loss(parameters: Double(config.architecture.nonEmbeddingParameters),
                        forwardTokens: areas.forward * Double(config.tokensPerStep), annealingArea: areas.annealing,
                        learningRate: config.optimizer.peakLearningRate)
    }

    /// A config of `width` in the runs' proportions, the reference run's other settings, the
    /// chosen batch and the rate law's rate; `nil` when the shape breaks a contract rule.
    static func candidate(width: Int, aspect: Double, ffnRatio: Double, reference: TrainingConfig,
                          hyper: HyperparameterChoice2026) -> TrainingConfig? {
        var c = reference
        let headDim = reference.architecture.headDim
        guard headDim > 0, width % headDim == 0, aspect > 0, ffnRatio > 0 else { return nil }
        c.architecture.hiddenSize = width
        c.architecture.numAttentionHeads = width / headDim
        c.architecture.numKeyValueHeads = width / headDim
        c.architecture.numHiddenLayers = max(1, Int((Double(width) / aspect).rounded()))
        c.architecture.intermediateSize = max(width, Int((ffnRatio * Double(width) / 64).rounded()) * 64)
        c.trainBatchSize = hyper.batchSize
        c.totalTrainTokens = TrainingConfig.sequenceLength * hyper.batchSize * c.nEvals
        return c
    }

    /// The law's best rate for N when inside the rates of the fitted runs, else the nearest of
    /// them (the evidence says nothing beyond; the caller warns).
    static func rate(_ law: CurveLawFit2026, parameters n: Double, range: ClosedRange<Double>) -> Double {
        guard let r = law.optimalLearningRate(parameters: n) else { return range.upperBound }
        return min(max(r, range.lowerBound), range.upperBound)
    }

    /// `config` with the given peak rate.
    static func withRate(_ config: TrainingConfig, _ rate: Double) -> TrainingConfig {
        var c = config
        switch c.optimizer {
        case .adamW(var a): a.lrScheduler.peakValue = rate; c.optimizer = .adamW(a)
        case .sgd(var s): s.lrScheduler.peakValue = rate; c.optimizer = .sgd(s)
        }
        return c
    }

    /// The most tokens (a multiple of 512·B·n_evals) whose upper-95 runtime is at most `limit`,
    /// with `max_runtime_seconds` the whole `reservation`.
    static func sizeTokens(_ config: TrainingConfig, runtime: RuntimeModel2026, limit budget: Double, reservation: Double) -> TrainingConfig? {
        let unit = TrainingConfig.sequenceLength * config.trainBatchSize * config.nEvals
        guard unit > 0 else { return nil }
        var c = config
        func fits(_ k: Int) -> Bool {
            c.totalTrainTokens = k * unit
            return runtime.estimate(c).upper95Seconds <= budget
        }
        guard fits(1) else { return nil }
        var lo = 1, hi = 2
        let maxK = TrainingConfig.maximumTrainTokens / unit
        while hi <= maxK && fits(hi) { lo = hi; hi *= 2 }
        hi = min(hi, maxK + 1)
        while hi - lo > 1 { let mid = lo + (hi - lo) / 2; if fits(mid) { lo = mid } else { hi = mid } }
        c.totalTrainTokens = lo * unit
        c.maxRuntimeSeconds = reservation
        return c.firstBrokenRule == nil ? c : nil
    }

    static func g(_ x: Double) -> String { String(format: "%.3g", x) }
}

func median2026(_ xs: [Double]) -> Double {
    let s = xs.filter(\.isFinite).sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
