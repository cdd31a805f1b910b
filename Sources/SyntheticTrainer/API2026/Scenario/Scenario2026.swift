import Foundation
import Scaling
import Yams

/// A 2026 ground truth to rehearse against: the truth (loss surface, curve, noise, runtime and
/// memory), the service around it, the target budget and what the author states the truth at
/// the target is. Files live in `scenarios/2026/` (so the 2025 loader never sees them) and are
/// found by name: `--scenario cs336-2026-live`.
///
/// ```swift
/// let s = try Scenario2026.load(from: try ScenarioFiles.locate("cs336-2026-live", in: Scenario2026.directory))
/// s.truth.plan(for: .handoutExample, runKey: 1).expectedLosses.last
/// try s.target().loss        // the best loss 48 B200-hours buy
/// ```
public struct Scenario2026: Hashable, Sendable {
    /// The largest noise or jitter sigma a scenario may set (loss units, or log units of a
    /// log-normal): beyond it draws overflow to inf instead of testing anything.
    public static let maxSigma = 10.0

    public var name: String
    public var description: String
    public var seed: UInt64
    public var truth: Truth2026
    public var service: ServiceBehaviour2026
    /// Charged seconds of the final run (172,800 unless the file says otherwise).
    public var targetBudgetSeconds: Double
    public var statedTruth: StatedTarget2026?

    /// Where 2026 scenario files are looked up by name.
    public static let directory = URL(fileURLWithPath: "scenarios/2026")

    public init(name: String, description: String, seed: UInt64, truth: Truth2026,
                service: ServiceBehaviour2026 = ServiceBehaviour2026(),
                targetBudgetSeconds: Double = Truth2026.targetBudgetSeconds, statedTruth: StatedTarget2026? = nil) {
        self.name = name; self.description = description; self.seed = seed; self.truth = truth
        self.service = service; self.targetBudgetSeconds = targetBudgetSeconds; self.statedTruth = statedTruth
    }

    /// The truth at this scenario's target.
    public func target() throws(NumericsError) -> TargetTruth2026 {
        try truth.target(budgetSeconds: targetBudgetSeconds)
    }
}

/// What a 2026 scenario's author states its truth at the target is (checked by tests).
public struct StatedTarget2026: Hashable, Sendable {
    public var loss: Double
    public var nonEmbeddingParameters: Double
    public var tokens: Double
}

extension Scenario2026 {
    /// Reads and validates one 2026 scenario file. Unknown keys, wrong types and bad values are
    /// `ScenarioError`s naming the file, the dotted field, the value and what is accepted.
    public static func load(from url: URL) throws(ScenarioError) -> Scenario2026 {
        let file = url.path
        let node = try ScenarioFiles.composeYAML(at: url)
        guard let node else {
            throw ScenarioError(file: file, field: "", value: "empty", allowed: "expected a YAML mapping with name, description, seed")
        }
        let top = try YAMLSection(node, path: "", file: file, keys: ["api", "name", "description", "seed", "truth", "service", "target", "stated_truth"])
        // `api: 2026` may be written for readers; any other value is refused.
        _ = try top.int("api", allowed: 2026...2026, default: nil)
        let name = try top.string("name")
        let description = try top.string("description")
        let seed = try top.seed("seed")
        var truth = Truth2026()
        truth.noise.seed = seed
        if let t = try top.section("truth", keys: ["law", "learning_rate", "progress", "steps", "optimizer", "shape", "ceiling", "curve", "noise", "runtime", "memory", "discrepancy"]) {
            try readTruth(t, into: &truth)
        }
        var service = ServiceBehaviour2026()
        if let s = try top.section("service", keys: ["slots", "dispatch_tick_seconds", "overhead_median_seconds", "overhead_sigma", "overhead_range_seconds", "unexpected_failure_rate", "preemption_rate", "stuck_rate", "nan_rate", "background"]) {
            try readService(s, into: &service)
        }
        var budget = Truth2026.targetBudgetSeconds
        if let t = try top.section("target", keys: ["budget_seconds"]) {
            budget = try t.double("budget_seconds", default: budget, positive: true)
        }
        var stated: StatedTarget2026?
        if let s = try top.section("stated_truth", keys: ["loss", "non_embedding_parameters", "tokens"]) {
            stated = StatedTarget2026(loss: try s.double("loss", default: nil, positive: true),
                                      nonEmbeddingParameters: try s.double("non_embedding_parameters", default: nil, positive: true),
                                      tokens: try s.double("tokens", default: nil, positive: true))
        }
        return Scenario2026(name: name, description: description, seed: seed, truth: truth, service: service,
                            targetBudgetSeconds: budget, statedTruth: stated)
    }

    /// Every `*.yaml` of `directory`, sorted by name; fails on the first bad file.
    public static func loadAll(in directory: URL = directory) throws(ScenarioError) -> [Scenario2026] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
            throw ScenarioError(file: directory.path, field: "", value: "cannot be listed", allowed: "expected a directory of 2026 *.yaml scenario files")
        }
        var out: [Scenario2026] = []
        for n in names.sorted() where n.hasSuffix(".yaml") {
            out.append(try load(from: directory.appendingPathComponent(n)))
        }
        return out.sorted { $0.name < $1.name }
    }

    private static func readTruth(_ t: YAMLSection, into truth: inout Truth2026) throws(ScenarioError) {
        if let s = try t.section("law", keys: ["E", "A", "alpha", "B", "beta"]) {
            truth.law = ChinchillaLaw(
                E: try s.double("E", default: truth.law.E), A: try s.double("A", default: truth.law.A, positive: true),
                B: try s.double("B", default: truth.law.B, positive: true),
                alpha: try s.double("alpha", default: truth.law.alpha, positive: true),
                beta: try s.double("beta", default: truth.law.beta, positive: true))
        }
        if let s = try t.section("learning_rate", keys: ["optimum", "tokens_exponent", "parameters_exponent", "batch_exponent", "low_curvature", "high_curvature", "high_batch_exponent", "reference_rate", "reference_tokens_per_parameter"]) {
            var v = truth.learningRate
            v.optimum = try s.double("optimum", default: v.optimum, positive: true)
            v.tokensExponent = try s.double("tokens_exponent", default: v.tokensExponent)
            v.parametersExponent = try s.double("parameters_exponent", default: v.parametersExponent)
            v.batchExponent = try s.double("batch_exponent", default: v.batchExponent)
            v.lowCurvature = try s.double("low_curvature", default: v.lowCurvature, nonNegative: true)
            v.highCurvature = try s.double("high_curvature", default: v.highCurvature, nonNegative: true)
            v.highBatchExponent = try s.double("high_batch_exponent", default: v.highBatchExponent)
            v.referenceRate = try s.double("reference_rate", default: v.referenceRate, nonNegative: true)
            v.referenceTokensPerParameter = try s.double("reference_tokens_per_parameter", default: v.referenceTokensPerParameter, positive: true)
            truth.learningRate = v
        }
        if let s = try t.section("progress", keys: ["scale", "knee", "width", "batch_exponent", "bf16_floor"]) {
            var v = truth.progress
            v.scale = try s.double("scale", default: v.scale, nonNegative: true)
            v.knee = try s.double("knee", default: v.knee, positive: true)
            v.width = try s.double("width", default: v.width, positive: true)
            v.batchExponent = try s.double("batch_exponent", default: v.batchExponent)
            v.bf16Floor = try s.double("bf16_floor", default: v.bf16Floor, nonNegative: true)
            truth.progress = v
        }
        if let s = try t.section("steps", keys: ["scale", "critical_steps", "exponent", "tokens_exponent"]) {
            var v = truth.steps
            v.scale = try s.double("scale", default: v.scale, nonNegative: true)
            v.criticalSteps = try s.double("critical_steps", default: v.criticalSteps, positive: true)
            v.exponent = try s.double("exponent", default: v.exponent, positive: true)
            v.tokensExponent = try s.double("tokens_exponent", default: v.tokensExponent)
            truth.steps = v
        }
        if let s = try t.section("optimizer", keys: ["sgd_penalty", "beta2_penalty", "weight_decay", "warmup_penalty", "final_fraction_slope"]) {
            var v = truth.optimizer
            v.sgdPenalty = try s.double("sgd_penalty", default: v.sgdPenalty, nonNegative: true)
            v.beta2Penalty = try s.double("beta2_penalty", default: v.beta2Penalty, nonNegative: true)
            v.weightDecay = try s.bowl("weight_decay", default: v.weightDecay)
            v.warmupPenalty = try s.double("warmup_penalty", default: v.warmupPenalty, nonNegative: true)
            v.finalFractionSlope = try s.double("final_fraction_slope", default: v.finalFractionSlope)
            truth.optimizer = v
        }
        if let s = try t.section("shape", keys: ["aspect_ratio", "ffn_ratio", "head_dim", "tied_embeddings"]) {
            var v = truth.shape
            v.aspectRatio = try s.bowl("aspect_ratio", default: v.aspectRatio)
            v.ffnRatio = try s.bowl("ffn_ratio", default: v.ffnRatio)
            v.headDim = try s.bowl("head_dim", default: v.headDim)
            v.tiedEmbeddings = try s.double("tied_embeddings", default: v.tiedEmbeddings)
            truth.shape = v
        }
        if let s = try t.section("ceiling", keys: ["loss", "softness"]) {
            truth.ceiling = Ceiling(loss: try s.double("loss", default: truth.ceiling.loss, positive: true),
                                    softness: try s.double("softness", default: truth.ceiling.softness, nonNegative: true))
        }
        if let s = try t.section("curve", keys: ["annealing_scale", "annealing_exponent"]) {
            truth.curve.annealingScale = try s.double("annealing_scale", default: truth.curve.annealingScale, nonNegative: true)
            truth.curve.annealingExponent = try s.double("annealing_exponent", default: truth.curve.annealingExponent)
        }
        if let s = try t.section("noise", keys: ["init_sigma", "wobble_amplitude", "rerun_sigma"]) {
            truth.noise.initSigma = try s.double("init_sigma", default: truth.noise.initSigma, nonNegative: true, atMost: Scenario2026.maxSigma)
            truth.noise.wobbleAmplitude = try s.double("wobble_amplitude", default: truth.noise.wobbleAmplitude, nonNegative: true, atMost: Scenario2026.maxSigma)
            truth.noise.rerunSigma = try s.double("rerun_sigma", default: truth.noise.rerunSigma, nonNegative: true, atMost: Scenario2026.maxSigma)
        }
        if let s = try t.section("runtime", keys: ["peak_flops", "m_max", "d_half", "eval_cost", "jitter_sigma", "float32_factor"]) {
            var v = truth.runtime
            v.peakFlops = try s.double("peak_flops", default: v.peakFlops, positive: true)
            v.mMax = try s.double("m_max", default: v.mMax, positive: true, atMost: 1)
            v.dHalf = try s.double("d_half", default: v.dHalf, nonNegative: true)
            v.evalCost = try s.double("eval_cost", default: v.evalCost, nonNegative: true)
            v.jitterSigma = try s.double("jitter_sigma", default: v.jitterSigma, nonNegative: true, atMost: Scenario2026.maxSigma)
            v.float32Factor = try s.double("float32_factor", default: v.float32Factor, positive: true)
            truth.runtime = v
        }
        if let s = try t.section("memory", keys: ["usable_gib", "float32_factor", "oom_seconds", "oom_spread"]) {
            var v = truth.memory
            v.usableBytes = try s.double("usable_gib", default: v.usableBytes / 1_073_741_824, positive: true) * 1_073_741_824
            v.float32Factor = try s.double("float32_factor", default: v.float32Factor, positive: true)
            v.oomSeconds = try s.double("oom_seconds", default: v.oomSeconds, nonNegative: true)
            v.oomSpread = try s.double("oom_spread", default: v.oomSpread, nonNegative: true)
            truth.memory = v
        }
        if let s = try t.section("discrepancy", keys: ["length_scales", "signal_sigma", "noise_sigma", "anchors"]) {
            truth.discrepancy = try readDiscrepancy(s)
        }
    }

    /// `truth.discrepancy`: the kernel and one `[N, D, batch, lr, residual]` row per real run.
    private static func readDiscrepancy(_ s: YAMLSection) throws(ScenarioError) -> Truth2026.Discrepancy {
        guard let l = try s.section("length_scales", keys: ["log_parameters", "log_tokens", "log_batch", "log_learning_rate"]) else {
            throw ScenarioError(file: s.file, field: s.path + ".length_scales", value: "(missing)", allowed: "this field is required")
        }
        let scales = Truth2026.Discrepancy.LengthScales(
            logParameters: try l.double("log_parameters", default: nil, positive: true), logTokens: try l.double("log_tokens", default: nil, positive: true),
            logBatch: try l.double("log_batch", default: nil, positive: true), logLearningRate: try l.double("log_learning_rate", default: nil, positive: true))
        let signal = try s.double("signal_sigma", default: nil, positive: true, atMost: Scenario2026.maxSigma)
        let noise = try s.double("noise_sigma", default: nil, positive: true, atMost: Scenario2026.maxSigma)
        let rows = try s.rows("anchors", width: 5, positiveColumns: 4)
        // The kernel matrix is anchors² doubles: 5,000 anchors are 200 MB.
        guard rows.count <= 5000 else {
            throw ScenarioError(file: s.file, field: s.path + ".anchors", value: "\(rows.count) rows", allowed: "at most 5000 anchors")
        }
        if let i = rows.firstIndex(where: { abs($0[4]) > Scenario2026.maxSigma }) {
            throw ScenarioError(file: s.file, field: s.path + ".anchors[\(i)]", value: "residual \(rows[i][4])",
                                allowed: "a residual of at most \(Scenario2026.maxSigma) nats either way")
        }
        let anchors = rows.map { Truth2026.Discrepancy.Anchor(parameters: $0[0], tokens: $0[1], batch: $0[2], learningRate: $0[3], residual: $0[4]) }
        do {
            return try Truth2026.Discrepancy(anchors: anchors, lengthScales: scales, signalSigma: signal, noiseSigma: noise)
        } catch {
            throw ScenarioError(file: s.file, field: s.path, value: "(kernel)", allowed: "a kernel GSL can factor: \(error)")
        }
    }

    private static func readService(_ s: YAMLSection, into v: inout ServiceBehaviour2026) throws(ScenarioError) {
        v.slots = try s.int("slots", allowed: 1...100_000, default: v.slots) ?? v.slots
        v.dispatchTickSeconds = try s.double("dispatch_tick_seconds", default: v.dispatchTickSeconds, positive: true)
        v.overheadMedianSeconds = try s.double("overhead_median_seconds", default: v.overheadMedianSeconds, nonNegative: true)
        v.overheadSigma = try s.double("overhead_sigma", default: v.overheadSigma, nonNegative: true, atMost: Scenario2026.maxSigma)
        v.overheadRangeSeconds = try s.range("overhead_range_seconds", default: v.overheadRangeSeconds)
        v.unexpectedFailureRate = try s.double("unexpected_failure_rate", default: v.unexpectedFailureRate, nonNegative: true, atMost: 1)
        v.preemptionRate = try s.double("preemption_rate", default: v.preemptionRate, nonNegative: true, atMost: 1)
        v.stuckRate = try s.double("stuck_rate", default: v.stuckRate, nonNegative: true, atMost: 1)
        v.nanRate = try s.double("nan_rate", default: v.nanRate, nonNegative: true, atMost: 1)
        if let b = try s.section("background", keys: ["arrivals_per_hour", "median_runtime_seconds", "runtime_sigma", "surge_factor", "surge_hours", "surge_ends_at_hour"]) {
            var g = v.background
            g.arrivalsPerHour = try b.double("arrivals_per_hour", default: g.arrivalsPerHour, nonNegative: true)
            g.medianRuntimeSeconds = try b.double("median_runtime_seconds", default: g.medianRuntimeSeconds, positive: true)
            g.runtimeSigma = try b.double("runtime_sigma", default: g.runtimeSigma, nonNegative: true, atMost: Scenario2026.maxSigma)
            g.surgeFactor = try b.double("surge_factor", default: g.surgeFactor, positive: true)
            g.surgeHours = try b.double("surge_hours", default: g.surgeHours, nonNegative: true)
            g.surgeEndsAtHour = try b.double("surge_ends_at_hour", default: g.surgeEndsAtHour, nonNegative: true)
            v.background = g
        }
    }
}

/// One mapping of a scenario file, read strictly: unknown keys are refused, every value is
/// checked and named by its dotted path.
struct YAMLSection {
    let mapping: [String: Node]
    let path: String
    let file: String

    init(_ node: Node, path: String, file: String, keys: [String]) throws(ScenarioError) {
        guard let m = node.mapping else {
            throw ScenarioError(file: file, field: path.isEmpty ? "" : path, value: "not a mapping",
                                allowed: "expected a mapping with the keys \(keys.joined(separator: ", "))")
        }
        var out: [String: Node] = [:]
        for (k, v) in m {
            let name = k.string ?? "\(k)"
            guard keys.contains(name) else {
                throw ScenarioError(file: file, field: path.isEmpty ? name : path + "." + name, value: "(unknown key)",
                                    allowed: "\(path.isEmpty ? "the top level" : path) accepts only \(keys.joined(separator: ", "))")
            }
            out[name] = v
        }
        mapping = out; self.path = path; self.file = file
    }

    private func field(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func section(_ key: String, keys: [String]) throws(ScenarioError) -> YAMLSection? {
        guard let n = mapping[key] else { return nil }
        return try YAMLSection(n, path: field(key), file: file, keys: keys)
    }

    func string(_ key: String) throws(ScenarioError) -> String {
        guard let n = mapping[key] else {
            throw ScenarioError(file: file, field: field(key), value: "(missing)", allowed: "this field is required")
        }
        guard let s = n.scalar?.string, !s.isEmpty else {
            throw ScenarioError(file: file, field: field(key), value: "\(n)", allowed: "expected a non-empty string")
        }
        return s
    }

    func seed(_ key: String) throws(ScenarioError) -> UInt64 {
        guard let n = mapping[key] else {
            throw ScenarioError(file: file, field: field(key), value: "(missing)", allowed: "this field is required")
        }
        guard let s = n.scalar?.string, let v = UInt64(s) else {
            throw ScenarioError(file: file, field: field(key), value: n.scalar?.string ?? "\(n)", allowed: "expected a whole number in 0...\(UInt64.max)")
        }
        return v
    }

    func int(_ key: String, allowed: ClosedRange<Int>, default d: Int?) throws(ScenarioError) -> Int? {
        guard let n = mapping[key] else { return d }
        guard let s = n.scalar?.string, let v = Int(s), allowed.contains(v) else {
            throw ScenarioError(file: file, field: field(key), value: n.scalar?.string ?? "\(n)",
                                allowed: "expected a whole number in \(allowed.lowerBound)...\(allowed.upperBound)")
        }
        return v
    }

    func double(_ key: String, default d: Double?, positive: Bool = false, nonNegative: Bool = false, atMost: Double? = nil) throws(ScenarioError) -> Double {
        guard let n = mapping[key] else {
            if let d { return d }
            throw ScenarioError(file: file, field: field(key), value: "(missing)", allowed: "this field is required")
        }
        var rule = "a finite number"
        if positive { rule += " > 0" } else if nonNegative { rule += " >= 0" }
        if let atMost { rule += " and <= \(atMost)" }
        guard let s = n.scalar?.string, let v = Double(s), v.isFinite,
              !positive || v > 0, !nonNegative || v >= 0, atMost.map({ v <= $0 }) ?? true else {
            throw ScenarioError(file: file, field: field(key), value: n.scalar?.string ?? "\(n)", allowed: "must be \(rule)")
        }
        return v
    }

    func bowl(_ key: String, default d: BowlEffect) throws(ScenarioError) -> BowlEffect {
        guard let s = try section(key, keys: ["optimum", "curvature", "saturation"]) else { return d }
        return BowlEffect(optimum: try s.double("optimum", default: d.optimum, positive: true),
                          curvature: try s.double("curvature", default: d.curvature, nonNegative: true),
                          saturation: try s.double("saturation", default: d.saturation, positive: true))
    }

    /// A required sequence of rows of `width` finite numbers, the first `positiveColumns` of each > 0.
    func rows(_ key: String, width: Int, positiveColumns: Int) throws(ScenarioError) -> [[Double]] {
        guard let n = mapping[key] else {
            throw ScenarioError(file: file, field: field(key), value: "(missing)", allowed: "this field is required")
        }
        guard let seq = n.sequence else {
            throw ScenarioError(file: file, field: field(key), value: n.scalar?.string ?? "\(n)", allowed: "expected a sequence of [\(width) numbers] rows")
        }
        var out: [[Double]] = []
        for (i, row) in seq.enumerated() {
            let values = row.sequence?.compactMap { $0.scalar.flatMap { Double($0.string) } } ?? []
            guard values.count == width, row.sequence?.count == width, values.allSatisfy(\.isFinite),
                  values.prefix(positiveColumns).allSatisfy({ $0 > 0 }) else {
                let text = row.sequence.map { "[" + $0.map { $0.scalar?.string ?? "?" }.joined(separator: ", ") + "]" } ?? (row.scalar?.string ?? "\(row)")
                throw ScenarioError(file: file, field: "\(field(key))[\(i)]", value: text,
                                    allowed: "expected [\(width) finite numbers], the first \(positiveColumns) > 0")
            }
            out.append(values)
        }
        return out
    }

    func range(_ key: String, default d: ClosedRange<Double>) throws(ScenarioError) -> ClosedRange<Double> {
        guard let n = mapping[key] else { return d }
        let text = n.sequence.map { "[" + $0.map { $0.scalar?.string ?? "?" }.joined(separator: ", ") + "]" } ?? (n.scalar?.string ?? "\(n)")
        guard let seq = n.sequence, seq.count == 2,
              let lo = seq.first?.scalar.flatMap({ Double($0.string) }), let hi = seq.last?.scalar.flatMap({ Double($0.string) }),
              lo.isFinite, hi.isFinite, lo >= 0, lo <= hi else {
            throw ScenarioError(file: file, field: field(key), value: text, allowed: "expected [low, high] with 0 <= low <= high")
        }
        return lo...hi
    }
}
