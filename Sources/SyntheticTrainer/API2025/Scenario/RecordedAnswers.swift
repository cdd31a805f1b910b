import Foundation
import Scaling

/// Real answers to replay (`harness serve --replay`, `harness run --replay`): a query recorded
/// in a file is answered exactly as recorded, every other query by the scenario. The budget
/// still counts, because the ledger charges the query whoever answers it.
///
/// ```swift
/// var s = try Scenario.load(from: URL(fileURLWithPath: "scenarios/cs336-live.yaml"))
/// s.recorded = try RecordedAnswers.load(paths: ["data/live-2025/marcelroed__spring2024-assignment3-scaling.json"])
/// s.observedLoss(q)     // the recorded loss when q is in the file, else the truth's answer
/// ```
public struct RecordedAnswers: Hashable, Sendable {
    /// Loss by query (configuration and FLOPs, compared exactly).
    public private(set) var losses: [Query: Double]

    /// Nothing recorded: the scenario answers everything.
    public static let none = RecordedAnswers(losses: [:])

    public init(losses: [Query: Double]) { self.losses = losses }

    public var count: Int { losses.count }

    /// How far apart two records of one query may be, nats: sources print the same double
    /// differently in its last digit (10.430278629857876 and 10.430278629857877).
    public static let tolerance = 1e-9

    /// The recorded loss of `query`, if any.
    @inlinable
    public func loss(_ query: Query) -> Double? { losses.isEmpty ? nil : losses[query] }

    /// Every run of the files (journals, `/previous_runs` dumps, JSON arrays such as
    /// `data/live-2025/*.json`, CSV; see `RunsFile`). The same query recorded twice must carry
    /// the same loss (the service was deterministic) to within `tolerance` (the first is kept);
    /// else a `PlanError` names both files.
    public static func load(paths: [String]) throws(PlanError) -> RecordedAnswers {
        var losses: [Query: Double] = [:]
        var origin: [Query: String] = [:]
        for path in paths {
            for run in try RunsFile.load(path: path) {
                let q = Query(configuration: run.configuration, trainFlops: run.trainFlops)
                if let old = losses[q] {
                    guard abs(old - run.loss) <= tolerance else {
                        throw PlanError("\(path): \(run.configuration) at \(run.trainFlops) FLOPs is recorded with loss \(run.loss) here and \(old) in \(origin[q] ?? path); a replay needs one answer per query")
                    }
                    continue
                }
                losses[q] = run.loss
                origin[q] = path
            }
        }
        return RecordedAnswers(losses: losses)
    }
}
