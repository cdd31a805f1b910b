import Foundation
import Testing
@testable import Scaling

func hex(_ bytes: [UInt8]) -> String { bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() }

/// BLAKE2s against RFC 7693 and Python's `hashlib`, and the service's duplicate key (§7).
@Suite struct UniqueIDTests {
    /// RFC 7693 Appendix B: BLAKE2s-256("abc").
    @Test func rfc7693AppendixB() {
        #expect(hex(BLAKE2s.hash(Array("abc".utf8))) == "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982")
    }

    /// RFC 7693 Appendix E: the self-test's hash of 48 keyed and unkeyed hashes over digest
    /// lengths 16, 20, 28, 32 and input lengths 0, 3, 64, 65, 255, 1024.
    @Test func rfc7693AppendixESelfTest() {
        func sequence(_ length: Int, seed: UInt32) -> [UInt8] {
            var a: UInt32 = 0xDEAD_4BAD &* seed, b: UInt32 = 1
            return (0..<length).map { _ in
                let t = a &+ b
                a = b
                b = t
                return UInt8(t >> 24)
            }
        }
        var hashes: [UInt8] = []
        for outLength in [16, 20, 28, 32] {
            for inLength in [0, 3, 64, 65, 255, 1024] {
                let input = sequence(inLength, seed: UInt32(inLength))
                hashes += BLAKE2s.hash(input, digestSize: outLength)
                hashes += BLAKE2s.hash(input, digestSize: outLength, key: sequence(outLength, seed: UInt32(outLength)))
            }
        }
        #expect(hex(BLAKE2s.hash(hashes)) == "6a411f08ce25adcdfb02aba641451cec53c598b24f4fc787fbdc88797f4c1dfe")
    }

    /// `hashlib.blake2s(data, digest_size=10)` and the 32-byte default, data `(7i + 3) mod 256`,
    /// across block boundaries.
    @Test(arguments: [
        (0, "1bf21a98c78a1c376ae9", "69217a3079908094e11121d042354a7c1f55b6482ca1a51e1b250dfd1ed0eef9"),
        (1, "db4550d73015e5dc4324", "a28ac19d6bcbe2cd1d7de183485768d598e996b07889b9b11f418cb1b4a4fb0d"),
        (3, "efa8820748cd3c0b8f41", "ca943acca89a34cf4040cf8ea24147dd94ea62a49de8ef9a88af5272339927b3"),
        (63, "36977f417656e4bd5a1b", "de27df0e375d83c49f1af9ca8270f9f2fe7b70bf800fc01672db0e9746021ebf"),
        (64, "65472001a73d9d166585", "5377e4ff957bda4d4535f4879876b71a61056c4cec31e78397c66ec47a86a130"),
        (65, "7e297386822792e2c6aa", "19b1b26fba093f4a670d8913e1b71cbb2916dfa701018cc6b05785c966593374"),
        (128, "4890068d92934db43234", "83470c75afa23d90cd7659906e4b47daa278131fbb225241dd37a40fd5355ac7"),
        (129, "ede2eb4ca3956b9af830", "26fd8892ab0a5f12d4acbff1efd7dcd92b99e2d377f888f07e3cb81b232b11cf"),
        (1000, "2330b179d57c2d5e3626", "02a016193469710efadf8fb005ca19b509331cb847df5598cc0794bded669681"),
    ])
    func matchesHashlib(_ length: Int, _ ten: String, _ full: String) {
        let data = (0..<length).map { UInt8(($0 * 7 + 3) % 256) }
        #expect(hex(BLAKE2s.hash(data, digestSize: 10)) == ten)
        #expect(hex(BLAKE2s.hash(data)) == full)
        #expect(hex(BLAKE2s.hash([], key: Array(repeating: UInt8(ascii: "k"), count: 32)))
                == "691a5053b0c4a173777ac6177e88fd30bf1f1a44ec0bdf248833284b3d260656")
    }

    /// §7's two vectors: the base config (AdamW, 30.0 s) and the same with
    /// `"optimizer_config":{"lr_scheduler":{}}`, which parses as SGD with defaults.
    @Test func theContractsVectors() throws {
        let base = TrainingConfig.handoutExample
        #expect(base.uniqueID == "f4f2366951d3d154db4f")
        #expect(base.canonicalText.hasPrefix(#"{"__type__":"cs336_scaling.training.training_config.TrainingConfig","__value__":{"architecture_config":{"__type__":"cs336_scaling.training.model.basic_model.BasicTransformerConfig","__value__":{"attention_bias":false,"dtype":"bfloat16","#))
        #expect(base.canonicalText.contains(#""rms_norm_eps":1e-06,"#))
        #expect(base.canonicalText.contains(#"},"max_runtime_seconds":30.0,"model_seed":0,"n_evals":16,"optimizer_config":{"__type__":"cs336_scaling.training.optimizer.AdamWConfig","#))
        var body = try WireFixtures.base()
        if case .object(var m) = body, let i = m.firstIndex(where: { $0.key == "optimizer_config" }) {
            m[i].value = ["lr_scheduler": [:]]
            body = .object(m)
        }
        let sgd = try TrainingConfig.validate(body, at: ["body"], schema: .current).get()
        #expect(sgd.optimizer == .sgd(SGDConfig()))
        #expect(sgd.uniqueID == "11b235745f7852dbcee0")
    }

    /// What §7 says follows: omitted defaults and `30` vs `30.0` are the same config; another
    /// `max_runtime_seconds`, `val_batch_size` or `model_seed` is not.
    @Test func duplicatesAreEqualIDs() {
        var c = TrainingConfig.handoutExample
        let id = c.uniqueID
        c.maxRuntimeSeconds = 31
        #expect(c.uniqueID != id)
        c = .handoutExample
        c.modelSeed = 1
        #expect(c.uniqueID != id)
        c = .handoutExample
        c.valBatchSize = 64
        #expect(c.uniqueID != id)
    }
}

@Suite struct WireTimestampTests {
    @Test(arguments: [
        (Int64(1_777_506_396_972_380), "2026-04-29T23:46:36.972380Z"),
        (1_777_506_396_000_000, "2026-04-29T23:46:36Z"),
        (1_777_506_396_000_001, "2026-04-29T23:46:36.000001Z"),
        (1_777_506_396_100_000, "2026-04-29T23:46:36.100000Z"),
        (0, "1970-01-01T00:00:00Z"),
        (-1, "1969-12-31T23:59:59.999999Z"),
        (951_782_400_000_000, "2000-02-29T00:00:00Z"),
        (4_102_444_800_000_000, "2100-01-01T00:00:00Z"),
        (253_402_300_799_999_999, "9999-12-31T23:59:59.999999Z"),
    ])
    func writesAndReads(_ us: Int64, _ text: String) {
        #expect(WireTimestamp.string(microsecondsSinceEpoch: us) == text)
        #expect(WireTimestamp.microseconds(from: text) == us)
    }

    /// Any offset reads (GET /final_submission follows the database's time zone), and up to
    /// six fractional digits count.
    @Test func readsOffsetsAndFractions() {
        let us: Int64 = 1_777_506_396_972_380
        #expect(WireTimestamp.microseconds(from: "2026-04-30T01:46:36.972380+02:00") == us)
        #expect(WireTimestamp.microseconds(from: "2026-04-29T16:46:36.972380-07:00") == us)
        #expect(WireTimestamp.microseconds(from: "2026-04-29T23:46:36.972380+0000") == us)
        #expect(WireTimestamp.microseconds(from: "2026-04-29T23:46:36.9723809Z") == us)
        #expect(WireTimestamp.microseconds(from: "2026-04-29T23:46:36.97238Z") == us)
        for bad in ["", "2026-04-29", "2026-04-29T23:46:36", "2026-02-30T00:00:00Z", "2026-04-29T24:00:00Z",
                    "2026-04-29T23:46:36.Z", "2026-04-29T23:46:36Zjunk", "２026-04-29T23:46:36Z"] {
            #expect(WireTimestamp.microseconds(from: bad) == nil, "\(bad)")
        }
    }

    /// The memo gives what the definition gives, also for configs that are equal as values but
    /// written differently (-0.0 and 0.0).
    @Test func theMemoisedIDIsTheComputedOne() {
        var c = TrainingConfig.handoutExample
        #expect(c.uniqueID == c.computeUniqueID)
        #expect(c.uniqueID == c.computeUniqueID)
        guard case .adamW(var a) = c.optimizer else { Issue.record("the handout example is AdamW"); return }
        a.weightDecay = 0
        c.optimizer = .adamW(a)
        let positive = c.uniqueID
        a.weightDecay = -0.0
        c.optimizer = .adamW(a)
        #expect(c.uniqueID == c.computeUniqueID)
        #expect(c.uniqueID != positive || c.computeUniqueID == positive)
    }
}
