import Foundation
import Synchronization
import Testing
import Scaling

/// A queued service on a virtual clock: each job runs for its own seconds after it is submitted;
/// jobs marked to fail end as a charged timeout. It counts how many run at once.
final class QueuedService: TrainingService, Sendable {
    struct Job: Hashable, Sendable { var id: Int; var seconds: Double; var fails = false }
    typealias Request = Job
    typealias Result = Double

    let clock: VirtualClock
    private let state = Mutex<(running: [String: (Job, VirtualClock.Instant)], peak: Int, polls: Int)>(([:], 0, 0))

    init(clock: VirtualClock) { self.clock = clock }

    var peak: Int { state.withLock { $0.peak } }
    var polls: Int { state.withLock { $0.polls } }

    func submit(_ job: Job) async throws -> ExperimentState<Double> {
        let ticket = ExperimentTicket("job-\(job.id)")
        state.withLock { s in
            s.running[ticket.id] = (job, clock.now)
            s.peak = max(s.peak, s.running.count)
        }
        return .running(ticket)
    }

    func poll(_ ticket: ExperimentTicket) async throws -> ExperimentState<Double> {
        let now = clock.now
        return state.withLock { s in
            s.polls += 1
            guard let (job, start) = s.running[ticket.id] else {
                return .failed(ExperimentFailure(kind: .unexpected, message: "no job \(ticket)"))
            }
            guard start.duration(to: now) >= .seconds(job.seconds) else { return .running(ticket) }
            s.running[ticket.id] = nil
            if job.fails { return .failed(ExperimentFailure(kind: .timeout, message: "timed out", charged: job.seconds)) }
            return .finished(1 / job.seconds)
        }
    }
}

struct SecondsRules: CampaignRules {
    typealias Request = QueuedService.Job
    typealias Result = Double
    typealias Amount = Seconds
    typealias Violation = String
    var budget: Seconds
    func violation(of job: QueuedService.Job) -> String? { job.seconds > 0 ? nil : "seconds must be positive, got \(job.seconds)" }
    /// Reserves half as much again as the job needs; charges what it used.
    func reservation(for job: QueuedService.Job) -> Seconds { Seconds(job.seconds * 1.5) }
    func charge(for result: Double, of job: QueuedService.Job) -> Seconds { Seconds(job.seconds) }
    func charge(for failure: ExperimentFailure, of job: QueuedService.Job) -> Seconds { Seconds(failure.charged ?? 0) }
}

/// Asks for every job of a list it has not asked yet, all at once.
struct ListPlanner: CampaignPlanner {
    typealias Request = QueuedService.Job
    typealias Result = Double
    var jobs: [QueuedService.Job]
    func next<Amount: BudgetAmount>(_ state: CampaignProgress<QueuedService.Job, Double, Amount>) throws -> [QueuedService.Job] {
        jobs.filter { !state.hasAsked($0) }
    }
}

@Suite("Campaign engine")
struct CampaignEngineTests {
    let jobs: [QueuedService.Job] = [
        .init(id: 1, seconds: 3600), .init(id: 2, seconds: 1800), .init(id: 3, seconds: 7200, fails: true),
        .init(id: 4, seconds: 900), .init(id: 5, seconds: -1), .init(id: 6, seconds: 20_000), .init(id: 7, seconds: 600),
    ]

    func campaign() async throws -> (CampaignEngine<SecondsRules, ListPlanner>.Outcome, QueuedService, VirtualClock) {
        let clock = VirtualClock()
        let service = QueuedService(clock: clock)
        let engine = CampaignEngine(rules: SecondsRules(budget: Seconds(30_000)), planner: ListPlanner(jobs: jobs),
                                    maxInFlight: 3, pollInterval: .seconds(60), clock: clock)
        return (try await engine.run(against: service), service, clock)
    }

    @Test("keeps at most maxInFlight running, waits on the injected clock, and records failures as data")
    func inFlightAndFailures() async throws {
        let (outcome, service, clock) = try await campaign()
        let p = outcome.progress
        #expect(service.peak == 3)
        #expect(p.inFlight.isEmpty)
        #expect(Set(p.finished.map(\.request.id)) == [1, 2, 4, 7])
        #expect(p.failed.map(\.request.id) == [3])
        #expect(p.failed.first?.failure.kind == .timeout)
        // Two virtual hours of waiting passed on the virtual clock (the longest job), polled every minute.
        #expect(clock.now.seconds >= 7200)
        #expect(service.polls > 50)
    }

    @Test("reserves before submitting, settles at the charge, and refuses what breaks a rule or the budget")
    func budgetReserveThenSettle() async throws {
        let (outcome, _, _) = try await campaign()
        let p = outcome.progress
        // Charged what each used: 3600 + 1800 + 7200 (the timeout) + 900 + 600.
        #expect(p.budget.settled == Seconds(14_100))
        #expect(p.budget.reserved == Seconds.zero)
        let refusals = Dictionary(uniqueKeysWithValues: p.refused.map { ($0.request.id, $0.reason) })
        guard case .rule = refusals[5] else { Issue.record("job 5: \(String(describing: refusals[5]))"); return }
        // 20,000 s reserve 30,000 s: never affordable once anything is committed.
        guard case .budget(let shortfall) = refusals[6] else { Issue.record("job 6: \(String(describing: refusals[6]))"); return }
        #expect(shortfall.requested == Seconds(30_000))
        #expect(p.refused.count == 2)
    }

    @Test("the same campaign twice gives the same outcome, virtual times included")
    func deterministic() async throws {
        let (a, _, clockA) = try await campaign()
        let (b, _, clockB) = try await campaign()
        #expect(a.progress.finished.map(\.request) == b.progress.finished.map(\.request))
        #expect(a.rounds == b.rounds)
        #expect(clockA.now == clockB.now)
    }

    @Test("a budget never passes its cap and sums saturate instead of trapping")
    func budgetArithmetic() {
        var budget = Budget(cap: FLOPs(100))
        let first = budget.reserve(FLOPs(60))
        #expect(first != nil)
        #expect(budget.reserve(FLOPs(50)) == nil)
        budget.settle(first!, charged: FLOPs(30))
        #expect(budget.committed == FLOPs(30))
        #expect(budget.reserve(FLOPs(.max)) == nil)
        #expect(FLOPs(.max).saturatingAdd(FLOPs(1)) == FLOPs.maximum)
        #expect(budget.remaining == FLOPs(70))
    }
}
