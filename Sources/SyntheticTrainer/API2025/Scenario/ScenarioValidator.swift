import Foundation
import Scaling

/// Turns a decoded `ScenarioFile` into a `Scenario`, checking every value against what the
/// model can use. One method per section; each failure names the field, the value and the rule.
struct ScenarioValidator {
    let file: String

    func scenario(from raw: ScenarioFile) throws(ScenarioError) -> Scenario {
        try require(!raw.name.isEmpty && !raw.name.contains(where: \.isWhitespace), "name", raw.name,
                    "a non-empty name without spaces, e.g. chinchilla-2022")
        let summary = raw.description.trimmingCharacters(in: .whitespacesAndNewlines)
        try require(!summary.isEmpty && !summary.contains("\n"), "description", raw.description,
                    "one non-empty line saying what the scenario tests")
        let rules = try apiRules(raw.api)
        let surface = try lossSurface(raw)
        let noise = try observationNoise(raw.noise)
        let target = try target(raw.target, rules: rules)
        if let stated = raw.statedTruth {
            try positive(stated.nonEmbeddingParameters, "stated_truth.non_embedding_parameters")
            try positive(stated.loss, "stated_truth.loss")
        }
        return Scenario(name: raw.name, summary: summary, rules: rules, surface: surface, noise: noise,
                        target: target, statedTruth: raw.statedTruth)
    }

    func lossSurface(_ raw: ScenarioFile) throws(ScenarioError) -> LossSurface {
        let law = raw.law
        try atLeast(law.E, 0, "law.E")
        try positive(law.A, "law.A")
        try positive(law.B, "law.B")
        try positive(law.alpha, "law.alpha", "an exponent > 0 (the loss must fall as N grows)")
        try positive(law.beta, "law.beta", "an exponent > 0 (the loss must fall as D grows)")
        let vocabulary = raw.vocabulary ?? 32000
        try require(vocabulary >= 2, "vocabulary", "\(vocabulary)", "a whole number >= 2")
        let count: ParameterCount
        switch raw.parameters {
        case "non_embedding": count = .nonEmbedding
        case "with_embeddings": count = .withEmbeddings(vocabulary: vocabulary)
        default: throw ScenarioError(file: file, field: "parameters", value: raw.parameters,
                                     allowed: "one of non_embedding (12 L d^2), with_embeddings (12 L d^2 + 2 vocabulary d)")
        }
        let context = raw.context ?? 512
        try positive(context, "context")
        let effects = raw.effects
        let lr = effects?.learningRate ?? .none
        try positive(lr.optimum, "effects.learning_rate.optimum")
        try positive(lr.referenceParameters, "effects.learning_rate.reference_parameters")
        try finite(lr.optimumExponent, "effects.learning_rate.optimum_exponent")
        try atLeast(lr.curvature, 0, "effects.learning_rate.curvature")
        try finite(lr.curvatureExponent, "effects.learning_rate.curvature_exponent")
        let steps = effects?.steps ?? .none
        try atLeast(steps.scale, 0, "effects.steps.scale")
        try positive(steps.referenceSteps, "effects.steps.reference_steps")
        try positive(steps.exponent, "effects.steps.exponent")
        for (name, bowl) in [("shape", effects?.shape ?? .none), ("heads", effects?.heads ?? .none)] {
            try positive(bowl.optimum, "effects.\(name).optimum")
            try atLeast(bowl.curvature, 0, "effects.\(name).curvature")
            try positive(bowl.saturation, "effects.\(name).saturation")
        }
        let ceiling = raw.ceiling ?? .none
        try require(!ceiling.loss.isNaN && ceiling.loss > law.E, "ceiling.loss", "\(ceiling.loss)",
                    "a loss above law.E = \(law.E) (about ln(vocabulary) = \(Foundation.log(Double(vocabulary))) for a real model), or .inf for none")
        try atLeast(ceiling.softness, 0, "ceiling.softness")
        var surface = LossSurface(law: law, parameterCount: count, context: context, learningRate: lr, steps: steps,
                                  shape: effects?.shape ?? .none, heads: effects?.heads ?? .none, ceiling: ceiling)
        if let d = raw.discrepancy { surface.discrepancy = try discrepancy(d) }
        return surface
    }

    /// The largest residual or sigma a discrepancy may hold, nats (a loss is at most ~ln 32000).
    static let maxDiscrepancyNats = 11.0
    /// The kernel matrix is anchors² doubles: 5,000 anchors are 200 MB.
    static let maxDiscrepancyAnchors = 5000

    func discrepancy(_ raw: ScenarioFile.Discrepancy) throws(ScenarioError) -> LossDiscrepancy {
        var inputs: [LossInput] = []
        for (i, name) in raw.inputs.enumerated() {
            guard let input = LossInput(rawValue: name) else {
                throw ScenarioError(file: file, field: "discrepancy.inputs[\(i)]", value: name,
                                    allowed: "one of \(LossInput.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try require(!inputs.contains(input), "discrepancy.inputs[\(i)]", name, "each input at most once")
            inputs.append(input)
        }
        try require(!inputs.isEmpty, "discrepancy.inputs", "[]", "at least one input")
        try require(raw.lengthScales.count == inputs.count, "discrepancy.length_scales", "\(raw.lengthScales.count) values",
                    "one length scale per input (\(inputs.count))")
        for (i, l) in raw.lengthScales.enumerated() { try positive(l, "discrepancy.length_scales[\(i)]") }
        for (v, name) in [(raw.signalSigma, "signal_sigma"), (raw.noiseSigma, "noise_sigma")] {
            try require(v.isFinite && v > 0 && v <= Self.maxDiscrepancyNats, "discrepancy.\(name)", "\(v)",
                        "a finite number of nats > 0 and at most \(Self.maxDiscrepancyNats)")
        }
        try require(raw.anchors.count <= Self.maxDiscrepancyAnchors, "discrepancy.anchors", "\(raw.anchors.count) rows",
                    "at most \(Self.maxDiscrepancyAnchors) anchors")
        var anchors: [LossDiscrepancy.Anchor] = []
        anchors.reserveCapacity(raw.anchors.count)
        for (i, row) in raw.anchors.enumerated() {
            let field = "discrepancy.anchors[\(i)]"
            try require(row.count == 7, field, "\(row.count) values",
                        "[d_model, num_layers, num_heads, batch_size, learning_rate, train_flops, residual]")
            for k in [0, 1, 2, 3] {
                try require(row[k].isFinite && row[k] >= 1 && row[k] <= 1e6 && row[k].rounded() == row[k], field, "\(row[k])",
                            "d_model, num_layers, num_heads and batch_size whole numbers from 1 to 1e6")
            }
            try positive(row[4], field + " learning_rate")
            let flops = try wholeFlops(row[5], field + " train_flops")
            try require(row[6].isFinite && abs(row[6]) <= Self.maxDiscrepancyNats, field + " residual", "\(row[6])",
                        "a residual of at most \(Self.maxDiscrepancyNats) nats either way")
            let c = Configuration(dModel: Int(row[0]), numLayers: Int(row[1]), numHeads: Int(row[2]), batchSize: Int(row[3]), learningRate: row[4])
            anchors.append(.init(query: Query(configuration: c, trainFlops: flops), residual: row[6]))
        }
        var fade: ClosedRange<Double>?
        if let f = raw.fadeTrainFlops {
            try require(f.count == 2 && f.allSatisfy { $0.isFinite && $0 > 0 } && f[0] < f[1], "discrepancy.fade_train_flops", "\(f)",
                        "[start, end]: two finite FLOPs > 0, the start below the end")
            fade = f[0]...f[1]
        }
        do {
            return try LossDiscrepancy(inputs: inputs, anchors: anchors, lengthScales: raw.lengthScales,
                                       signalSigma: raw.signalSigma, noiseSigma: raw.noiseSigma, fadeFlops: fade)
        } catch {
            throw ScenarioError(file: file, field: "discrepancy", value: "(kernel)", allowed: "a kernel GSL can factor: \(error)")
        }
    }

    func observationNoise(_ raw: ScenarioFile.Noise) throws(ScenarioError) -> ObservationNoise {
        let sigma = raw.sigma ?? 0
        // Losses are natural-log cross-entropies of a few units: noise past 10 makes answers
        // overflow to inf (not JSON) instead of testing anything.
        try require(sigma.isFinite && sigma >= 0 && sigma <= Self.maxNoise, "noise.sigma", "\(sigma)", "a finite number >= 0 and <= \(Self.maxNoise) (loss units)")
        let tails: ObservationNoise.Tails
        switch raw.tails ?? "gaussian" {
        case "gaussian": tails = .gaussian
        case "student_t":
            let nu = raw.degreesOfFreedom ?? 3
            try positive(nu, "noise.degrees_of_freedom")
            tails = .studentT(degreesOfFreedom: nu)
        case let other:
            throw ScenarioError(file: file, field: "noise.tails", value: other, allowed: "one of gaussian, student_t")
        }
        let fraction = raw.outlierFraction ?? 0
        try require(fraction >= 0 && fraction <= 1, "noise.outlier_fraction", "\(fraction)", "a fraction in [0, 1]")
        let scale = raw.outlierScale ?? 0
        try require(scale.isFinite && scale >= 0 && scale <= Self.maxNoise, "noise.outlier_scale", "\(scale)", "a finite number >= 0 and <= \(Self.maxNoise) (loss units)")
        if let q = raw.quantization {
            for (name, width) in [("d_model", q.dModel), ("num_layers", q.numLayers),
                                  ("head_dimension", q.headDimension), ("learning_rate", q.learningRate)] {
                try atLeast(width, 0, "noise.quantization.\(name)", "a cell width in ln units >= 0 (0 keeps the input exact)")
            }
        }
        return ObservationNoise(seed: raw.seed, sigma: sigma, tails: tails, outlierFraction: fraction,
                                outlierScale: scale, quantization: raw.quantization)
    }

    func apiRules(_ raw: ScenarioFile.API) throws(ScenarioError) -> APIRules {
        let flops = try raw.trainFlops.enumerated().map { (i, v) throws(ScenarioError) -> Int64 in
            try wholeFlops(v, "api.train_flops[\(i)]")
        }
        try require(!flops.isEmpty, "api.train_flops", "[]", "a non-empty list of FLOPs, e.g. [1.0e13, 3.0e13, ...]")
        try require(Set(flops).count == flops.count, "api.train_flops", "\(raw.trainFlops)", "distinct values")
        let budget = try wholeFlops(raw.budget, "api.budget")
        try require(budget >= flops.min()!, "api.budget", "\(raw.budget)", "at least the smallest allowed run, \(flops.min()!)")
        let space = try space(dModel: raw.dModel, numLayers: raw.numLayers, numHeads: raw.numHeads,
                              batchSizes: raw.batchSizes, learningRate: raw.learningRate, section: "api")
        return APIRules(dModel: space.dModel, numLayers: space.numLayers, numHeads: space.numHeads,
                        batchSizes: space.batchSizes, learningRate: space.learningRate,
                        trainFlops: flops, budget: budget)
    }

    func target(_ raw: ScenarioFile.Target, rules: APIRules) throws(ScenarioError) -> Scenario.Target {
        let budget = raw.budget ?? 1e19
        let largest = rules.trainFlops.max() ?? 0
        try require(budget.isFinite && budget >= Double(largest), "target.budget", "\(budget)",
                    "a budget at least the largest allowed run (api.train_flops max = \(largest))")
        let space = try space(dModel: raw.dModel, numLayers: raw.numLayers, numHeads: raw.numHeads,
                              batchSizes: raw.batchSizes, learningRate: raw.learningRate, section: "target")
        return Scenario.Target(budget: budget, space: space)
    }

    /// The most noise (loss units) a scenario may add.
    static let maxNoise = 10.0
    /// The largest value of each architecture range (a d_model of 2^63-1 made `truth` allocate
    /// 1.8e19 bytes) and the most evaluations the exhaustive best-configuration search may cost
    /// (`LossSurface.bestConfiguration`: |d_model| |num_heads| + |batch| |layers| |d_model|;
    /// 1e8 is a few seconds).
    static let maxRangeValue = ["d_model": 1 << 20, "num_layers": 1 << 14, "num_heads": 1 << 14]
    static let maxSearchCost = 100_000_000.0

    private func space(dModel: [Int], numLayers: [Int], numHeads: [Int], batchSizes: [Int],
                       learningRate: [Double], section: String) throws(ScenarioError) -> SearchSpace {
        func range(_ v: [Int], _ name: String) throws(ScenarioError) -> ClosedRange<Int> {
            let most = Self.maxRangeValue[name] ?? Int.max
            try require(v.count == 2 && v[0] >= 1 && v[0] <= v[1] && v[1] <= most, "\(section).\(name)", "\(v)", "[lo, hi] with 1 <= lo <= hi <= \(most)")
            return v[0]...v[1]
        }
        try require(batchSizes.count <= 64 && batchSizes.allSatisfy { $0 <= 1 << 24 }, "\(section).batch_sizes", "\(batchSizes)",
                    "at most 64 distinct positive sizes, each at most \(1 << 24)")
        try require(learningRate.count == 2 && learningRate.allSatisfy { $0.isFinite && $0 > 0 } && learningRate[0] <= learningRate[1],
                    "\(section).learning_rate", "\(learningRate)", "[lo, hi] with 0 < lo <= hi")
        try require(!batchSizes.isEmpty && batchSizes.allSatisfy { $0 > 0 } && Set(batchSizes).count == batchSizes.count,
                    "\(section).batch_sizes", "\(batchSizes)", "a non-empty list of distinct positive sizes, e.g. [128, 256]")
        let widthRange = try range(dModel, "d_model"), layerRange = try range(numLayers, "num_layers")
        let headRange = try range(numHeads, "num_heads")
        let widths = Double(widthRange.count), layers = Double(layerRange.count), heads = Double(headRange.count)
        let cost = widths * heads + Double(batchSizes.count) * layers * widths
        try require(cost <= Self.maxSearchCost, "\(section)", "d_model \(dModel), num_layers \(numLayers), num_heads \(numHeads), \(batchSizes.count) batch sizes",
                    "a space whose exhaustive search costs at most \(Self.maxSearchCost) evaluations (this one: \(cost)); narrow the ranges")
        return SearchSpace(dModel: widthRange, numLayers: layerRange, numHeads: headRange, batchSizes: batchSizes,
                           learningRate: learningRate[0]...learningRate[1])
    }

    private func wholeFlops(_ v: Double, _ field: String) throws(ScenarioError) -> Int64 {
        try require(v.isFinite && v > 0 && v < 9.2e18 && v.rounded() == v, field, "\(v)",
                    "a whole positive number of FLOPs below 9.2e18")
        return Int64(v)
    }

    private func require(_ ok: Bool, _ field: String, _ value: String, _ allowed: String) throws(ScenarioError) {
        if !ok { throw ScenarioError(file: file, field: field, value: value, allowed: allowed) }
    }
    private func finite(_ v: Double, _ field: String) throws(ScenarioError) {
        try require(v.isFinite, field, "\(v)", "a finite number")
    }
    private func positive(_ v: Double, _ field: String, _ allowed: String = "a finite number > 0") throws(ScenarioError) {
        try require(v.isFinite && v > 0, field, "\(v)", allowed)
    }
    private func atLeast(_ v: Double, _ lo: Double, _ field: String, _ allowed: String? = nil) throws(ScenarioError) {
        try require(v.isFinite && v >= lo, field, "\(v)", allowed ?? "a finite number >= \(lo)")
    }
}
