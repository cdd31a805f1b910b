import Foundation
@testable import Scaling

/// Shared fixtures: the course's IsoFLOP file and synthetic data from known laws.
enum TestData {
    /// The package root, found from this file's path (Tests/ScalingTests/TestData.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func isoflops() throws -> [Observation] {
        try IsoFLOPData.load(path: root.appendingPathComponent("data/isoflops_curves.json").path)
    }

    /// A Chinchilla-like truth with the published exponents.
    static let law = ChinchillaLaw(E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28)

    /// Budgets 6e18 ... 3e21 like the course's file.
    static let budgets: [Double] = [6e18, 1e19, 3e19, 6e19, 1e20, 3e20, 6e20, 1e21, 3e21]

    /// Eight sizes per budget spanning a factor of 16 either side of the law's optimum, with an
    /// off-centre offset, and the law's loss (plus optional seeded Gaussian noise).
    static func surfacePoints(_ law: ChinchillaLaw = law, noise: Double = 0, seed: UInt64 = 1) throws -> [Observation] {
        let rng = try RandomStream(seed: seed)
        return budgets.flatMap { c in
            (0..<8).map { k in
                let n = law.nOpt(compute: c) * pow(2, Double(k) - 3.6)
                let l = law.loss(parameters: n, tokens: c / (6 * n))
                return Observation(parameters: n, compute: c, loss: l + (noise > 0 ? rng.gaussian(standardDeviation: noise) : 0))
            }
        }
    }

    /// Profiles whose loss is exactly quadratic in ln N with the vertex at N_opt = k C^a; the
    /// sizes include N_opt itself, so the best run is the vertex.
    static func quadraticProfiles(k: Double, a: Double, floor: (Double) -> Double, noise: Double = 0, jitter: Bool = false, seed: UInt64 = 1) throws -> [Observation] {
        let rng = try RandomStream(seed: seed)
        return budgets.flatMap { c in
            let shift = jitter ? rng.uniform(in: -0.5, 0.5) : 0
            return (-4...4).map { j in
                let x = log(k * pow(c, a)) + 0.35 * (Double(j) + shift)
                let dx = x - log(k * pow(c, a))
                let l = floor(c) + 0.3 * dx * dx
                return Observation(parameters: exp(x), compute: c, loss: l + (noise > 0 ? rng.gaussian(standardDeviation: noise) : 0))
            }
        }
    }
}
