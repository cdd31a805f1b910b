import Foundation
import Testing
@testable import Scaling

@Suite struct RunsFileTests {
    let dir: URL = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("runs-\(UUID())")
        try? FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }()

    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    let entry = #"{"d_model": 1024, "num_layers": 24, "num_heads": 16, "batch_size": 128, "learning_rate": 0.001, "train_flops": 10000000000000000, "loss": 9.07103488440561}"#

    @Test func readsDumpsJournalsAndCSVAlike() throws {
        let dump = try RunsFile.load(path: write("d.json", #"{"previous_runs": [\#(entry)]}"#))
        let lines = try RunsFile.load(path: write("j.jsonl", entry + "\n" + entry.replacingOccurrences(of: "9.07103488440561", with: "8.5") + "\n"))
        let csv = try RunsFile.load(path: write("r.csv", "d_model,num_layers,num_heads,batch_size,learning_rate,train_flops,loss\n1024,24,16,128,0.001,1e16,9.07103488440561\n"))
        #expect(dump.count == 1 && lines.count == 2 && csv.count == 1)
        #expect(dump[0] == csv[0])
        #expect(lines[0] == dump[0])
        #expect(lines[1].loss == 8.5)
    }

    @Test func errorsNameTheLine() throws {
        let p = try write("bad.jsonl", entry + "\n" + entry.replacingOccurrences(of: "9.07103488440561", with: "-1") + "\n")
        #expect { try RunsFile.load(path: p) } throws: { "\($0)".contains("line 2: loss must be a finite positive number, got '-1'") }
        let q = try write("nolos.csv", "d_model,num_layers,num_heads,batch_size,learning_rate,train_flops\n64,2,2,128,0.001,1e16\n")
        #expect { try RunsFile.load(path: q) } throws: { "\($0)".contains("lacks column 'loss'") }
    }
}
