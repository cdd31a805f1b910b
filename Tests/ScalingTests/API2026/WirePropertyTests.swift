import Foundation
import Testing
@testable import Scaling

/// Properties over seeded random configs and fuzzed bodies.
@Suite struct WirePropertyTests {
    /// `validate(config.wireJSON)` gives back `config`, also through the text of either
    /// dialect, and under both versions when the runtime allows.
    @Test(arguments: [WireSchema2026.v26_0_1, .v26_0_2])
    func validatingTheWireFormGivesTheConfigBack(_ schema: WireSchema2026) throws {
        var r = SplitMix64(state: schema == .v26_0_1 ? 2026 : 2027)
        for _ in 0..<600 {
            let config = ConfigGenerator.valid(&r, schema: schema)
            #expect(config.firstBrokenRule == nil)
            let wire = config.wireJSON
            #expect(try TrainingConfig.validate(wire, at: ["body"], schema: schema).get() == config)
            for text in [JSONText.pydantic(wire), JSONText.python(wire)] {
                let parsed = try JSONText.parse(Array(text.utf8))
                #expect(try TrainingConfig.validate(parsed, at: ["body"], schema: schema).get() == config, "\(text)")
            }
            #expect(try TrainingConfig(json: wire) == config)
            let request = FinalSubmissionRequest2026(trainingConfig: config, predictedFinalLoss: r.positive(upTo: 20))
            #expect(try FinalSubmissionRequest2026.validate(request.json, schema: schema).get() == request)
            #expect(config.uniqueID.count == 20)
        }
    }

    /// An SGD config's wire form (two keys) stays SGD and an AdamW one stays AdamW: the union
    /// never swaps a variant, so the unique id survives the round trip.
    @Test func theUnionKeepsTheVariant() throws {
        var r = SplitMix64(state: 7)
        for _ in 0..<500 {
            let config = ConfigGenerator.valid(&r, schema: .current)
            let back = try TrainingConfig.validate(config.wireJSON, at: ["body"], schema: .current).get()
            #expect(back.uniqueID == config.uniqueID)
        }
    }

    /// Fuzzed configs: nothing traps; a success keeps every rule and re-validates to itself;
    /// a failure lists issues located in the body, each writable or the documented 500.
    @Test func mutatedConfigsNeverTrap() throws {
        var r = SplitMix64(state: 99)
        let base = TrainingConfig.handoutExample.wireJSON
        var accepted = 0, refused = 0
        for _ in 0..<2000 {
            var v = base
            for _ in 0..<r.int(1...4) { v = ConfigGenerator.mutate(v, &r) }
            for schema in WireSchema2026.all {
                switch TrainingConfig.validate(v, at: ["body"], schema: schema) {
                case .success(let c):
                    accepted += 1
                    #expect(c.firstBrokenRule == nil)
                    if !c.containsNonFiniteFloat {
                        #expect(try TrainingConfig.validate(c.wireJSON, at: ["body"], schema: schema).get() == c)
                    }
                case .failure(let issues):
                    refused += 1
                    #expect(!issues.isEmpty)
                    #expect(issues.allSatisfy { $0.loc.first == "body" })
                    if let text = ValidationIssue.detailText(issues) {
                        #expect(try JSONText.parse(Array(text.utf8)) == ValidationIssue.detailBody(issues))
                    } else {
                        #expect(ValidationIssue.detailBody(issues).containsNonFiniteDouble)
                    }
                }
            }
            _ = FinalSubmissionRequest2026.validate(["training_config": v, "predicted_final_loss": ConfigGenerator.value(&r)], schema: .current)
        }
        #expect(accepted > 50 && refused > 500)
    }

    /// Random and mutated bytes through the whole request path: nothing traps, and a body
    /// that parses writes back to text that parses to the same value.
    @Test func randomBodiesNeverTrap() throws {
        var r = SplitMix64(state: 4242)
        let seed = Array(JSONText.python(TrainingConfig.handoutExample.wireJSON).utf8)
        let alphabet = Array("{}[]:,\"\\ntrufalsNIy-+.eE0123456789 \t".utf8) + [0x00, 0x1F, 0xC3, 0xA9, 0xFF, 0xED, 0xA0, 0x80]
        for i in 0..<1500 {
            var bytes: [UInt8]
            if i % 3 == 0 {
                bytes = (0..<r.int(0...40)).map { _ in r.chance(0.7) ? r.pick(alphabet) : UInt8(truncatingIfNeeded: r.next()) }
            } else {
                bytes = seed
                for _ in 0..<r.int(1...6) {
                    let at = r.int(0...bytes.count)
                    switch r.int(0...2) {
                    case 0 where !bytes.isEmpty: bytes.remove(at: min(at, bytes.count - 1))
                    case 1: bytes.insert(r.pick(alphabet), at: at)
                    default: if !bytes.isEmpty { bytes[min(at, bytes.count - 1)] = r.pick(alphabet) }
                    }
                }
            }
            for contentType in ["application/json", "text/plain", nil] {
                let answer = WireAnswer.of(path: "/submit", body: bytes, contentType: contentType, schema: .current)
                if case .answer(let status, _) = answer { #expect([400, 422, 500].contains(status)) }
            }
            if let v = try? JSONText.parse(bytes) {
                #expect(try JSONText.parse(Array(JSONText.python(v).utf8)) == v || v.containsNonFiniteDouble)
            }
        }
    }

    @Test func randomPathIDsNeverTrap() throws {
        var r = SplitMix64(state: 5)
        let pieces = ["1", "0", "-", "+", "_", ".", "0", " ", "9", "e", "x", "１", "99999999999999999999"]
        for _ in 0..<3000 {
            let raw = (0..<r.int(0...6)).map { _ in r.pick(pieces) }.joined()
            // A plain decimal spelling must come back as its value.
            if let plain = Int64(raw), case .success(let id) = PathParameter2026.experimentID(raw) { #expect(id == plain) }
            if case .failure(let issues) = PathParameter2026.experimentID(raw) { #expect(issues.first?.type == "int_parsing") }
        }
        #expect(try PathParameter2026.experimentID("00012").get() == 12)
        #expect(try PathParameter2026.experimentID("9223372036854775808").get() == nil)
        #expect(try PathParameter2026.experimentID("-9223372036854775808").get() == Int64.min)
    }
}
