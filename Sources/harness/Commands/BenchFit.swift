import ArgumentParser
import Foundation
import Scaling
import SyntheticTrainer

/// `harness bench fit`: wall time of the fits on the course's 72 runs.
struct BenchFit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Time the parametric (4,500-start) fit, the VPNLS fit and a bootstrap on the IsoFLOP data.",
        discussion: """
            Each figure is the best (minimum) wall time of --repeat runs, measured with a monotonic \
            clock, with the process's CPU time (all threads) over that run beside it. Build in \
            release mode for meaningful figures.

            Examples:
              swift run -c release harness bench fit
              swift run -c release harness bench fit --repeat 1 --bootstrap-method vpnls --json
            """
    )

    @Option(help: "The IsoFLOP runs (JSON array of {parameters, compute_budget, final_loss}).")
    var data = "data/isoflops_curves.json"

    @Option(help: "Resamples of the timed bootstrap.")
    var bootstrap = 1_000

    @Option(help: "Time only this method's bootstrap (best-run, parabola, parametric or vpnls); default: every method's.")
    var bootstrapMethod: FitMethod?

    @Option(help: "Timed repetitions of each fit; the minimum is reported.")
    var `repeat` = 3

    @Option(help: "Seed of the bootstrap's random stream. (default: 0)", transform: SeedArgument.parse)
    var seed: UInt64 = 0

    @Option(help: "Scenario (file or name in scenarios/) whose observed losses feed the timed effects fit: adaptive's probes plus the default IsoFLOP grid.")
    var effectsScenario = "chinchilla-2022"

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        guard self.repeat >= 1 else { throw ValidationError("--repeat must be at least 1, got \(self.repeat)") }
        guard (2...OutputArguments.maxBootstrap).contains(bootstrap) else { throw ValidationError("--bootstrap must be in 2...\(OutputArguments.maxBootstrap), got \(bootstrap)") }
    }

    struct Timing: Encodable {
        var task: String
        var seconds: Double
        /// CPU time of the whole process over the same best run (all threads): robust to other
        /// load on the machine; divide by the cores for the ideal parallel wall time.
        var cpuSeconds: Double
        var detail: String
    }

    struct Report: Encodable {
        var runs: Int
        var cores: Int
        var repeats: Int
        var timings: [Timing]
    }

    func run() throws {
        let points = try CommandFailure.reporting { try IsoFLOPData.load(path: data) }
        var timings: [Timing] = []
        let evaluations = 100_000
        timings.append(try time("Huber objective + gradient, \(evaluations) evaluations") {
            let objective = HuberLogObjective(points: points)
            var x = objective.centred([0.5, 5, 5, 0.5, 0.5])
            var g = [Double](repeating: 0, count: 5)
            var sum = 0.0
            for i in 0..<evaluations {
                x[3] = 0.3 + 1e-7 * Double(i & 1023)
                sum += objective.value(at: x, gradient: &g)
            }
            return String(format: "checksum %.6g", sum)
        })
        timings[0].detail = String(format: "%.1f ns of CPU per evaluation, %.1f ns per run", timings[0].cpuSeconds / Double(evaluations) * 1e9,
                                   timings[0].cpuSeconds / Double(evaluations * points.count) * 1e9)
        let parametric = ParametricFitter()
        var parametricFit: SurfaceFit?
        timings.append(try time("parametric fit (\(parametric.starts.count) starts, BFGS2)") {
            parametricFit = try parametric.fit(points: points)
            return parametricFit!.diagnostics
        })
        var vpFit: SurfaceFit?
        timings.append(try time("VPNLS fit (\(VariableProjectionFitter.defaultStarts.count) starts, Nelder-Mead + NNLS)") {
            vpFit = try VariableProjectionFitter().fit(points: points)
            return vpFit!.diagnostics
        })
        // The surface with steps and learning-rate effects, on runs that identify them.
        let scenario = try CommandFailure.reporting { try Scenario.load(from: ScenarioFiles.locate(effectsScenario)) }
        let queries = AdaptiveStrategy().probes(rules: scenario.rules) + (try IsoFLOPStrategy().design(rules: scenario.rules))
        let effectRuns = queries.map { Observation(run: Run(configuration: $0.configuration, trainFlops: $0.trainFlops, loss: scenario.observedLoss($0))) }
        var effectsFitter = VariableProjectionFitter()
        effectsFitter.effects = SurfaceEffects(steps: true, learningRate: true)
        timings.append(try time("VPNLS fit with \(effectsFitter.effects) (\(effectRuns.count) runs of \(scenario.name), \(effectsFitter.fullStarts.count) starts)") {
            try effectsFitter.fit(points: effectRuns).diagnostics
        })
        let resampler = Bootstrap(resamples: bootstrap, seed: seed)
        let targets = [1e23, 1e24]
        // The surface fits timed above are the bootstraps' full fits; the per-budget ones are cheap.
        func resample<F: ComputeOptimalFitter>(_ fitter: F) throws -> BootstrapSummary {
            let timed: (any ComputeOptimalFit)? = fitter.method == .parametric ? parametricFit : fitter.method == .vpnls ? vpFit : nil
            let full = try (timed as? F.Fit) ?? fitter.fit(points: points)
            return try resampler.run(fitter, points: points, full: full, computes: targets)
        }
        for method in bootstrapMethod.map({ [$0] }) ?? FitMethod.allCases {
            timings.append(try time("\(method.rawValue) bootstrap (\(bootstrap) resamples)") {
                let b = try resample(method.defaultFitter)
                return "\(b.resamples - b.failures) refits succeeded"
            })
        }
        let report = Report(runs: points.count, cores: Parallel.coreCount, repeats: self.repeat, timings: timings)
        if json {
            print(try JSONOutput.string(report), terminator: "")
            return
        }
        var table = TextTable(["task", "wall time (s)", "CPU time (s)", "detail"],
                              title: "\(points.count) runs, \(Parallel.coreCount) cores, best of \(self.repeat)")
        for t in timings { table.append([t.task, String(format: "%.3f", t.seconds), String(format: "%.3f", t.cpuSeconds), t.detail]) }
        print(table.rendered)
    }

    /// The minimum wall time of `repeat` runs of `body`, whose last return value is the detail.
    private func time(_ task: String, _ body: () throws -> String) throws -> Timing {
        var best = Double.infinity
        var cpu = Double.infinity
        var detail = ""
        for _ in 0..<self.repeat {
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = Self.processCPUTime()
            detail = try body()
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if wall < best {
                best = wall
                cpu = Self.processCPUTime() - cpuStart
            }
        }
        return Timing(task: task, seconds: best, cpuSeconds: cpu, detail: detail)
    }

    /// CPU seconds used so far by every thread of this process (CLOCK_PROCESS_CPUTIME_ID).
    private static func processCPUTime() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

