import Scaling

/// Everything `harness isoflops` reports: what the JSON holds and the tables and plots show.
struct IsoFLOPsReport: Encodable {
    var analysis: IsoFLOPAnalysis
    var points: [Observation]
    var bootstrap: Int
    var seed: UInt64

    var profiles: [IsoFLOPProfile] { IsoFLOPProfile.group(points) }
    func result(_ method: FitMethod) -> MethodResult? { analysis.results.first { $0.method == method } }
}
