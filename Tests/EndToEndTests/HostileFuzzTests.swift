import Foundation
import MockAPIServer
import Scaling
import SyntheticTrainer
import Testing

/// Issue 15, "Also": seeded fuzzing (bounded: a few thousand inputs, well under a second each
/// suite) of the /loss query parser, the journal reader, and the plan and scenario loaders. No
/// input may trap (a trap would end the test process), every refusal is a message, and the
/// server never charges past the budget or answers anything but its documented codes.
@Suite struct HostileFuzzTests {
    /// Values that broke something once, and their neighbours.
    static let hostile = ["-1", "0", "1e308", "-1e308", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
                          "1e16", "0x1p-10", "0x200", "512%00junk", "nan", "inf", "-inf", "1e", ".", "", "%FF%FE", "512.0",
                          "1_000", " 512", "512 ", "%2B512", "1e-400", "NaN", "١٢٣", "\u{0}", "%", "%%", "+", "64", "1024",
                          "0.001", "1e-3", "128", "256", "2", "24", "16", "10000000000000000", "1e18", "3e17"]
    static let names = ["d_model", "num_layers", "num_heads", "batch_size", "learning_rate", "train_flops", "api_key", "x"]

    @Test func theQueryParserAnswersOnlyItsCodesAndNeverOverspends() throws {
        let api = try Fixtures.api()
        var rng = SplitMix64(seed: 15)
        func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
        for _ in 0..<3000 {
            var pairs: [String] = []
            for name in Self.names.dropLast(2) where rng.next() % 10 != 0 {
                let value = rng.next() % 3 == 0 ? pick(Self.hostile) : ["d_model": "512", "num_layers": "8", "num_heads": "8", "batch_size": "128",
                                                                        "learning_rate": "0.001", "train_flops": pick(["1e16", "3e17", "1e18"])][name]!
                pairs.append(name + "=" + value)
            }
            if rng.next() % 4 != 0 { pairs.append("d_model=" + pick(Self.hostile)) } // repeated parameter: the last wins
            pairs.append("api_key=" + pick(["k1", "k2", "", "%00", "caf%C3%A9"]))
            let path = pick(["/loss", "/loss", "/loss", "/total_flops_used", "/previous_runs", "/nope"])
            if pairs.count > 1 { pairs.swapAt(0, Int(rng.next() % UInt64(pairs.count))) }
            let r = api.respond(path: path, rawQuery: Substring(pairs.joined(separator: "&")))
            #expect([200, 401, 403, 404, 422].contains(r.status), "\(path)?\(pairs): \(r.status) \(r.body)")
            #expect(r.status == 200 || r.body.hasPrefix("{\"message\": "), "\(r.body)")
            #expect(!r.body.contains("inf") || r.status != 200)
        }
        for key in ["k1", "k2"] { #expect(api.ledger.spent(key) <= APIRules.live.budget) }
    }

    /// Byte-level damage of a valid text: deletions, duplications, and hostile tokens spliced in.
    static func mutate(_ text: String, _ rng: inout SplitMix64) -> String {
        var bytes = Array(text.utf8)
        for _ in 0..<(1 + Int(rng.next() % 4)) where !bytes.isEmpty {
            let at = Int(rng.next() % UInt64(bytes.count))
            switch rng.next() % 4 {
            case 0: bytes.remove(at: at)
            case 1: bytes.insert(bytes[at], at: at)
            case 2: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
            default:
                let token = hostile[Int(rng.next() % UInt64(hostile.count))]
                bytes.insert(contentsOf: Array(token.utf8), at: at)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func theJournalReaderRefusesDamageByLineAndNeverTraps() throws {
        let valid = RunJournal.line(.init(run: Run(configuration: Configuration(dModel: 512, numLayers: 8, numHeads: 8, batchSize: 128, learningRate: 1e-3),
                                                   trainFlops: 10_000_000_000_000_000, loss: 4.25), totalFlopsUsed: 10_000_000_000_000_000, source: .loss))
        var rng = SplitMix64(seed: 16)
        let path = Fixtures.temporaryPath("journal.jsonl")
        for _ in 0..<1500 {
            try (valid + Self.mutate(valid, &rng) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            do {
                let entries = try RunJournal(path: path).load()
                #expect(entries.allSatisfy { $0.run.trainFlops > 0 && $0.totalFlopsUsed >= 0 && $0.run.loss.isFinite })
                _ = entries.map(\.run).distinctFlops
            } catch {
                #expect(error.description.contains("journal \(path), line 2"), "\(error)")
            }
        }
    }

    @Test func thePlanLoaderRefusesDamageWithAMessage() throws {
        let valid = """
            [{"d_model": 512, "num_layers": 8, "num_heads": 8, "batch_size": 128, "learning_rate": 0.001, "train_flops": 10000000000000000},
             {"d_model": 256, "num_layers": 4, "num_heads": 4, "batch_size": 256, "learning_rate": 0.0003, "train_flops": 1e16}]
            """
        let csv = "d_model,num_layers,num_heads,batch_size,learning_rate,train_flops\n512,8,8,128,0.001,1e16\n256,4,4,256,3e-4,10000000000000000\n"
        var rng = SplitMix64(seed: 17)
        for i in 0..<1000 {
            let (seed, ext) = i % 2 == 0 ? (valid, "json") : (csv, "csv")
            let path = Fixtures.temporaryPath("plan.\(ext)")
            try Self.mutate(seed, &rng).write(toFile: path, atomically: true, encoding: .utf8)
            do {
                let plan = try PlanFile.load(path: path)
                _ = try? plan.design(rules: .live)
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }

    @Test func theScenarioLoaderRefusesDamageWithAMessage() throws {
        let url = Fixtures.repositoryRoot.appendingPathComponent("scenarios/chinchilla-2022.yaml")
        let valid = try String(contentsOf: url, encoding: .utf8)
        var rng = SplitMix64(seed: 18)
        for _ in 0..<300 {
            let path = Fixtures.temporaryPath("fuzzed.yaml")
            try Self.mutate(valid, &rng).write(toFile: path, atomically: true, encoding: .utf8)
            do {
                let scenario = try Scenario.load(from: URL(fileURLWithPath: path))
                let q = Query(configuration: Configuration(dModel: 512, numLayers: 8, numHeads: 8, batchSize: 128, learningRate: 1e-3),
                              trainFlops: scenario.rules.trainFlops[0])
                _ = scenario.rules.violations(of: q)
            } catch {
                #expect(error.description.hasPrefix(path), "\(error)")
            }
        }
    }
}
