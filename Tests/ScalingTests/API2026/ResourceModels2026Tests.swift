import Foundation
import Testing
@testable import Scaling

/// RuntimeModel2026 and MemoryModel2026 against the real 2026 runs of `data/live-2026/runs.json`.
@Suite struct ResourceModels2026Tests {
    static let runs = LiveRuns2026Data.all

    /// Held out: the 20 longest completed runs, fitted on the others (plus every timeout).
    @Test func runtimeWithinTenPercentOnTheLongestHeldOutRuns() throws {
        let completed = LiveRuns2026Data.completed.sorted { (LiveRuns2026Data.usedSeconds($0) ?? 0) < (LiveRuns2026Data.usedSeconds($1) ?? 0) }
        #expect(completed.count == 153)
        let heldOut = Array(completed.suffix(20))
        let heldIDs = Set(heldOut.map(\.experimentID))
        let model = try RuntimeModel2026.fit(Self.runs.filter { !heldIDs.contains($0.experimentID) })
        #expect(model.kind == .fitted)
        var within = 0, covered = 0
        for e in heldOut {
            let used = try #require(LiveRuns2026Data.usedSeconds(e))
            let est = model.estimate(e.trainingConfig)
            if abs(est.expectedSeconds / used - 1) <= 0.10 { within += 1 }
            if est.upper95Seconds >= used { covered += 1 }
        }
        print("runtime, 20 longest held out: \(within) within 10%, \(covered) under the upper bound")
        #expect(within >= 19, "\(within) of 20 within 10%")
        #expect(covered >= 19, "\(covered) of 20 under the upper bound")
    }

    /// Five-fold cross-validation over all completed runs: relative RMS error under 7%, and the
    /// upper bound covers at least 90% of held-out runs.
    @Test func runtimeCrossValidated() throws {
        let completed = LiveRuns2026Data.completed
        var sq = 0.0, covered = 0
        for fold in 0..<5 {
            let test = completed.enumerated().filter { $0.offset % 5 == fold }.map(\.element)
            let ids = Set(test.map(\.experimentID))
            let model = try RuntimeModel2026.fit(Self.runs.filter { !ids.contains($0.experimentID) })
            for e in test {
                let used = try #require(LiveRuns2026Data.usedSeconds(e))
                let est = model.estimate(e.trainingConfig)
                sq += pow(est.expectedSeconds / used - 1, 2)
                if est.upper95Seconds >= used { covered += 1 }
            }
        }
        let rms = (sq / Double(completed.count)).squareRoot()
        print("runtime, 5-fold: relative RMS \(rms), upper bound covers \(covered) of \(completed.count)")
        #expect(rms < 0.07, "relative RMS \(rms)")
        #expect(Double(covered) / Double(completed.count) >= 0.90, "coverage \(covered)/\(completed.count)")
    }

    /// The fitted model does not call a timed-out run safe: its upper bound exceeds the
    /// reservation the run overran.
    @Test func timeoutsAreNotPredictedToFitTheirReservation() throws {
        let model = try RuntimeModel2026.fit(Self.runs)
        for e in Self.runs {
            guard case .timeout = ExperimentOutcome2026(e) else { continue }
            #expect(model.estimate(e.trainingConfig).upper95Seconds > e.trainingConfig.maxRuntimeSeconds, "experiment \(e.experimentID)")
        }
    }

    /// The prior is cautious: its upper bound covers every real completed run.
    @Test func priorUpperBoundCoversEveryRealRun() throws {
        for e in LiveRuns2026Data.completed {
            let used = try #require(LiveRuns2026Data.usedSeconds(e))
            #expect(RuntimeModel2026.prior.estimate(e.trainingConfig).upper95Seconds >= used, "experiment \(e.experimentID)")
        }
    }

    /// A few runs give a scaled prior, with a wide bound; none gives a typed error.
    @Test func fewRunsScaleThePriorAndNoRunsThrow() throws {
        #expect(throws: RuntimeModelError2026.notEnoughCompletedRuns(found: 0, needed: 1)) { try RuntimeModel2026.fit([]) }
        let model = try RuntimeModel2026.fit(Array(LiveRuns2026Data.completed.prefix(3)))
        #expect(model.kind == .scaledPrior)
        let e = LiveRuns2026Data.completed[3]
        let est = model.estimate(e.trainingConfig)
        #expect(est.upper95Seconds > est.expectedSeconds)
    }

    @Test func memoryEveryRealOOMIsNotFitsAndNoSuccessExceeds() throws {
        #expect(LiveRuns2026Data.outOfMemory.count == 6)
        for model in [MemoryModel2026.prior, MemoryModel2026.fit(Self.runs)] {
            for e in Self.runs {
                let verdict = model.check(e.trainingConfig)
                switch ExperimentOutcome2026(e) {
                case .outOfMemory: #expect(!verdict.fits, "OOM \(e.experimentID) called fits")
                case .completed, .timeout:
                    if case .exceeds = verdict { Issue.record("success \(e.experimentID) called exceeds") }
                default: break
                }
            }
        }
    }

    /// Leave one out: each OOM, hidden, is still not called `fits` by the bracket the other
    /// runs give; and each success, hidden, is not called `exceeds`.
    @Test func memoryLeaveOneOut() {
        for (i, e) in Self.runs.enumerated() {
            var rest = Self.runs
            rest.remove(at: i)
            let verdict = MemoryModel2026.fit(rest).check(e.trainingConfig)
            switch ExperimentOutcome2026(e) {
            case .outOfMemory: #expect(!verdict.fits, "OOM \(e.experimentID) called fits")
            case .completed, .timeout:
                if case .exceeds = verdict { Issue.record("success \(e.experimentID) called exceeds") }
            default: break
            }
        }
    }

    /// The analytic estimate orders the real outcomes: every OOM above every success.
    @Test func memoryEstimateSeparatesRealOOMsFromSuccesses() {
        let oom = LiveRuns2026Data.outOfMemory.map { MemoryModel2026.estimatedBytes($0.trainingConfig) }
        let ok = Self.runs.filter { switch ExperimentOutcome2026($0) { case .completed, .timeout: true; default: false } }
            .map { MemoryModel2026.estimatedBytes($0.trainingConfig) }
        #expect((oom.min() ?? 0) > (ok.max() ?? .infinity))
        // and the B200's 180 GB lies between them
        #expect((ok.max() ?? .infinity) < MemoryModel2026.nominalLimitBytes)
        #expect((oom.min() ?? 0) > MemoryModel2026.nominalLimitBytes)
    }

    /// Contradictory outcomes (an OOM estimated below a success): neither is called the other.
    @Test func memoryContradictoryEvidenceIsUncertain() throws {
        let ok = LiveRuns2026Data.completed.sorted { MemoryModel2026.estimatedBytes($0.trainingConfig) < MemoryModel2026.estimatedBytes($1.trainingConfig) }
        let big = try #require(ok.last), small = try #require(ok.first)
        var oom = small
        oom.status = .failed(queuedAt: 0, dispatchedAt: 0, runID: "", usedRuntimeSeconds: 10,
                             reason: .unexpected(failure: "JaxRuntimeError: RESOURCE_EXHAUSTED: Out of memory"), failedAt: 0)
        let model = MemoryModel2026.fit([big, oom])
        #expect(!model.check(oom.trainingConfig).fits)
        if case .exceeds = model.check(big.trainingConfig) { Issue.record("the success is called exceeds") }
        #expect(!model.check(ok[ok.count / 2].trainingConfig).fits)
    }
}
