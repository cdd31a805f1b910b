import ArgumentParser
import Foundation
import Scaling
import SyntheticTrainer

/// `harness calibrate`: fit a 2025 scenario's discrepancy term to real answers and write the
/// calibrated scenario (docs/calibrate.md).
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit a scenario to real 2025 answers (a GP discrepancy on the parametric surface) and write the calibrated scenario YAML.",
        discussion: """
            Every distinct answer in the --runs files at --min-flops or more becomes an anchor: its \
            residual, the real loss less the --scenario's parametric surface (law and effects, any \
            old discrepancy dropped). The kernel maximises the residuals' marginal likelihood \
            (GSL Nelder-Mead over a seeded sample of --kernel-sample anchors). Prints the \
            residuals before and left out one at a time, by budget and by hyperparameter, and \
            writes --out: the scenario's own file with a new name and a discrepancy section, \
            which run, serve, score and truth accept.

            Examples:
              harness calibrate --runs data/live-2025/matttreed__language-model-scaling.json --out my-scenario.yaml
              harness calibrate --scenario cs336-live --name my-live --kernel-sample 300 \\
                --runs runs.jsonl --runs data/live-2025/ZitongYang__cs336-assignment3-scaling.json --out my-live.yaml
            """)

    @Option(help: ArgumentHelp("Real answers: a journal, a /previous_runs dump, a JSON array (data/live-2025/*.json) or a CSV; repeat for several.", valueName: "file"))
    var runs: [String] = []

    @Option(help: ArgumentHelp("The scenario whose parametric surface, noise, rules and target the calibrated one keeps (a file or a name in scenarios/).", valueName: "file|name"))
    var scenario: String = "cs336-live"

    @Option(help: ArgumentHelp("Where to write the calibrated scenario.", valueName: "file"))
    var out: String

    @Option(help: "The calibrated scenario's name (default: the --out file's name without .yaml).")
    var name: String?

    @Option(help: "Answers below these FLOPs are left to the parametric surface. (default: 6e13)", transform: ComputeArgument.parse)
    var minFlops = ComputeArgument(6e13)

    @Option(help: "How many anchors the kernel's marginal likelihood is fitted on (the term uses every anchor).")
    var kernelSample: Int = 400

    @Option(help: "Seed of the kernel's sample. (default: 1)", transform: SeedArgument.parse)
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("FLOPs where the term starts to fade and where it is 0, e.g. 3e17,1e19; 'none' for no fade.", valueName: "start,end|none"))
    var fade: String = "3e17,1e19"

    @Option(help: ArgumentHelp("The kernel's inputs, comma-separated: \(LossInput.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "names"))
    var inputs: String = DiscrepancyCalibration.defaultInputs.map(\.rawValue).joined(separator: ",")

    func validate() throws {
        if runs.isEmpty { throw ValidationError("give at least one --runs FILE of real answers") }
        guard (2...3000).contains(kernelSample) else { throw ValidationError("--kernel-sample must be in 2...3000, got \(kernelSample)") }
        _ = try parsedInputs()
        _ = try parsedFade()
        let n = name ?? Self.defaultName(out)
        guard !n.isEmpty, !n.contains(where: { $0.isWhitespace }) else {
            throw ValidationError("--name must be a non-empty name without spaces, got '\(n)'")
        }
    }

    func parsedInputs() throws -> [LossInput] {
        let names = inputs.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var out: [LossInput] = []
        for n in names {
            guard let i = LossInput(rawValue: n) else {
                throw ValidationError("--inputs: unknown input '\(n)'; accepted: \(LossInput.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !out.contains(i) else { throw ValidationError("--inputs: '\(n)' is given twice") }
            out.append(i)
        }
        guard !out.isEmpty else { throw ValidationError("--inputs needs at least one input") }
        return out
    }

    func parsedFade() throws -> ClosedRange<Double>? {
        if fade == "none" { return nil }
        let parts = fade.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, parts.allSatisfy({ $0.isFinite && $0 > 0 }), parts[0] < parts[1] else {
            throw ValidationError("--fade must be 'start,end' (two FLOPs > 0, start below end, e.g. 3e17,1e19) or 'none', got '\(fade)'")
        }
        return parts[0]...parts[1]
    }

    static func defaultName(_ out: String) -> String {
        let base = URL(fileURLWithPath: out).lastPathComponent
        return base.hasSuffix(".yaml") ? String(base.dropLast(5)) : base.hasSuffix(".yml") ? String(base.dropLast(4)) : base
    }

    func run() throws {
        try CommandFailure.reporting {
            let url = try ScenarioFiles.locate(scenario)
            let base = try Scenario.load(from: url)
            var all: [Run] = []
            for path in runs { all += try RunsFile.load(path: path) }
            var options = DiscrepancyCalibration.Options()
            options.inputs = try parsedInputs()
            options.minimumFlops = minFlops.value
            options.kernelSample = kernelSample
            options.seed = seed
            options.fadeFlops = try parsedFade()
            let fit = try DiscrepancyCalibration(options: options).fit(surface: base.surface, runs: all)
            let scenarioName = name ?? Self.defaultName(out)
            let text = try String(contentsOf: url, encoding: .utf8)
            let yaml = CalibrationOutput.scenarioYAML(base: text, name: scenarioName, fit: fit, runs: runs, options: options)
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            // Read back what was written: the file must load as a scenario.
            let written = try Scenario.load(from: URL(fileURLWithPath: out))
            print(CalibrationOutput.report(fit: fit, scenario: written, path: out), terminator: "")
        }
    }
}
