import Foundation
import Scaling

/// The pictures of a 2026 run or fit, the ones the 2026 handout's write-up asks for:
/// `curves` (each experiment's validation-loss curve against training tokens: completed
/// experiments solid, a timeout's partial curve dashed) and `final_loss` (each completed
/// experiment's last loss against its compute 6 N D, with the final 48-hour run's predicted loss
/// and 95% interval at its compute, marked with its value: the extrapolation the submission
/// rests on).
struct RunPlots2026 {
    var experiments: [ExperimentResponse2026]
    var final: FinalRunChoice2026?

    /// Evaluation k (1-based) of a curve sits after k chunks of `total_train_tokens / n_evals`.
    static func curve(_ config: TrainingConfig, _ losses: [Double]) -> [PlotPoint] {
        losses.enumerated().map { k, loss in PlotPoint(x: Double(config.tokensPerChunk * (k + 1)), y: loss) }
    }

    /// C = 6 N D with N the non-embedding parameters and D the training tokens.
    static func compute(_ config: TrainingConfig) -> Double {
        6 * Double(config.architecture.nonEmbeddingParameters) * Double(config.totalTrainTokens)
    }

    var curves: (PlotTable, PlotFrame) {
        var table = PlotTable(name: "curves")
        for (i, e) in experiments.sorted(by: { $0.experimentID < $1.experimentID }).enumerated() {
            let colour = ProfilesPlot.palette[i % ProfilesPlot.palette.count]
            let losses = e.status.visibleLosses.filter(\.isFinite)
            let timedOut = if case .failed = e.status { true } else { false }
            let a = e.trainingConfig.architecture
            table.add(series: "experiment \(e.experimentID)", kind: .line,
                      title: "#\(e.experimentID): \(a.hiddenSize)x\(a.numHiddenLayers)\(timedOut ? " (timeout)" : "")",
                      style: LineStyle(colour: colour, dash: timedOut ? 2 : 1, width: 1.2), points: Self.curve(e.trainingConfig, losses))
        }
        let frame = PlotFrame(title: "Validation loss curves of the \(experiments.count) experiments (dashed: timed out)",
                              xlabel: "training tokens", ylabel: "validation loss", logX: true, logY: false,
                              keyOutside: experiments.count <= 30, width: 1000)
        return (table, frame)
    }

    var finalLoss: (PlotTable, PlotFrame) {
        var table = PlotTable(name: "final_loss")
        let done = experiments.compactMap { e -> PlotPoint? in
            guard case .completed(_, _, _, _, let losses, _) = e.status, let last = losses.last, last.isFinite else { return nil }
            return PlotPoint(x: Self.compute(e.trainingConfig), y: last)
        }
        table.add(series: "experiments", kind: .points, title: "completed experiments (last evaluation)",
                  style: LineStyle(colour: "#1f77b4", dash: 1, width: 2, marker: 6), points: done.sorted { $0.x < $1.x })
        var targets: [Double] = []
        var labels: [PlotFrame.Label] = []
        if let final {
            let c = Self.compute(final.config)
            targets = [c]
            labels = [PlotFrame.Label(x: c, y: final.predictedLoss, text: String(format: "%.4f", final.predictedLoss))]
            table.add(series: "final_run", kind: .errorbar, title: "final 48-hour run: predicted loss (95%)",
                      style: LineStyle(colour: "#d62728", dash: 1, width: 2, marker: 7),
                      rows: [BandPoint(x: c, y: final.predictedLoss, lower: final.lower95, upper: final.upper95)])
        }
        var frame = PlotFrame.compute(title: "Final loss against compute 6ND, extrapolated to the final run", ylabel: "final validation loss",
                                      logY: false, targets: targets, labels: labels)
        frame.keyRight = true
        return (table, frame)
    }

    func draw(in folder: URL, plots: inout PlotDrawing) throws {
        for (table, frame) in [curves, finalLoss] {
            try plots.draw(table.name) { g throws(GnuplotError) in try table.render(frame: frame, in: folder, gnuplot: g) }
        }
    }
}
