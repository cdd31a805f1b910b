import Foundation
@testable import Scaling

/// The 177 real 2026 experiments of `data/live-2026/runs.json`, through the product's loader.
enum LiveRuns2026Data {
    static let path = TestData.root.appendingPathComponent("data/live-2026/runs.json").path
    static let all: [ExperimentResponse2026] = (try? ExperimentRecords2026.load(path: path).experiments) ?? []
    static var completed: [ExperimentResponse2026] { all.filter { ExperimentOutcome2026($0).isCompleted } }
    static var outOfMemory: [ExperimentResponse2026] { all.filter { ExperimentOutcome2026($0).isOutOfMemory } }
    static func usedSeconds(_ e: ExperimentResponse2026) -> Double? {
        if case .completed(let u, _) = ExperimentOutcome2026(e) { u } else { nil }
    }
}
