import Foundation
import Scaling

/// The 177 real 2026 experiments of `data/live-2026/runs.json`, read by the product's loader
/// (`ExperimentRecords2026`) and flattened for the calibration tests.
struct LiveRun2026 {
    /// `#<experiment_id>`.
    var id: String
    var config: TrainingConfig
    /// `completed`, `timeout` or `unexpected`.
    var status: String
    var failureText: String?
    var usedRuntimeSeconds: Double?
    var valLosses: [Double]
    var finalLoss: Double?
    var lossesReported: Int

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let experiments: [ExperimentResponse2026] =
        (try? ExperimentRecords2026.load(path: root.appendingPathComponent("data/live-2026/runs.json").path).experiments) ?? []

    static let all: [LiveRun2026] = experiments.map(LiveRun2026.init)

    static var completed: [LiveRun2026] { all.filter { $0.status == "completed" } }

    init(_ e: ExperimentResponse2026) {
        id = "#\(e.experimentID)"
        config = e.trainingConfig
        let losses = e.status.visibleLosses
        valLosses = losses
        finalLoss = losses.last
        lossesReported = losses.count
        switch e.status {
        case .completed(_, _, _, let used, _, _): status = "completed"; usedRuntimeSeconds = used; failureText = nil
        case .failed(_, _, _, let used, .timeout, _): status = "timeout"; usedRuntimeSeconds = used; failureText = nil
        case .failed(_, _, _, let used, .unexpected(let text), _): status = "unexpected"; usedRuntimeSeconds = used; failureText = text
        case .queued, .running: status = "unknown"; usedRuntimeSeconds = nil; failureText = nil
        }
    }
}
