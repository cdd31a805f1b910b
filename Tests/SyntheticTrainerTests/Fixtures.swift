import Foundation
import Scaling
@testable import SyntheticTrainer

/// Shared helpers: the shipped scenarios and throwaway scenario files.
enum Fixtures {
    /// The repository's `scenarios/` directory, found from this source file's location.
    static let scenariosDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scenarios")

    static func scenario(_ name: String) throws -> Scenario {
        try Scenario.load(from: scenariosDirectory.appendingPathComponent(name + ".yaml"))
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: scenariosDirectory.appendingPathComponent(name + ".yaml"), encoding: .utf8)
    }

    /// Writes `text` to a fresh file in the temporary directory and returns its URL.
    static func write(_ text: String, name: String = "scenario.yaml") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("truth-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func configuration(_ d: Int, _ l: Int, _ h: Int, batch: Int = 128, lr: Double = 1e-3) -> Configuration {
        Configuration(dModel: d, numLayers: l, numHeads: h, batchSize: batch, learningRate: lr)
    }

    /// The bare Chinchilla law of Hoffmann et al., no effects, no ceiling, no noise.
    static let pureLaw = LossSurface(law: ChinchillaLaw(E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28))
}
