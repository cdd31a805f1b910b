import Foundation

/// Progress for long work: written to stderr, on one rewritten line, and only when stderr is a
/// terminal, so piped or redirected output stays clean and byte-identical.
public final class ProgressMeter: @unchecked Sendable {
    public let label: String
    public let total: Int
    private let enabled: Bool
    private let lock = NSLock()
    private var lastShown = -1

    public init(_ label: String, total: Int, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    /// Report `done` of `total` (from any thread); redraws at most once per percent.
    public func update(_ done: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        lock.withLock {
            guard percent != lastShown else { return }
            lastShown = percent
            FileHandle.standardError.write(Data("\r\(label): \(done)/\(total) (\(percent)%)".utf8))
            if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }
}
