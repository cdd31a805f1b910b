import Foundation

/// Progress for long work: written to stderr, on one rewritten line, and only when stderr is a
/// terminal, so piped or redirected output stays clean and byte-identical. The line shows the
/// count, the percentage, the time elapsed and an estimate of the time left:
///
/// ```text
/// score: 180/720 (25%), 0:20 elapsed, about 1:00 left
/// score: 720/720 (100%) in 1:21
/// ```
///
/// Parallel workers may report out of order; the meter only moves forward.
public final class ProgressMeter: @unchecked Sendable {
    public let label: String
    public let total: Int
    private let enabled: Bool
    private let clock: @Sendable () -> Double
    private let write: @Sendable (String) -> Void
    private let start: Double
    private let lock = NSLock()
    private var lastShown = -1
    private var highest = 0
    private var lastWidth = 0

    /// `clock` gives seconds from any fixed origin (the default: the monotonic clock); `write`
    /// receives the text (the default: stderr).
    public init(_ label: String, total: Int, enabled: Bool = isatty(STDERR_FILENO) == 1,
                clock: @escaping @Sendable () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 },
                write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.label = label
        self.total = total
        self.enabled = enabled
        self.clock = clock
        self.write = write
        self.start = clock()
    }

    /// Report `done` of `total` (from any thread); redraws at most once per percent, never backwards.
    public func update(_ done: Int) {
        guard enabled, total > 0 else { return }
        lock.withLock {
            guard done > highest || (done == highest && lastShown < 0) else { return }
            highest = min(done, total)
            let percent = highest * 100 / total
            guard percent != lastShown else { return }
            lastShown = percent
            let text = Self.line(label: label, done: highest, total: total, elapsed: clock() - start)
            let fill = String(repeating: " ", count: max(0, lastWidth - text.count))
            lastWidth = text.count
            write("\r" + text + fill + (highest >= total ? "\n" : ""))
        }
    }

    /// The meter's line for `done` of `total` after `elapsed` seconds.
    public static func line(label: String, done: Int, total: Int, elapsed: Double) -> String {
        let percent = total > 0 ? done * 100 / total : 100
        let head = "\(label): \(done)/\(total) (\(percent)%)"
        if done >= total { return head + " in " + clockTime(elapsed) }
        guard done > 0 else { return head + ", \(clockTime(elapsed)) elapsed" }
        let left = elapsed * Double(total - done) / Double(done)
        return head + ", \(clockTime(elapsed)) elapsed, about \(clockTime(left)) left"
    }

    /// Seconds as `m:ss`, or `h:mm:ss` from an hour on: `clockTime(81) == "1:21"`.
    public static func clockTime(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let s = Int(seconds.rounded())
        let (h, m, r) = (s / 3600, s / 60 % 60, s % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, r) : String(format: "%d:%02d", m, r)
    }
}
