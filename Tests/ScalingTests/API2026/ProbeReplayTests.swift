import Foundation
import Testing
@testable import Scaling

/// Every 422 the real app gave in `probes/validation.txt`, `union.txt`, `submit.txt`,
/// `final.txt` and `auth.txt`, reproduced byte for byte from the reconstructed requests in
/// `Tests/Fixtures/api2026/validation-cases.json` (the probes ran 26.0.1).
@Suite struct ProbeReplayTests {
    static let cases = (try? WireFixtures.probeCases()) ?? []

    @Test func theFixtureHoldsEveryProbed422() {
        #expect(Self.cases.filter { $0.status == 422 }.count == 57)
        #expect(Set(Self.cases.map(\.title)).count == Self.cases.count)
    }

    @Test(arguments: cases.filter { $0.status == 422 })
    func reproducesThe422(_ probe: WireFixtures.ProbeCase) {
        let answer = WireAnswer.of(method: probe.method, path: probe.path, body: probe.requestBody,
                                   contentType: probe.contentType, schema: .v26_0_1)
        #expect(answer == .answer(status: 422, body: probe.responseBody))
    }

    @Test(arguments: cases.filter { $0.status != 422 })
    func acceptsWhatTheAppAccepted(_ probe: WireFixtures.ProbeCase) {
        let answer = WireAnswer.of(method: probe.method, path: probe.path, body: probe.requestBody,
                                   contentType: probe.contentType, schema: .v26_0_1)
        switch answer {
        case .submit, .final: break
        default: Issue.record("\(probe): \(answer)")
        }
    }

    /// Only malformed JSON is answered before the key is checked (§1.2); the malformed-JSON
    /// probe without a key still got its 422.
    @Test func onlyMalformedJSONComesBeforeAuth() {
        for probe in Self.cases where probe.method == "POST" {
            let reading = RequestBody2026.read(body: Array(probe.requestBody.utf8), contentType: probe.contentType)
            #expect(reading.isAnsweredBeforeAuth == probe.title.hasPrefix("malformed json"), "\(probe)")
        }
    }

    /// 26.0.2 dropped `le=43200`: the two probes refused for it are accepted.
    @Test func version26_0_2AcceptsLongRuntimes() {
        for probe in Self.cases where probe.title == "max_runtime > 12h" || probe.title == "final with 48h runtime" {
            let answer = WireAnswer.of(method: probe.method, path: probe.path, body: probe.requestBody,
                                       contentType: probe.contentType, schema: .v26_0_2)
            switch answer {
            case .submit(let c): #expect(c.maxRuntimeSeconds == 50_000)
            case .final(let r): #expect(r.trainingConfig.maxRuntimeSeconds == 172_800)
            default: Issue.record("\(probe): \(answer)")
            }
        }
        #expect(WireSchema2026(version: "26.0.1") == .v26_0_1)
        #expect(WireSchema2026(version: "26.0.2")?.maxRuntimeUpperBound == nil)
        #expect(WireSchema2026(version: "26.0.3") == nil)
    }
}
