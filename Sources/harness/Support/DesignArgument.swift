import ArgumentParser
import Foundation
import Scaling

/// A design named on the command line by `harness compare` (and `score --plan/--strategy-file`):
/// a built-in strategy's name, a plan file (`.json`, `.csv`, `.tsv`: `PlanFile`) or a strategy
/// file (`.yaml`, `.yml`: `StrategySelection.loadStrategyFile`). Files are read by the same code
/// as `run --plan` and `run --strategy-file`.
///
/// ```swift
/// try DesignArgument.load("isoflop")              // the built-in
/// try DesignArgument.load("plans/mine.json")      // a plan, named plan:mine.json
/// try DesignArgument.load("designs/wide.yaml")    // a strategy file, named file:wide.yaml
/// ```
enum DesignArgument {
    static let planExtensions = ["json", "csv", "tsv"]
    static let strategyFileExtensions = ["yaml", "yml"]

    static func load(_ text: String) throws -> any Strategy {
        let ext = (text as NSString).pathExtension.lowercased()
        if planExtensions.contains(ext) { return try PlanFile.load(path: text) }
        if strategyFileExtensions.contains(ext) { return try strategyFile(text) }
        do { return try StrategyCatalog.named(text) } catch {
            throw ValidationError("'\(text)' is neither a built-in strategy (\(StrategyCatalog.names.joined(separator: ", "))) nor a plan file (.\(planExtensions.joined(separator: ", ."))) or strategy file (.\(strategyFileExtensions.joined(separator: ", .")))")
        }
    }

    /// A strategy file's design, named after the file so it is not taken for the built-in.
    static func strategyFile(_ path: String) throws -> any Strategy {
        LabelledStrategy(base: try StrategySelection.loadStrategyFile(path), name: "file:" + (path as NSString).lastPathComponent)
    }
}

/// A strategy under another name: a user's design beside a built-in of the same kind.
struct LabelledStrategy: Strategy {
    let base: any Strategy
    let name: String
    var summary: String { base.summary }
    var isSequential: Bool { base.isSequential }
    func nextQueries(_ state: CampaignState) throws -> [Query] { try base.nextQueries(state) }
}
