import Synchronization

/// A clock whose time passes only when someone waits on it: `sleep(until:)` moves `now` to the
/// deadline at once and returns. A campaign that only waits between polls therefore jumps from
/// event to event, and twelve simulated hours take no real time; everything stamped with this
/// clock's `now` is virtual, and the same inputs give the same times.
///
/// ```swift
/// let clock = VirtualClock()
/// try await clock.sleep(for: .seconds(3600))
/// clock.now.offset   // 3600 s
/// ```
public final class VirtualClock: Clock, Sendable {
    public struct Instant: InstantProtocol, Hashable, Sendable, CustomStringConvertible {
        /// Time since the clock started.
        public var offset: Duration
        public init(offset: Duration) { self.offset = offset }
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
        public var description: String { "\(offset)" }
        /// Seconds since the clock started, as a number.
        public var seconds: Double {
            let c = offset.components
            return Double(c.seconds) + Double(c.attoseconds) * 1e-18
        }
    }

    private let current: Mutex<Instant>

    public init(start: Instant = Instant(offset: .zero)) { current = Mutex(start) }

    public var now: Instant { current.withLock { $0 } }
    public var minimumResolution: Duration { .zero }

    /// Moves time to `deadline` (never backwards) and returns; a cancelled task throws.
    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        current.withLock { if $0 < deadline { $0 = deadline } }
    }

    /// Moves time forward by `duration` without anyone waiting (a service's own events).
    public func advance(by duration: Duration) {
        current.withLock { $0 = $0.advanced(by: max(duration, .zero)) }
    }
}
