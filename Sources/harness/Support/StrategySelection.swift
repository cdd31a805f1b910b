import ArgumentParser
import Foundation
import Scaling
import Yams

/// The one way every command names a design: a built-in strategy, a plan file, or a strategy file.
struct StrategySelection: ParsableArguments {
    @Option(help: ArgumentHelp("A built-in strategy.", valueName: StrategyCatalog.names.joined(separator: "|")))
    var strategy: String?

    @Option(help: ArgumentHelp("A plan file: JSON list of queries or CSV with columns d_model,num_layers,num_heads,batch_size,learning_rate,train_flops.", valueName: "file"))
    var plan: String?

    @Option(name: .customLong("strategy-file"),
            help: ArgumentHelp("A YAML file: `strategy: <name>` and that strategy's parameters (see README).", valueName: "file"))
    var strategyFile: String?

    func validate() throws {
        let given = [strategy, plan, strategyFile].compactMap { $0 }
        if given.count > 1 { throw ValidationError("give one of --strategy, --plan, --strategy-file, not \(given.count)") }
    }

    /// The chosen design; `fallback` when none was named.
    func resolve(default fallback: String? = nil) throws -> any Strategy {
        if let plan { return try PlanFile.load(path: plan) }
        if let strategyFile { return try Self.loadStrategyFile(strategyFile) }
        guard let name = strategy ?? fallback else {
            throw ValidationError("name a design: --strategy \(StrategyCatalog.names.joined(separator: "|")), --plan FILE or --strategy-file FILE")
        }
        return try StrategyCatalog.named(name)
    }

    /// `strategy: isoflop` plus the strategy's parameters, e.g. `budgets: [1e16, 3e16]`.
    static func loadStrategyFile(_ path: String) throws -> any Strategy {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw PlanError("\(path): no such file or not readable")
        }
        let node: Node
        do {
            guard let n = try Yams.compose(yaml: text) else { throw PlanError("\(path): empty file") }
            node = n
        } catch let e as PlanError { throw e } catch {
            throw PlanError("\(path): invalid YAML (\(error))")
        }
        guard let name = node["strategy"]?.string else {
            throw PlanError("\(path): missing key 'strategy'; accepted: \(StrategyCatalog.names.joined(separator: ", "))")
        }
        var params = node
        params.mapping?["strategy"] = nil
        do {
            switch name {
            case "isoflop":
                try Self.refuseUnknownKeys(params, accepted: IsoFLOPStrategy.fileKeys, path: path, under: "")
                if let shape = params["shape"] { try Self.refuseUnknownKeys(shape, accepted: ShapeRule.fileKeys, path: path, under: "shape.") }
                let s = try YAMLDecoder().decode(IsoFLOPStrategy.self, from: params)
                let problems = s.parameterErrors()
                guard problems.isEmpty else { throw PlanError("\(path): " + problems.joined(separator: "; ")) }
                return s
            case "seed-grid":
                guard params.mapping?.isEmpty ?? true else { throw PlanError("\(path): seed-grid takes no parameters") }
                return SeedGridStrategy()
            default:
                throw PlanError("\(path): strategy '\(name)' takes no file parameters; parameterisable: isoflop")
            }
        } catch let e as PlanError {
            throw e
        } catch let DecodingError.typeMismatch(type, ctx) {
            throw PlanError("\(path): \(ctx.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type: expected \(type)")
        } catch let DecodingError.dataCorrupted(ctx) {
            throw PlanError("\(path): \(ctx.codingPath.map(\.stringValue).joined(separator: ".")): \(ctx.debugDescription)")
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw PlanError("\(path): \((ctx.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")) is missing")
        } catch let DecodingError.valueNotFound(type, ctx) {
            throw PlanError("\(path): \(ctx.codingPath.map(\.stringValue).joined(separator: ".")) has no value: expected \(type)")
        } catch {
            throw PlanError("\(path): \(error)")
        }
    }

    /// A misspelt key would be ignored and its default used without a word: refuse it instead.
    static func refuseUnknownKeys(_ node: Node, accepted: [String], path: String, under prefix: String) throws {
        guard let mapping = node.mapping else {
            throw PlanError("\(path): \(prefix.isEmpty ? "the file" : String(prefix.dropLast())) must be a mapping of keys to values")
        }
        for key in mapping.keys {
            let name = key.string ?? "\(key)"
            guard accepted.contains(name) else {
                throw PlanError("\(path): unknown key '\(prefix)\(name)'; accepted: \(accepted.map { prefix + $0 }.joined(separator: ", "))")
            }
        }
    }
}
