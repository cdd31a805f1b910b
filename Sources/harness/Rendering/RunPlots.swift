import Foundation
import Scaling
import SyntheticTrainer

extension RunOutput {
    /// The pictures of a run or fit: the IsoFLOP profiles and the frontier extrapolated to the
    /// target (with the truth's, in a rehearsal).
    func drawPlots() throws {
        try ProfilesPlot(profiles: IsoFLOPProfile.group(report.points), parabolas: report.parabola?.profiles ?? [],
                         surface: report.surface, bestRuns: report.bestRun?.budgetOptima ?? []).draw(in: folder)
        try FrontierPlot(report: report, truth: truth).draw(in: folder)
    }
}

extension FrontierPlot {
    /// A prediction's frontier: its law, band and per-budget optima, and the truth's frontier at
    /// the allowed budgets and the target when there is one.
    init(report: Predictor.Report, truth: TruthReport?) {
        let p = report.prediction
        self.init(
            target: p.target, smallestCompute: report.points.map(\.compute).min() ?? p.target,
            law: PlotPowerLaw(title: p.method.title, coefficient: p.nOptLaw.coefficient, exponent: p.nOptLaw.exponent),
            band: (report.bootstrap?.frontier ?? []).map { BandPoint(x: $0.compute, y: $0.nOpt.estimate, lower: $0.nOpt.lower, upper: $0.nOpt.upper) },
            vertices: (report.parabola?.profiles ?? []).filter(\.accepted).map { PlotPoint(x: $0.compute, y: $0.vertexParameters) },
            bestRuns: (report.bestRun?.budgetOptima ?? []).map { PlotPoint(x: $0.compute, y: $0.parameters) },
            prediction: BandPoint(x: p.target, y: p.nOpt.estimate, lower: p.nOpt.lower, upper: p.nOpt.upper),
            truth: truth.map { t in
                let atTarget = PlotPoint(x: t.target, y: t.frontier.nonEmbeddingParameters)
                return (t.budgets.map { PlotPoint(x: $0.frontier.trainFlops, y: $0.frontier.nonEmbeddingParameters) } + [atTarget], atTarget)
            })
    }
}
