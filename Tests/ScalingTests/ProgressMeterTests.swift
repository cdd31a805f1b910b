import Foundation
import Testing
@testable import Scaling

/// The progress line: elapsed time and an estimate of what is left, never counting backwards.
/// The clock is a fake one the test moves, so nothing depends on real time.
@Suite struct ProgressMeterTests {
    final class Recorder: @unchecked Sendable {
        let lock = NSLock()
        var now = 0.0
        var text = ""
        func append(_ s: String) { lock.withLock { text += s } }
        var lines: [String] {
            lock.withLock { text.split(whereSeparator: { $0 == "\r" || $0 == "\n" }).map { $0.trimmingCharacters(in: .whitespaces) } }
        }
    }

    @Test func lineShowsElapsedAndTimeLeft() {
        #expect(ProgressMeter.line(label: "score", done: 180, total: 720, elapsed: 20) == "score: 180/720 (25%), 0:20 elapsed, about 1:00 left")
        #expect(ProgressMeter.line(label: "score", done: 0, total: 720, elapsed: 3) == "score: 0/720 (0%), 0:03 elapsed")
        #expect(ProgressMeter.line(label: "score", done: 720, total: 720, elapsed: 81) == "score: 720/720 (100%) in 1:21")
        #expect(ProgressMeter.clockTime(3725) == "1:02:05")
        #expect(ProgressMeter.clockTime(.nan) == "?")
    }

    @Test func workersReportingOutOfOrderNeverMoveItBack() {
        let r = Recorder()
        let meter = ProgressMeter("bootstrap", total: 100, enabled: true, clock: { r.now }, write: { r.append($0) })
        r.now = 10
        meter.update(20)
        r.now = 11
        meter.update(11)            // a slower worker's count: ignored
        meter.update(20)            // the same percent: not redrawn
        r.now = 50
        meter.update(100)
        #expect(r.lines == ["bootstrap: 20/100 (20%), 0:10 elapsed, about 0:40 left", "bootstrap: 100/100 (100%) in 0:50"])
        #expect(r.text.hasSuffix("\n"))
    }

    @Test func aShorterLineCoversTheLongerOneBeforeIt() {
        let r = Recorder()
        let meter = ProgressMeter("x", total: 1000, enabled: true, clock: { r.now }, write: { r.append($0) })
        r.now = 4000
        meter.update(10)            // "..., 1:06:40 elapsed, about 110:00:00 left" (long)
        meter.update(1000)          // "x: 1000/1000 (100%) in 1:06:40" (shorter): padded with spaces
        let parts = r.text.split(separator: "\r").map(String.init)
        #expect(parts.count == 2 && parts[1].count >= parts[0].count)
    }

    @Test func disabledWritesNothing() {
        let r = Recorder()
        let meter = ProgressMeter("x", total: 10, enabled: false, clock: { r.now }, write: { r.append($0) })
        meter.update(5)
        meter.update(10)
        #expect(r.text.isEmpty)
    }
}
