import Scaling

extension ProfilesPlot {
    /// The profiles picture of fitted IsoFLOP data: each budget's runs, its parabola (when one
    /// was fitted with three coefficients) and the surface along the budget, under the batch size
    /// and learning rate of the budget's best run when the surface has effects for them.
    /// Shared by `harness isoflops`, `harness run` and `harness fit`.
    init(profiles: [IsoFLOPProfile], parabolas: [ParabolaProfile], surface: SurfaceFit?, bestRuns: [BudgetOptimum]) {
        self.init(
            profiles: profiles.map { profile in
                let parabola = parabolas.first(where: { $0.compute == profile.compute }).flatMap { p in
                    p.coefficients.count == 3 ? PlotCurve(label: "\(p.verdict)") { p.loss(parameters: $0) } : nil
                }
                let best = profile.points.min { $0.loss < $1.loss }
                let along = surface.map { s in
                    { (n: Double) in
                        s.loss(parameters: n, tokens: profile.compute / (6 * n), batchSize: best?.batchSize, learningRate: best?.learningRate)
                    }
                }
                return Profile(compute: profile.compute, points: profile.points.map { PlotPoint(x: $0.parameters, y: $0.loss) },
                               parabola: parabola, surface: along)
            },
            parabolasFitted: !parabolas.isEmpty, surfaceTitle: surface?.method.title,
            bestRuns: bestRuns.map { PlotPoint(x: $0.parameters, y: $0.loss) })
    }
}
