import Foundation
import Scaling
import SyntheticTrainer

extension RunOutput {
    /// The pictures of a run or fit: the IsoFLOP profiles and the frontier extrapolated to the
    /// target (with the truth's, in a rehearsal): N_opt (`frontier`), D_opt (`d_opt`) and the
    /// loss at the compute-optimal point (`loss`, Problem 2's predicted loss).
    func drawPlots(_ plots: inout PlotDrawing) throws {
        try plots.draw("profiles") { g throws(GnuplotError) in
            try ProfilesPlot(profiles: IsoFLOPProfile.group(report.points), parabolas: report.parabola?.profiles ?? [],
                             surface: report.surface, bestRuns: report.bestRun?.budgetOptima ?? []).draw(in: folder, gnuplot: g)
        }
        for quantity in FrontierPlot.Quantity.allCases {
            try plots.draw(quantity.name) { g throws(GnuplotError) in
                try FrontierPlot(report: report, truth: truth, quantity: quantity).draw(in: folder, gnuplot: g)
            }
        }
    }
}

extension Predictor.Report {
    /// The fit of the method the prediction used.
    var selectedFit: (any ComputeOptimalFit)? {
        switch prediction.method {
        case .parametric, .vpnls: surface
        case .parabola: parabola
        case .bestRun: bestRun
        }
    }
}

extension FrontierPlot {
    /// What a run's frontier picture shows.
    enum Quantity: CaseIterable {
        case nOpt, dOpt, loss

        var name: String {
            switch self {
            case .nOpt: "frontier"
            case .dOpt: "d_opt"
            case .loss: "loss"
            }
        }
    }

    /// A prediction's frontier of one quantity: its fitted curve, band and per-budget optima, and
    /// the truth's frontier at the allowed budgets and the target when there is one.
    init(report: Predictor.Report, truth: TruthReport?, quantity: Quantity) {
        let p = report.prediction
        let fit = report.selectedFit
        let title = p.method.title
        let curve: PlotCurve
        let interval: (FrontierInterval) -> Interval
        let label: String
        let value: (BudgetOptimum) -> Double
        let truthValue: (FrontierPoint) -> Double
        let atTarget: Interval
        switch quantity {
        case .nOpt:
            let law = p.nOptLaw
            curve = PlotCurve(label: "\(title): N_{opt} = \(NumberFormat.general(law.coefficient, digits: 3)) C^{\(NumberFormat.general(law.exponent, digits: 3))}") { law($0) }
            (interval, label, value, truthValue, atTarget) = ({ $0.nOpt }, "compute-optimal non-embedding size N_{opt}", { $0.parameters }, { $0.nonEmbeddingParameters }, p.nOpt)
        case .dOpt:
            let law = p.dOptLaw
            curve = PlotCurve(label: "\(title): D_{opt} = \(NumberFormat.general(law.coefficient, digits: 3)) C^{\(NumberFormat.general(law.exponent, digits: 3))}") { law($0) }
            (interval, label, value, truthValue, atTarget) = ({ $0.dOpt }, "compute-optimal dataset size D_{opt} (tokens)", { $0.tokens }, { $0.tokens }, p.dOpt)
        case .loss:
            curve = PlotCurve(label: "\(title): loss at the frontier") { c in fit?.predictedLoss(compute: c) ?? .nan }
            (interval, label, value, truthValue, atTarget) = ({ $0.loss }, "loss at the compute-optimal point", { $0.loss }, { $0.loss }, p.loss)
        }
        self.init(
            name: quantity.name, quantity: label, logY: quantity != .loss,
            target: p.target, smallestCompute: report.points.map(\.compute).min() ?? p.target, curve: curve,
            band: (report.bootstrap?.frontier ?? []).map { f in
                let i = interval(f)
                return BandPoint(x: f.compute, y: i.estimate, lower: i.lower, upper: i.upper)
            },
            vertices: (report.parabola?.profiles ?? []).filter(\.accepted).map { pr in
                switch quantity {
                case .nOpt: PlotPoint(x: pr.compute, y: pr.vertexParameters)
                case .dOpt: PlotPoint(x: pr.compute, y: pr.compute / (6 * pr.vertexParameters))
                case .loss: PlotPoint(x: pr.compute, y: pr.vertexLoss)
                }
            },
            bestRuns: (report.bestRun?.budgetOptima ?? []).map { PlotPoint(x: $0.compute, y: value($0)) },
            prediction: BandPoint(x: p.target, y: atTarget.estimate, lower: atTarget.lower, upper: atTarget.upper),
            truth: truth.map { t in
                let here = PlotPoint(x: t.target, y: truthValue(t.frontier))
                return (t.budgets.map { PlotPoint(x: $0.frontier.trainFlops, y: truthValue($0.frontier)) } + [here], here)
            })
    }
}
