import Foundation
import Scaling
import SyntheticTrainer

/// What `harness calibrate` writes (the calibrated scenario's YAML) and prints (the kernel and
/// the residuals by budget and by hyperparameter).
enum CalibrationOutput {
    /// The first words of the comment above a written term.
    static let commentMark = "# Discrepancy term (docs/calibrate.md)"

    /// The base scenario's own text with `name` (and, for a new name, the description) replaced,
    /// any old top-level `discrepancy:` block dropped, and the fitted term appended.
    static func scenarioYAML(base: String, name: String, fit: DiscrepancyCalibration.Result, runs: [String],
                             options: DiscrepancyCalibration.Options) -> String {
        var lines: [String] = []
        var skipping = false
        var oldName = ""
        for line in base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            // An old term's own comment block (written below) goes with it.
            if line.hasPrefix(Self.commentMark) { skipping = true; continue }
            if skipping && line.hasPrefix("#") { continue }
            let topLevel = !line.isEmpty && !line.hasPrefix(" ") && !line.hasPrefix("#")
            if topLevel { skipping = line.hasPrefix("discrepancy:") }
            if skipping { continue }
            if line.hasPrefix("name:") {
                oldName = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
                lines.append("name: \(name)")
                continue
            }
            lines.append(line)
        }
        let d = fit.discrepancy
        if oldName != name, let i = lines.firstIndex(where: { $0.hasPrefix("description:") }) {
            lines[i] = "description: \(oldName)'s parametric surface with a discrepancy term fitted by harness calibrate to \(d.anchors.count) real answers."
        }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        func g(_ v: Double) -> String { String(format: "%.5g", v) }
        var out = lines.joined(separator: "\n") + "\n\n"
        out += """
            \(commentMark), written by harness calibrate from \(runs.joined(separator: ", "))
            # (--min-flops \(g(options.minimumFlops)) --kernel-sample \(options.kernelSample) --seed \(options.seed)): a Gaussian-process
            # posterior mean added to the loss after the ceiling. One row per distinct real answer at
            # --min-flops or more: [d_model, num_layers, num_heads, batch_size, learning_rate, train_flops,
            # real loss - the parametric surface's]. The kernel (length scales in ln units of each input)
            # maximises the residuals' marginal likelihood on the seeded sample; far from every row the
            # term fades to 0 and the parametric surface is the truth; it also fades to 0 in ln FLOPs
            # between fade_train_flops (from the last real answers to the target), so the target's
            # truth is the parametric surface's stated one.
            discrepancy:
              inputs: [\(d.inputs.map(\.rawValue).joined(separator: ", "))]
              length_scales: [\(d.term.lengthScales.map(g).joined(separator: ", "))]
              signal_sigma: \(g(d.term.signalSigma))
              noise_sigma: \(g(d.term.noiseSigma))
            \(d.fadeFlops.map { "  fade_train_flops: [\(g($0.lowerBound)), \(g($0.upperBound))]\n" } ?? "")  anchors:

            """
        for a in d.anchors {
            let c = a.query.configuration
            out += "    - [\(c.dModel), \(c.numLayers), \(c.numHeads), \(c.batchSize), \(c.learningRate), \(a.query.trainFlops), \(String(format: "%.6f", a.residual))]\n"
        }
        return out
    }

    struct Stats {
        var count: Int, bias: Double, rmse: Double, medianAbs: Double
        init(_ e: [Double]) {
            count = e.count
            bias = e.isEmpty ? .nan : e.reduce(0, +) / Double(e.count)
            rmse = e.isEmpty ? .nan : (e.map { $0 * $0 }.reduce(0, +) / Double(e.count)).squareRoot()
            let a = e.map(abs).sorted()
            medianAbs = a.isEmpty ? .nan : a.count % 2 == 1 ? a[a.count / 2] : (a[a.count / 2 - 1] + a[a.count / 2]) / 2
        }
    }

    /// The kernel and the residuals (real − scenario) before (the parametric surface) and left out
    /// one at a time (the calibrated truth without that answer), overall, by budget and by
    /// hyperparameter.
    static func report(fit: DiscrepancyCalibration.Result, scenario: Scenario, path: String) -> String {
        let d = fit.discrepancy
        func g(_ v: Double) -> String { String(format: "%.4g", v) }
        func f3(_ v: Double) -> String { String(format: "%.3f", v) }
        var s = "wrote \(path): scenario \(scenario.name), \(d.anchors.count) anchors\n"
        s += "kernel: " + zip(d.inputs, d.term.lengthScales).map { "\($0.rawValue) \(g($1))" }.joined(separator: ", ")
        s += "; signal_sigma \(g(d.term.signalSigma)), noise_sigma \(g(d.term.noiseSigma)); \(fit.kernelFit.report)\n"
        if !fit.droppedInputs.isEmpty {
            s += "left out of the kernel (one value over every anchor): \(fit.droppedInputs.map(\.rawValue).joined(separator: ", "))\n"
        }
        s += "\n"
        // Residuals as scenario − real (positive: the scenario says worse than the service did).
        let before = fit.parametricResiduals.map { -$0 }
        let loo = fit.leaveOneOutResiduals.map { -$0 }
        func table(_ title: String, _ key: (LossDiscrepancy.Anchor) -> Double, _ label: (Double) -> String) -> String {
            var t = TextTable([title, "n", "bias before", "RMSE before", "bias left out", "RMSE left out", "median |e| left out"])
            let keys = Array(Set(d.anchors.map(key))).sorted()
            for k in keys {
                let idx = d.anchors.indices.filter { key(d.anchors[$0]) == k }
                let b = Stats(idx.map { before[$0] }), l = Stats(idx.map { loo[$0] })
                t.append([label(k), "\(b.count)", f3(b.bias), f3(b.rmse), f3(l.bias), f3(l.rmse), f3(l.medianAbs)])
            }
            let b = Stats(before), l = Stats(loo)
            t.append(["all", "\(b.count)", f3(b.bias), f3(b.rmse), f3(l.bias), f3(l.rmse), f3(l.medianAbs)])
            return t.rendered + "\n"
        }
        s += "residuals, scenario − real, nats (before: the parametric surface; left out: the calibrated truth without that answer)\n"
        s += table("train_flops", { Double($0.query.trainFlops) }, { String(format: "%.0e", $0) })
        s += table("learning_rate", { $0.query.configuration.learningRate }, g)
        s += table("batch_size", { Double($0.query.configuration.batchSize) }, { "\(Int($0))" })
        // Sizes by octave (64-127, 128-255, ...): random searches try hundreds of widths.
        func octave(_ v: Int) -> Double { Foundation.exp2(Foundation.floor(Foundation.log2(Double(max(v, 1))))) }
        func octaveLabel(_ lo: Double) -> String { "\(Int(lo))-\(Int(2 * lo) - 1)" }
        s += table("d_model", { octave($0.query.configuration.dModel) }, octaveLabel)
        s += table("num_layers", { octave($0.query.configuration.numLayers) }, octaveLabel)
        return s
    }
}
