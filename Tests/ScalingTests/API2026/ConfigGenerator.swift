@testable import Scaling

/// SplitMix64: a small seeded generator, so every property run sees the same configs.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound)) &+ 1
        return range.lowerBound &+ Int(truncatingIfNeeded: width == 0 ? next() : next() % width)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func chance(_ p: Double) -> Bool { unit() < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    /// A positive finite double: a random bit pattern half the time (any exponent), else a
    /// "nice" decimal the way people write them.
    mutating func positive(upTo limit: Double = .greatestFiniteMagnitude) -> Double {
        if chance(0.5) {
            let d = Double(bitPattern: next() & 0x7FEF_FFFF_FFFF_FFFF)
            if d > 0 && d <= limit { return d }
        }
        return min(Double(int(1...9999)) * pow10(int(-12...3)), limit)
    }
    func pow10(_ e: Int) -> Double { e >= 0 ? (0..<e).reduce(1.0) { a, _ in a * 10 } : 1 / pow10(-e) }
    /// A double in [0, 1) (or [0, 1] when `closed`).
    mutating func fraction(closed: Bool = false) -> Double {
        let d = pick([0, 0.05, 0.1, 0.5, unit(), unit() * 1e-7, 0.9999999999999999])
        return closed && chance(0.1) ? 1 : d
    }
}

/// Random configs that keep every rule of §3.5 (for the property tests).
enum ConfigGenerator {
    static func valid(_ r: inout SplitMix64, schema: WireSchema2026) -> TrainingConfig {
        let headDim = 2 * r.int(1...128), heads = r.int(1...32)
        let hidden = heads * headDim
        let arch = ArchitectureConfig(
            attentionBias: r.chance(0.5), headDim: headDim, hiddenSize: hidden,
            intermediateSize: hidden + r.int(0...4 * hidden), numAttentionHeads: heads, numHiddenLayers: r.int(1...64),
            numKeyValueHeads: heads, rmsNormEps: r.positive(), ropeTheta: r.int(1...Int(Int32.max)),
            tieWordEmbeddings: r.chance(0.5), dtype: r.pick(ModelDType.allCases), vocabSize: r.int(1...200_000))
        let schedule = WarmupCosineSchedule(
            peakValue: r.positive(), finalLRFraction: r.fraction(closed: true), warmupFraction: r.fraction(),
            initValue: r.chance(0.5) ? 0 : r.positive())
        let clip: Double? = r.chance(0.2) ? nil : r.positive()
        let optimizer: OptimizerConfig = r.chance(0.5)
            ? .sgd(SGDConfig(lrScheduler: schedule, gradClipNorm: clip))
            : .adamW(AdamWConfig(lrScheduler: schedule, weightDecay: r.chance(0.3) ? 0 : r.positive(), beta1: r.fraction(),
                                 beta2: r.fraction(), eps: r.positive(), epsRoot: r.chance(0.3) ? 0 : r.positive(), gradClipNorm: clip))
        let trainBatch = r.int(1...1024), nEvals = r.int(1...64)
        let maxSteps = TrainingConfig.maximumTrainTokens / (512 * trainBatch * nEvals)
        let steps = nEvals * r.int(1...max(1, min(maxSteps, 5000)))
        let upper = schema.maxRuntimeUpperBound ?? 1e9
        return TrainingConfig(
            architecture: arch, optimizer: optimizer, trainBatchSize: trainBatch, valBatchSize: 1 << r.int(0...9),
            nEvals: nEvals, totalTrainTokens: 512 * trainBatch * steps,
            maxRuntimeSeconds: r.chance(0.3) ? Double(r.int(1...Int(upper))) : 1 + r.unit() * (upper - 1),
            modelSeed: r.chance(0.5) ? 0 : r.int(0...Int(Int64.max)))
    }

    /// A random JSON value of the kinds a fuzzed body holds.
    static func value(_ r: inout SplitMix64, depth: Int = 0) -> JSONValue {
        switch r.int(0...(depth > 2 ? 9 : 11)) {
        case 0: return .null
        case 1: return .bool(r.chance(0.5))
        case 2: return .int(r.pick([0, 1, -1, 2, 128, Int.max, Int.min, r.int(-1000...1000)]))
        case 3: return .bigInt(r.pick(["9223372036854775808", "-9223372036854775809", "1" + String(repeating: "0", count: 30)]))
        case 4: return .double(r.pick([0, -0.0, 0.5, 1.5, 128.0, 1e300, 1e-300, .nan, .infinity, -.infinity, 9.3e18]))
        case 5: return .string(r.pick(["128", " 1_0 ", "1e5", "inf", "nan", "true", "no", "", "abc", "bfloat16", "float32", "１", "1.0"]))
        case 6: return .string(String(r.int(-1_000_000...1_000_000)))
        case 7: return .double(Double(bitPattern: r.next()))
        case 8: return .int(r.int(-5...600))
        case 9: return .string("é\u{0}\"\\")
        case 10: return .array((0..<r.int(0...3)).map { _ in value(&r, depth: depth + 1) })
        default:
            return .object((0..<r.int(0...3)).map { _ in
                JSONMember(key: r.pick(["lr_scheduler", "weight_decay", "x", "peak_value", "grad_clip_norm"]), value: value(&r, depth: depth + 1))
            }.reduce(into: [JSONMember]()) { out, m in if !out.contains(where: { $0.key == m.key }) { out.append(m) } })
        }
    }

    /// `v` with one random change somewhere inside: a value replaced, a key removed, a key added.
    static func mutate(_ v: JSONValue, _ r: inout SplitMix64) -> JSONValue {
        guard case .object(var m) = v, !m.isEmpty else { return r.chance(0.5) ? value(&r) : v }
        let i = r.int(0...(m.count - 1))
        switch r.int(0...5) {
        case 0: m.remove(at: i)
        case 1:
            // A parsed object never repeats a key (the last value wins at the first place).
            let key = r.pick(["seq_len", "foo", m[i].key, "n_val_tokens"])
            if let j = m.firstIndex(where: { $0.key == key }) { m[j].value = value(&r) } else {
                m.insert(JSONMember(key: key, value: value(&r)), at: r.int(0...m.count))
            }
        case 2, 3: m[i].value = mutate(m[i].value, &r)
        default: m[i].value = value(&r)
        }
        return .object(m)
    }
}
