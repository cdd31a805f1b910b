import Foundation
import Scaling
import SyntheticTrainer
import Testing
@testable import MockAPIServer

@Suite("LifecycleEngine2026")
struct LifecycleEngine2026Tests {
    let key = "06123456"

    func engine(_ behaviour: ServiceBehaviour2026 = quietBehaviour(), seed: UInt64 = 1,
                truth: FormulaTruth2026 = FormulaTruth2026()) throws -> LifecycleEngine2026 {
        try LifecycleEngine2026(truth: truth, behaviour: behaviour, seed: seed)
    }

    @Test("queued, then running on the next tick with no losses, losses replaced whole, completed with n_evals")
    func lifecycle() throws {
        var e = try engine()
        let id = e.submit(key: key, config: .example())
        #expect(id == 1)
        #expect(e.experiment(id)?.phase == .queued)
        #expect(e.budget(of: key).usedSeconds == 30)
        e.advance(to: 1_000_000)
        guard case .running(let d, let losses)? = e.experiment(id)?.phase else { Issue.record("not running"); return }
        #expect(d.dispatchedAt == 1_000_000)
        #expect(losses.isEmpty)
        #expect(d.runID.hasPrefix("fc-") && d.runID.count == 29)
        var seen: [Int] = []
        while let next = e.nextEventTime, seen.count < 100 {
            e.advance(to: next)
            if case .running(_, let l)? = e.experiment(id)?.phase { seen.append(l.count) } else { break }
        }
        #expect(seen.first == 0 || seen.first == 1)
        #expect(seen == seen.sorted())
        #expect(seen.contains(8))
        guard case .completed(_, let used, let final, _)? = e.experiment(id)?.phase else { Issue.record("not completed"); return }
        let plan = FormulaTruth2026().plan(for: .example(), runKey: 1)
        #expect(final == plan.valLosses)
        #expect(used == plan.chunkEndSeconds.last)
        #expect(e.budget(of: key).usedSeconds == max(1, used))
        #expect(e.slotsInUse == 0)
    }

    @Test("a run past its reservation fails as a timeout, charged exactly max_runtime_seconds")
    func timeout() throws {
        var e = try engine()
        let id = e.submit(key: key, config: .example(maxRuntime: 2, tokens: 16 * 1_048_576))  // about 20 s of chunks
        e.advance(to: 3_600_000_000)
        guard case .failed(_, let used, .timeout(let partial), _)? = e.experiment(id)?.phase else { Issue.record("no timeout"); return }
        #expect(used > 2)
        #expect(!partial.isEmpty && partial.count < 16)
        #expect(e.budget(of: key).usedSeconds == 2)
        #expect(e.budget(of: key).remainingSeconds == 43_198)
    }

    @Test("out of memory: failed/unexpected with the plan's text, charged its seconds")
    func outOfMemory() throws {
        var e = try engine(truth: FormulaTruth2026(oomParameters: 1000))
        let id = e.submit(key: key, config: .example())
        e.advance(to: 3_600_000_000)
        guard case .failed(_, let used, .unexpected(let text), _)? = e.experiment(id)?.phase else { Issue.record("no failure"); return }
        #expect(used == 10.1)
        #expect(text.hasPrefix("JaxRuntimeError: RESOURCE_EXHAUSTED"))
        #expect(e.budget(of: key).usedSeconds == 10.1)
    }

    @Test("fair dispatch: a user with nothing running goes before another user's queue (§8)")
    func fairness() throws {
        var e = try engine(quietBehaviour(slots: 1))
        let a1 = e.submit(key: "11111111", config: .example(seed: 1))
        let a2 = e.submit(key: "11111111", config: .example(seed: 2))
        e.advance(to: 500_000)
        let b1 = e.submit(key: "22222222", config: .example(seed: 3))
        e.advance(to: 1_000_000)
        #expect(e.experiment(a1)?.phase.statusType == "running")
        // Once a1 ends, a2 and b1 both rank 0 (nothing running, first in their own queues):
        // queued_at decides, so a2 goes first.
        while e.experiment(a1)?.phase.statusType == "running", let t = e.nextEventTime { e.advance(to: t) }
        while e.experiment(a2)?.phase.statusType == "queued", e.experiment(b1)?.phase.statusType == "queued", let t = e.nextEventTime { e.advance(to: t) }
        #expect(e.experiment(a2)?.phase.statusType == "running")
        #expect(e.experiment(b1)?.phase.statusType == "queued")

        // With a user already running, another user's first job goes first even if queued later.
        var f = try engine(quietBehaviour(slots: 2))
        let x1 = f.submit(key: "11111111", config: .example(seed: 1))
        f.advance(to: 1_000_000)                       // x1 runs
        let x2 = f.submit(key: "11111111", config: .example(seed: 2))
        let x3 = f.submit(key: "11111111", config: .example(seed: 3))
        let y1 = f.submit(key: "22222222", config: .example(seed: 4))
        f.advance(to: 2_000_000)                       // one slot: y1 (rank 0) beats x2 (rank 1)
        #expect(f.experiment(x1)?.phase.statusType == "running")
        #expect(f.experiment(y1)?.phase.statusType == "running")
        #expect(f.experiment(x2)?.phase.statusType == "queued")
        #expect(f.experiment(x3)?.phase.statusType == "queued")
    }

    @Test("same seed and inputs: same phases, run ids and times; another seed: other run ids")
    func determinism() throws {
        func run(_ seed: UInt64) throws -> [Experiment2026] {
            var b = ServiceBehaviour2026()
            b.background.arrivalsPerHour = 200
            var e = try engine(b, seed: seed)
            for i in 0..<20 {
                _ = e.submit(key: i % 2 == 0 ? "11111111" : "22222222", config: .example(seed: i))
                e.advance(to: Int64(i) * 7_300_000)
            }
            e.advance(to: 7_200_000_000)
            return e.experiments(of: "11111111") + e.experiments(of: "22222222")
        }
        let a = try run(5), b = try run(5), c = try run(6)
        #expect(a == b)
        #expect(a.map(\.id) != c.map(\.id) || a != c)
    }

    @Test("background load takes slots and ids from the shared sequence, invisible to keys")
    func background() throws {
        var b = quietBehaviour(slots: 3)
        b.background.arrivalsPerHour = 3600
        b.background.medianRuntimeSeconds = 100_000
        var e = try engine(b)
        e.advance(to: 60_000_000)
        #expect(e.slotsInUse == 3)
        let id = e.submit(key: key, config: .example())
        #expect(id > 3)
        e.advance(to: 120_000_000)
        #expect(e.experiment(id)?.phase == .queued)
        #expect(e.experiments(of: key).map(\.id) == [id])
    }

    @Test("faults: stuck stays running with its reservation; NaN ends in InternalAPIError; preemption shortens val_losses")
    func faults() throws {
        var stuck = quietBehaviour(); stuck.stuckRate = 1
        var e = try engine(stuck)
        let s = e.submit(key: key, config: .example())
        e.advance(to: 86_400_000_000)
        #expect(e.experiment(s)?.phase.statusType == "running")
        #expect(e.budget(of: key).usedSeconds == 30)

        var nan = quietBehaviour(); nan.nanRate = 1
        var n = try engine(nan)
        let ni = n.submit(key: key, config: .example())
        n.advance(to: 86_400_000_000)
        guard case .failed(_, _, .unexpected(let text), _)? = n.experiment(ni)?.phase else { Issue.record("no NaN failure"); return }
        #expect(text.hasPrefix("InternalAPIError: internal API request failed: "))

        var pre = quietBehaviour(); pre.preemptionRate = 1
        // Find a seed whose preemption falls after the first chunk, so the shortening is visible.
        var shortened = false
        for seed in UInt64(1)...20 where !shortened {
            var p = try engine(pre, seed: seed)
            let pi = p.submit(key: key, config: .example(maxRuntime: 600))
            var last = 0
            while let t = p.nextEventTime, p.experiment(pi)?.phase.statusType != "completed" {
                p.advance(to: t)
                let now = p.experiment(pi)?.phase.visibleLosses.count ?? 0
                if now < last { shortened = true }
                last = now
            }
            #expect(p.experiment(pi)?.phase.visibleLosses.count == 16)
        }
        #expect(shortened)
    }

    @Test("a behaviour that cannot run is refused naming the field and value")
    func badBehaviour() {
        var b = ServiceBehaviour2026()
        b.slots = 0
        #expect(throws: ServiceBehaviourError.self) { try LifecycleEngine2026(truth: FormulaTruth2026(), behaviour: b, seed: 1) }
        do { _ = try LifecycleEngine2026(truth: FormulaTruth2026(), behaviour: b, seed: 1) } catch {
            #expect(error.description == "service.slots is 0; it must be at least 1")
        }
    }
}
