import Scaling
import SyntheticTrainer

/// The 2026 service's back end in virtual time: experiments, the dispatcher and the simulated
/// GPU workers (`docs/api-2026-contract.md` §5, §8), as a discrete-event simulation. Nothing happens
/// between calls: `advance(to:)` runs every event up to an instant (dispatcher passes on the
/// tick, start-up overheads, chunk reports, finishes, faults, other users' load) and
/// `nextEventTime` says when something will next change, so a caller can jump straight there.
///
/// Every random choice comes from the scenario seed: a run's from (seed, experiment id), the
/// background load's from (seed, arrival number). The same submissions at the same instants
/// give the same states, ids, run ids and timestamps.
///
/// ```swift
/// var engine = try LifecycleEngine2026(truth: truth, behaviour: ServiceBehaviour2026(), seed: 1)
/// let id = engine.submit(key: "06123456", config: .handoutExample)   // 1, queued
/// engine.advance(to: 3_600_000_000)                                   // an hour later
/// engine.experiment(id)?.phase                                        // .completed(...)
/// ```
public struct LifecycleEngine2026: Sendable {
    public let truth: any TrainingTruth2026
    public let behaviour: ServiceBehaviour2026
    public let seed: UInt64
    /// The wall-clock instant (µs since the Unix epoch) that virtual time 0 stands for; run ids
    /// carry it, as Modal's ULIDs carry their creation time.
    public let epochMicros: Int64

    public private(set) var now: VirtualMicros = 0
    private var experiments: [Int64: Experiment2026] = [:]
    // Keyed byte for byte (ExactKey): String equality would merge differently composed keys.
    private var idsByKey: [ExactKey: [Int64]] = [:]
    private var configsByKey: [ExactKey: Set<TrainingConfig>] = [:]
    private var nextID: Int64 = 1

    private struct Waiting: Sendable {
        var id: Int64
        var owner: String
        var queuedAt: VirtualMicros
    }
    /// Queued work of every owner (keys and simulated others), in id order.
    private var queue: [Waiting] = []
    private var runningByOwner: [ExactKey: Int] = [:]
    private var busySlots = 0
    /// Simulated other users' jobs: their owner and how long they hold a slot once dispatched.
    private var backgroundJobs: [Int64: (owner: String, holdSeconds: Double)] = [:]
    private var backgroundArrivals: UInt64 = 0
    private let tick: VirtualMicros

    private enum Event: Sendable {
        case dispatch
        case step(Int64, RunScript2026.Step)
        case backgroundArrival
        case backgroundDone(Int64)
    }
    private var events = EventQueue<Event>()
    private var dispatchPending: VirtualMicros?

    public init(truth: any TrainingTruth2026, behaviour: ServiceBehaviour2026, seed: UInt64,
                epochMicros: Int64 = 0) throws(ServiceBehaviourError) {
        try ServiceBehaviourError.check(behaviour)
        self.truth = truth
        self.behaviour = behaviour
        self.seed = seed
        self.epochMicros = epochMicros
        tick = VirtualMicros.micros(seconds: behaviour.dispatchTickSeconds) ?? 1_000_000
        if behaviour.background.arrivalsPerHour > 0 { scheduleNextArrival(after: 0) }
    }

    // MARK: Reading

    public func experiment(_ id: Int64) -> Experiment2026? { experiments[id] }

    /// A key's experiments in id order.
    public func experiments(of key: String) -> [Experiment2026] {
        (idsByKey[ExactKey(key)] ?? []).compactMap { experiments[$0] }
    }

    /// A key's budget now (§6).
    public func budget(of key: String) -> BudgetState2026 {
        var used = 0.0
        for id in idsByKey[ExactKey(key)] ?? [] { used += experiments[id]?.chargedSeconds ?? 0 }
        return BudgetState2026(usedSeconds: used)
    }

    /// Whether the key already has this normalised config, in any status (§7).
    public func hasExperiment(key: String, config: TrainingConfig) -> Bool {
        configsByKey[ExactKey(key)]?.contains(config) ?? false
    }

    /// When the next event will happen (nil when nothing is scheduled).
    public var nextEventTime: VirtualMicros? { events.first?.time }

    /// Runs in progress across all users, simulated others included.
    public var slotsInUse: Int { busySlots }
    /// Work waiting for a slot, simulated others included.
    public var queueLength: Int { queue.count }
    /// The next experiment id the shared sequence will hand out.
    public var nextExperimentID: Int64 { nextID }

    // MARK: Changing

    /// Queues an experiment now and returns its id. The routes check the budget and duplicates
    /// first; this only records.
    public mutating func submit(key: String, config: TrainingConfig) -> Int64 {
        let id = nextID
        nextID += 1
        experiments[id] = Experiment2026(id: id, key: key, config: config, queuedAt: now, phase: .queued)
        idsByKey[ExactKey(key), default: []].append(id)
        configsByKey[ExactKey(key), default: []].insert(config)
        enqueue(Waiting(id: id, owner: key, queuedAt: now))
        return id
    }

    /// Runs every event up to `target` (never backwards), then stands at `target`.
    public mutating func advance(to target: VirtualMicros) {
        while let next = events.first, next.time <= target, let entry = events.popFirst() {
            now = max(now, entry.time)
            apply(entry.payload)
        }
        now = max(now, target)
    }

    private mutating func apply(_ event: Event) {
        switch event {
        case .dispatch:
            dispatchPending = nil
            dispatchPass()
        case .step(let id, let step):
            apply(step, to: id)
        case .backgroundArrival:
            backgroundArrival()
        case .backgroundDone(let id):
            backgroundJobs[id] = nil
            release(owner: Self.backgroundOwner(for: id, seed: seed))
        }
    }

    private mutating func enqueue(_ waiting: Waiting) {
        queue.append(waiting)
        scheduleDispatch()
    }

    /// The dispatcher polls on its tick while work waits and a slot is free.
    private mutating func scheduleDispatch() {
        guard !queue.isEmpty, busySlots < behaviour.slots, dispatchPending == nil else { return }
        let at = (now / tick + 1) * tick
        dispatchPending = at
        events.push(.dispatch, at: at)
    }

    /// One dispatcher pass (§8): queued work ordered by the owner's running count plus the
    /// position in the owner's own queue, then queued_at, then id; as many as slots are free.
    private mutating func dispatchPass() {
        let free = behaviour.slots - busySlots
        guard free > 0, !queue.isEmpty else { return }
        var position: [ExactKey: Int] = [:]
        var ranked: [(rank: Int, index: Int)] = []
        ranked.reserveCapacity(queue.count)
        for (index, w) in queue.enumerated() {
            let owner = ExactKey(w.owner)
            let p = position[owner, default: 0]
            position[owner] = p + 1
            ranked.append((rank: (runningByOwner[owner] ?? 0) + p, index: index))
        }
        ranked.sort { a, b in
            let x = queue[a.index], y = queue[b.index]
            if a.rank != b.rank { return a.rank < b.rank }
            if x.queuedAt != y.queuedAt { return x.queuedAt < y.queuedAt }
            return x.id < y.id
        }
        let chosen = Set(ranked.prefix(free).map(\.index))
        let starting = queue.indices.filter { chosen.contains($0) }.map { queue[$0] }
        queue = queue.indices.filter { !chosen.contains($0) }.map { queue[$0] }
        for w in starting { start(w) }
    }

    private mutating func start(_ w: Waiting) {
        busySlots += 1
        runningByOwner[ExactKey(w.owner), default: 0] += 1
        var draws = SplitMix64(seed: SplitMix64.combine(SplitMix64.mix(seed), UInt64(bitPattern: w.id)))
        let runID = Self.runID(atMicros: epochMicros &+ now, draws: &draws)
        if let job = backgroundJobs[w.id] {
            let startUp = RunScript2026.overhead(behaviour, &draws)
            schedule(.backgroundDone(w.id), afterSeconds: startUp + job.holdSeconds)
            return
        }
        guard var experiment = experiments[w.id] else { return }
        experiment.phase = .running(.init(dispatchedAt: now, runID: runID), valLosses: [])
        experiments[w.id] = experiment
        let plan = truth.plan(for: experiment.config, runKey: UInt64(bitPattern: w.id))
        let script = RunScript2026(plan: plan, maxRuntimeSeconds: experiment.config.maxRuntimeSeconds,
                                   behaviour: behaviour, experimentID: w.id, draws: &draws)
        for (at, step) in script.steps { schedule(.step(w.id, step), afterSeconds: at) }
    }

    private mutating func schedule(_ event: Event, afterSeconds seconds: Double) {
        let delta = VirtualMicros.micros(seconds: max(0, seconds)) ?? VirtualMicros.max / 4
        events.push(event, at: now.addingReportingOverflow(delta).overflow ? VirtualMicros.max : now + delta)
    }

    private mutating func apply(_ step: RunScript2026.Step, to id: Int64) {
        guard var experiment = experiments[id], case .running(let dispatch, _) = experiment.phase else { return }
        switch step {
        case .losses(let losses):
            experiment.phase = .running(dispatch, valLosses: losses)
            experiments[id] = experiment
        case .finish(.completed(let used, let losses)):
            experiment.phase = .completed(dispatch, usedRuntimeSeconds: used, valLosses: losses, completedAt: now)
            experiments[id] = experiment
            release(owner: experiment.key)
        case .finish(.failed(let used, let reason)):
            experiment.phase = .failed(dispatch, usedRuntimeSeconds: used, reason: reason, failedAt: now)
            experiments[id] = experiment
            release(owner: experiment.key)
        }
    }

    private mutating func release(owner: String) {
        busySlots -= 1
        runningByOwner[ExactKey(owner), default: 1] -= 1
        scheduleDispatch()
    }

    // MARK: Other users

    /// Simulated other users' names cannot collide with a key: keys arrive in HTTP headers,
    /// which cannot carry NUL.
    static let backgroundUsers: UInt64 = 40
    static func backgroundOwner(for id: Int64, seed: UInt64) -> String {
        "\u{0}other-\(SplitMix64.combine(SplitMix64.mix(seed ^ 0xB6), UInt64(bitPattern: id)) % backgroundUsers)"
    }

    /// Arrivals per hour at `seconds` after the start: the base rate, times the surge factor in
    /// the surge window.
    func arrivalRate(atSeconds seconds: Double) -> Double {
        let b = behaviour.background
        let hour = seconds / 3600
        let surging = b.surgeHours > 0 && hour >= b.surgeEndsAtHour - b.surgeHours && hour < b.surgeEndsAtHour
        return b.arrivalsPerHour * (surging ? b.surgeFactor : 1)
    }

    /// The next arrival of a Poisson process with a piecewise-constant rate, by thinning.
    private mutating func scheduleNextArrival(after start: VirtualMicros) {
        let b = behaviour.background
        let peak = b.arrivalsPerHour * max(1, b.surgeFactor)
        guard peak > 0 else { return }
        var t = Double(start) / 1e6
        while true {
            backgroundArrivals &+= 1
            var draws = SplitMix64(seed: SplitMix64.combine(SplitMix64.mix(seed ^ 0xA77), backgroundArrivals))
            t += InverseCDF.exponential(unit: draws.nextUnit(), mean: 3600 / peak)
            if draws.nextUnit() * peak < arrivalRate(atSeconds: t) { break }
        }
        guard let at = VirtualMicros.micros(seconds: t) else { return }
        events.push(.backgroundArrival, at: at)
    }

    private mutating func backgroundArrival() {
        let id = nextID
        nextID += 1
        var draws = SplitMix64(seed: SplitMix64.combine(SplitMix64.mix(seed ^ 0xB6D), UInt64(bitPattern: id)))
        let b = behaviour.background
        let hold = InverseCDF.logNormal(unit: draws.nextUnit(), median: b.medianRuntimeSeconds, sigma: b.runtimeSigma)
        let owner = Self.backgroundOwner(for: id, seed: seed)
        backgroundJobs[id] = (owner: owner, holdSeconds: hold)
        enqueue(Waiting(id: id, owner: owner, queuedAt: now))
        scheduleNextArrival(after: now)
    }

    // MARK: Run ids

    /// `fc-` and a ULID: 48 bits of milliseconds since the epoch, then 80 seeded random bits, in
    /// Crockford's base 32 (`fc-01KQDT6BXQFMPGVWR3GTS3PVJ3`).
    static func runID(atMicros micros: Int64, draws: inout SplitMix64) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        let ms = UInt64(max(0, micros / 1000)) & 0xFFFF_FFFF_FFFF
        let high = (ms << 16) | (draws.next() & 0xFFFF)   // 48 + 16 bits
        let low = draws.next()                           // 64 bits
        // 128 bits as 26 base-32 digits (the first carries 3 bits).
        var digits = [Character](repeating: "0", count: 26)
        var hi = high, lo = low
        for i in stride(from: 25, through: 0, by: -1) {
            digits[i] = alphabet[Int(lo & 31)]
            lo = (lo >> 5) | ((hi & 31) << 59)
            hi >>= 5
        }
        return "fc-" + String(digits)
    }
}

/// A scenario's service behaviour that cannot run: it names the field, the value and what is
/// accepted.
public struct ServiceBehaviourError: Error, CustomStringConvertible, Sendable {
    public let description: String

    static func check(_ b: ServiceBehaviour2026) throws(ServiceBehaviourError) {
        func fail(_ field: String, _ value: Any, _ accepted: String) -> ServiceBehaviourError {
            ServiceBehaviourError(description: "service.\(field) is \(value); it must be \(accepted)")
        }
        guard b.slots >= 1 else { throw fail("slots", b.slots, "at least 1") }
        guard b.dispatchTickSeconds.isFinite, b.dispatchTickSeconds >= 0.001, b.dispatchTickSeconds <= 3600 else {
            throw fail("dispatch_tick_seconds", b.dispatchTickSeconds, "in [0.001, 3600]")
        }
        guard b.overheadMedianSeconds.isFinite, b.overheadMedianSeconds > 0 else {
            throw fail("overhead_median_seconds", b.overheadMedianSeconds, "positive")
        }
        guard b.overheadSigma.isFinite, b.overheadSigma >= 0 else { throw fail("overhead_sigma", b.overheadSigma, "at least 0") }
        let r = b.overheadRangeSeconds
        guard r.lowerBound.isFinite, r.upperBound.isFinite, r.lowerBound > 0, r.contains(b.overheadMedianSeconds) else {
            throw fail("overhead_range_seconds", r, "positive and finite, containing the median \(b.overheadMedianSeconds)")
        }
        let rates = [("unexpected_failure_rate", b.unexpectedFailureRate), ("preemption_rate", b.preemptionRate),
                     ("stuck_rate", b.stuckRate), ("nan_rate", b.nanRate)]
        for (name, rate) in rates where !(rate >= 0 && rate <= 1) { throw fail(name, rate, "in [0, 1]") }
        guard rates.map(\.1).reduce(0, +) <= 1 else {
            throw fail("fault rates", rates.map(\.1).reduce(0, +), "at most 1 in total")
        }
        let g = b.background
        guard g.arrivalsPerHour.isFinite, g.arrivalsPerHour >= 0, g.arrivalsPerHour <= 100_000 else {
            throw fail("background.arrivals_per_hour", g.arrivalsPerHour, "in [0, 100000]")
        }
        guard g.medianRuntimeSeconds.isFinite, g.medianRuntimeSeconds > 0 else {
            throw fail("background.median_runtime_seconds", g.medianRuntimeSeconds, "positive")
        }
        guard g.runtimeSigma.isFinite, g.runtimeSigma >= 0 else { throw fail("background.runtime_sigma", g.runtimeSigma, "at least 0") }
        guard g.surgeFactor.isFinite, g.surgeFactor >= 1, g.surgeFactor <= 1000 else {
            throw fail("background.surge_factor", g.surgeFactor, "in [1, 1000]")
        }
        guard g.surgeHours.isFinite, g.surgeHours >= 0, g.surgeEndsAtHour.isFinite else {
            throw fail("background.surge_hours", g.surgeHours, "at least 0, with a finite surge_ends_at_hour")
        }
    }
}
