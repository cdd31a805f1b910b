import Foundation

/// The harness's best campaign: settle the hyperparameters with cheap probes, then bracket the
/// IsoFLOP minimum at the largest budgets it can afford, each profile centred by what the
/// smaller ones found.
///
/// 1. Probes at `probeFlops` (cheap): learning rates log-spaced over the API's range at two model
///    sizes (a size near the guessed optimum and one `probeSizeRatio` times larger), and batch 256
///    against 128 at both sizes. `HyperparameterEvidence` turns them into a learning-rate
///    policy lr(N) (a power law when both sizes have interior optima, the largest allowed rate when
///    that is all the evidence says) and a batch size.
/// 2. Profiles at `profileFlops`, smallest first: `sizes[k]` models log-spaced within a factor
///    `span` of the centre. The first centre is the 20-tokens-per-parameter guess; later centres
///    come from the accepted parabola vertices of the finished profiles (a power law through two
///    or more, the guess scaled by the one otherwise). The largest budgets get most of the FLOPs,
///    since the extrapolation to the target rests on them.
/// 3. Bracketing: when a finished profile's best run is at an end of its sizes, one more size
///    beyond it is asked (at most `maxExtensions`), if the FLOPs of the profiles still to come
///    remain reserved.
///
/// It is a pure function of the runs answered: decisions that later answers would change (the
/// hyperparameter policy, a profile's centre) are computed only from the runs they were first
/// computed from, so a campaign replayed from its journal asks nothing new. It never proposes a
/// query that would pass the budget.
public struct AdaptiveStrategy: Strategy, Codable, Hashable {
    public var probeFlops: Int64
    /// Learning rates probed, as fractions of the log-range of the API's rates (0 = min, 1 = max).
    public var probePositions: [Double]
    public var probeSizeRatio: Double
    public var profileFlops: [Int64]
    public var sizes: [Int]
    public var span: Double
    public var tokensPerParameter: Double
    public var maxExtensions: Int
    public var shape: ShapeRule

    public var name: String { "adaptive" }
    public var summary: String {
        "lr/batch probes at \(NumberFormat.general(Double(probeFlops), digits: 3)), then IsoFLOP profiles at \(profileFlops.map { NumberFormat.general(Double($0), digits: 3) }.joined(separator: ", ")) re-centred on the vertices found so far, bracketing each minimum"
    }
    public var isSequential: Bool { true }

    public init(
        probeFlops: Int64 = 10_000_000_000_000_000,
        probePositions: [Double] = [0, 1.0 / 3, 2.0 / 3, 1],
        probeSizeRatio: Double = 6,
        profileFlops: [Int64] = [30_000_000_000_000_000, 100_000_000_000_000_000, 300_000_000_000_000_000],
        sizes: [Int] = [5, 5, 4], span: Double = 4, tokensPerParameter: Double = TokensPerParameterRule.chinchilla, maxExtensions: Int = 2,
        shape: ShapeRule = ShapeRule()
    ) {
        self.probeFlops = probeFlops
        self.probePositions = probePositions
        self.probeSizeRatio = probeSizeRatio
        self.profileFlops = profileFlops
        self.sizes = sizes
        self.span = span
        self.tokensPerParameter = tokensPerParameter
        self.maxExtensions = maxExtensions
        self.shape = shape
    }

    enum CodingKeys: String, CodingKey {
        case probeFlops = "probe_flops", probePositions = "probe_positions", probeSizeRatio = "probe_size_ratio"
        case profileFlops = "profile_flops", sizes, span, tokensPerParameter = "tokens_per_parameter"
        case maxExtensions = "max_extensions", shape
    }

    /// The first guess of N_opt(C): `tokensPerParameter` tokens per parameter.
    func guess(_ flops: Double) -> Double { TokensPerParameterRule.parameters(compute: flops, tokensPerParameter: tokensPerParameter) }

    func configuration(_ n: Double, rules: APIRules, batch: Int, lr: Double) -> Configuration {
        shape.configuration(parameters: n, dModel: rules.dModel, numLayers: rules.numLayers,
                            numHeads: rules.numHeads, batchSize: batch, learningRate: lr)
    }

    /// The probes: learning rates at two sizes, and batch 256 at both sizes and the largest rate.
    public func probes(rules: APIRules) -> [Query] {
        let lo = log(rules.learningRate.lowerBound), hi = log(rules.learningRate.upperBound)
        // Three significant digits, and the ends exactly the range's (exp(log(x)) is not x).
        let rates = probePositions.map { t -> Double in
            if t <= 0 { return rules.learningRate.lowerBound }
            if t >= 1 { return rules.learningRate.upperBound }
            return Double(String(format: "%.3g", exp(lo + t * (hi - lo))))!
        }
        let n0 = guess(Double(probeFlops))
        var out: [Query] = []
        for n in [n0, n0 * probeSizeRatio] {
            for lr in rates.reversed() {
                out.append(Query(configuration: configuration(n, rules: rules, batch: 128, lr: lr), trainFlops: probeFlops))
            }
        }
        let big = rules.batchSizes.filter { $0 != 128 }.max() ?? 128
        if big != 128 {
            for n in [n0, n0 * probeSizeRatio] {
                out.append(Query(configuration: configuration(n, rules: rules, batch: big, lr: rates.max()!), trainFlops: probeFlops))
            }
        }
        var seen = Set<Query>()
        return out.filter { seen.insert($0).inserted }
    }

    public func nextQueries(_ state: CampaignState) throws -> [Query] {
        let rules = state.rules
        let probeList = probes(rules: rules)
        let missingProbes = probeList.filter { !state.hasAsked($0) }
        if !missingProbes.isEmpty { return affordable(missingProbes, state) }

        // The policy comes from the probes only, so later runs cannot change it.
        let probeSet = Set(probeList)
        let evidence = HyperparameterEvidence(runs: state.runs.filter { probeSet.contains($0.query) })
        let batch = evidence.batchSize.value
        let lr = { (n: Double) in evidence.learningRate(parameters: n, in: rules.learningRate, fallback: rules.learningRate.upperBound).value }
        func query(_ n: Double, _ flops: Int64) -> Query {
            let c = configuration(n, rules: rules, batch: batch, lr: 0)
            let config = Configuration(dModel: c.dModel, numLayers: c.numLayers, numHeads: c.numHeads,
                                       batchSize: batch, learningRate: lr(c.nonEmbeddingParameters))
            return Query(configuration: config, trainFlops: flops)
        }
        // A profile's runs: those at its budget with the policy's hyperparameters.
        func profileRuns(_ flops: Int64) -> [Run] {
            state.runs.filter { $0.trainFlops == flops && $0.configuration.batchSize == batch
                && $0.configuration.learningRate == lr($0.configuration.nonEmbeddingParameters) }
        }

        var vertices: [(c: Double, n: Double)] = []
        for (k, flops) in profileFlops.enumerated() {
            let c = Double(flops)
            let centre: Double
            if vertices.count >= 2, let law = try? PowerLaw.fit(x: vertices.map(\.c), y: vertices.map(\.n)) {
                centre = law(c)
            } else if let v = vertices.last {
                centre = v.n * (guess(c) / guess(v.c))
            } else {
                centre = guess(c)
            }
            let count = k < sizes.count ? sizes[k] : sizes.last ?? 4
            let design = LogSpacing.around(centre, span: span, count: count).map { query($0, flops) }
            var seen = Set<Query>()
            let base = design.filter { seen.insert($0).inserted }
            let missing = base.filter { !state.hasAsked($0) }
            if !missing.isEmpty {
                let next = affordable(missing, state, reserving: reserve(after: k))
                if !next.isEmpty { return next }
                // Cannot finish this profile and keep the later ones' FLOPs: ask what still fits
                // (the later profiles will be cut), or move on when nothing of it fits at all.
                let anyway = affordable(missing, state)
                if !anyway.isEmpty { return anyway }
            }

            // Bracket: extend beyond an end that holds the best run, while the next profile has not started.
            let runs = profileRuns(flops)
            let nextStarted = k + 1 < profileFlops.count && !profileRuns(profileFlops[k + 1]).isEmpty
            if !nextStarted, runs.count - base.count < maxExtensions, let best = runs.min(by: { $0.loss < $1.loss }) {
                let ns = runs.map(\.configuration.nonEmbeddingParameters)
                let n = best.configuration.nonEmbeddingParameters
                var beyond: Double? = nil
                if n == ns.max() { beyond = n * span / 2 } else if n == ns.min() { beyond = n / (span / 2) }
                if let b = beyond {
                    let q = query(b, flops)
                    if !state.hasAsked(q) {
                        let batch = affordable([q], state, reserving: reserve(after: k))
                        if !batch.isEmpty { return batch }
                    }
                }
            }
            let points = runs.map { Observation(run: $0) }
            if let p = try? ParabolaFitter.parabola(IsoFLOPProfile(compute: c, points: points.sorted { $0.parameters < $1.parameters })), p.accepted {
                vertices.append((c, p.vertexParameters))
            }
        }
        return []
    }

    /// FLOPs the profiles after `k` still need (their base designs, not yet asked).
    func reserve(after k: Int) -> Int64 {
        var total: Int64 = 0
        for j in profileFlops.indices where j > k {
            total += profileFlops[j] * Int64(j < sizes.count ? sizes[j] : sizes.last ?? 4)
        }
        return total
    }

    /// The longest prefix of `queries` that fits the budget, keeping `reserving` FLOPs aside.
    func affordable(_ queries: [Query], _ state: CampaignState, reserving: Int64 = 0) -> [Query] {
        var left = state.remaining - reserving
        var out: [Query] = []
        for q in queries {
            guard q.trainFlops <= left else { break }
            left -= q.trainFlops
            out.append(q)
        }
        return out
    }
}
