import Foundation
import Scaling
import Testing
@testable import MockAPIServer

/// `probes/lifecycle.txt`: the real app's bodies for running, completed, timeout and unexpected
/// statuses, and the budget they add up to. The probe drove its workers by hand through the
/// internal routes, which the mock replaces with its simulator; so the phases the simulator
/// would reach are built here with the probe's values and written by the routes' own code.
@Suite("LifecycleProbe2026")
struct LifecycleProbe2026Tests {
    static let epoch = WireTimestamp.microseconds(from: "2026-11-22T08:04:23.473480Z") ?? 0
    static func at(_ text: String) -> VirtualMicros { (WireTimestamp.microseconds(from: text) ?? 0) - epoch }

    static let sgd = OptimizerConfig.sgd(SGDConfig())
    static func config(_ optimizer: OptimizerConfig) -> TrainingConfig {
        var c = TrainingConfig.handoutExample
        c.optimizer = optimizer
        return c
    }

    static let experiments: [Experiment2026] = {
        let d6 = ExperimentPhase2026.Dispatch(dispatchedAt: at("2026-11-22T08:04:40.572419Z"), runID: "fc-TEST6")
        let d7 = ExperimentPhase2026.Dispatch(dispatchedAt: at("2026-11-22T08:04:40.589959Z"), runID: "fc-TEST7")
        let d8 = ExperimentPhase2026.Dispatch(dispatchedAt: at("2026-11-22T08:04:40.598408Z"), runID: "fc-TEST8")
        var wd = AdamWConfig()
        wd.weightDecay = 0.1
        var hot = SGDConfig(lrScheduler: WarmupCosineSchedule(peakValue: 0.1), gradClipNorm: nil)
        hot.gradClipNorm = nil
        return [
            Experiment2026(id: 6, key: "k", config: config(sgd), queuedAt: 0,
                           phase: .completed(d6, usedRuntimeSeconds: 10.18408550300228, valLosses: [9.625, 8.92578125, 7.2],
                                             completedAt: at("2026-11-22T08:04:42.147154Z"))),
            Experiment2026(id: 7, key: "k", config: config(.adamW(AdamWConfig())), queuedAt: at("2026-11-22T08:04:23.522859Z"),
                           phase: .failed(d7, usedRuntimeSeconds: 35.5, reason: .timeout(partialValLosses: [9.1, 8.0]),
                                          failedAt: at("2026-11-22T08:04:42.160714Z"))),
            Experiment2026(id: 8, key: "k", config: config(.adamW(wd)), queuedAt: at("2026-11-22T08:04:23.535038Z"),
                           phase: .failed(d8, usedRuntimeSeconds: 0.2, reason: .unexpected(failure: "XlaRuntimeError: RESOURCE_EXHAUSTED: Out of memory"),
                                          failedAt: at("2026-11-22T08:04:42.176801Z"))),
            Experiment2026(id: 9, key: "k", config: config(.sgd(hot)), queuedAt: at("2026-11-22T08:04:23.561452Z"), phase: .queued),
        ]
    }()

    static func probe(_ title: String) throws -> String {
        let text = try String(contentsOf: sharedAPI2026.appendingPathComponent("probes/lifecycle.txt"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        guard let i = lines.firstIndex(of: "### \(title)"), i + 2 < lines.count else { throw CocoaError(.fileReadCorruptFile) }
        return lines[i + 2]
    }

    @Test("the list after the lifecycle, byte for byte")
    func list() throws {
        let body = WireBridge2026.experimentsBody(Self.experiments, epochMicros: Self.epoch)
        #expect(body == (try Self.probe("list after lifecycle")))
    }

    @Test("a running experiment with and without losses, byte for byte")
    func running() throws {
        var e = Self.experiments[0]
        let d = ExperimentPhase2026.Dispatch(dispatchedAt: Self.at("2026-11-22T08:04:40.572419Z"), runID: "fc-TEST6")
        e.phase = .running(d, valLosses: [])
        #expect(WireBridge2026.experimentBody(e, epochMicros: Self.epoch) == (try Self.probe("running, no losses yet")))
        e.phase = .running(d, valLosses: [9.625, 8.92578125])
        #expect(WireBridge2026.experimentBody(e, epochMicros: Self.epoch) == (try Self.probe("running with losses")))
    }

    @Test("the budget: 10.184 + 30 (timeout, clipped) + 1 (unexpected, at least 1) + 30 (queued)")
    func budget() throws {
        let used = Self.experiments.reduce(0.0) { $0 + $1.chargedSeconds }
        #expect(WireBridge2026.budgetBody(BudgetState2026(usedSeconds: used)) == (try Self.probe("budget after: 10.184+30+1+30")))
    }
}
