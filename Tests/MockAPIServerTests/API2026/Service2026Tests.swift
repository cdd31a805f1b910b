import Foundation
import Scaling
import Testing
@testable import MockAPIServer

/// `probes/submit.txt`, `lifecycle.txt` and `final.txt` through the service, then concurrency,
/// restart from `--state` and determinism.
@Suite("Service2026")
struct Service2026Tests {
    let key = "06123456"

    @Test("submit.txt: 200 with the reservation, 409 for duplicates (defaults omitted, 1e6 for 1000000), a new runtime is new")
    func submit() throws {
        let s = try Service2026()
        let ok = s.send("POST", "/submit", key: key, body: configJSON())
        #expect(ok.status == 200)
        #expect(ok.body == #"{"experiment_id":1,"budget_summary":{"used_seconds":30.0,"remaining_seconds":43170.0,"total_budget_seconds":43200.0}}"#)
        let dup = s.send("POST", "/submit", key: key, body: configJSON())
        #expect(dup.status == 409)
        #expect(dup.body == #"{"detail":"experiment already exists for this training config"}"#)
        let omitted = configJSON().replacingOccurrences(of: #","n_evals":16"#, with: "").replacingOccurrences(of: #","model_seed":0"#, with: "")
        #expect(s.send("POST", "/submit", key: key, body: omitted).status == 409)
        let longer = s.send("POST", "/submit", key: key, body: configJSON(maxRuntime: "31"))
        #expect(longer.body == #"{"experiment_id":2,"budget_summary":{"used_seconds":61.0,"remaining_seconds":43139.0,"total_budget_seconds":43200.0}}"#)
        let rope = configJSON().replacingOccurrences(of: #""rope_theta":1000000"#, with: #""rope_theta":1e6"#)
        #expect(s.send("POST", "/submit", key: key, body: rope).status == 409)
        #expect(s.send("GET", "/budget", key: key).body == #"{"used_seconds":61.0,"remaining_seconds":43139.0,"total_budget_seconds":43200.0}"#)
        // Per-key isolation, one shared id sequence.
        let other = s.send("POST", "/submit", key: "00000002", body: configJSON())
        #expect(other.body.hasPrefix(#"{"experiment_id":3,"#))
        #expect(s.send("GET", "/experiment/3", key: key).status == 404)
        #expect(s.send("GET", "/experiments", key: "00000002").body.hasPrefix(#"[{"experiment_id":3,"#))
    }

    @Test("submit.txt: the budget check (400, summary before the request) runs before the duplicate check; exactly the remainder is allowed")
    func budget() throws {
        let s = try Service2026(options: .init(schema: .v26_0_2, seed: 1))
        #expect(s.send("POST", "/submit", key: key, body: configJSON(maxRuntime: "43000")).status == 200)
        let dupOver = s.send("POST", "/submit", key: key, body: configJSON(maxRuntime: "43000"))
        #expect(dupOver.status == 400)
        #expect(dupOver.body == #"{"detail":{"message":"insufficient budget","budget_summary":{"used_seconds":43000.0,"remaining_seconds":200.0,"total_budget_seconds":43200.0}}}"#)
        let exact = s.send("POST", "/submit", key: key, body: configJSON(maxRuntime: "200"))
        #expect(exact.body == #"{"experiment_id":2,"budget_summary":{"used_seconds":43200.0,"remaining_seconds":0.0,"total_budget_seconds":43200.0}}"#)
        let none = s.send("POST", "/submit", key: key, body: configJSON(maxRuntime: "1", seed: 9))
        #expect(none.body == #"{"detail":{"message":"insufficient budget","budget_summary":{"used_seconds":43200.0,"remaining_seconds":0.0,"total_budget_seconds":43200.0}}}"#)
        // 26.0.2: more than the remainder is a 400, not a 422.
        let big = s.send("POST", "/submit", key: "00000003", body: configJSON(maxRuntime: "50000"))
        #expect(big.status == 400)
    }

    @Test("lifecycle: queued → running (no losses) → losses replaced → completed; the charge settles to the runtime")
    func lifecycle() throws {
        let s = try Service2026()
        _ = s.send("POST", "/submit", key: key, body: configJSON())
        #expect(s.send("GET", "/experiment/1", key: key).body.contains(#""status_type":"queued""#))
        s.api.advance(bySeconds: 1)
        let running = s.send("GET", "/experiment/1", key: key).body
        #expect(running.contains(#""val_losses":[],"status_type":"running""#))
        #expect(running.contains(#""run_id":"fc-"#))
        while let next = s.api.nextEventSeconds { s.api.advance(toSeconds: next) }
        let done = s.send("GET", "/experiment/1", key: key).body
        #expect(done.contains(#""status_type":"completed""#))
        let e = s.api.engine.experiment(1)
        guard case .completed(_, let used, let losses, _)? = e?.phase else { Issue.record("not completed"); return }
        #expect(losses.count == 16)
        #expect(s.send("GET", "/budget", key: key).body == WireBridge2026.budgetBody(BudgetState2026(usedSeconds: max(1, used))))
        #expect(s.send("GET", "/experiments", key: key).body == "[\(done)]")
    }

    @Test("final.txt: null, then an upsert with a new submitted_at; the budget is untouched")
    func finalSubmission() throws {
        let s = try Service2026()
        #expect(s.send("GET", "/final_submission", key: key).body == "null")
        let body = #"{"training_config":\#(configJSON()),"predicted_final_loss":3}"#
        let first = s.send("POST", "/final_submission", key: key, body: body)
        #expect(first.status == 200)
        #expect(s.send("GET", "/final_submission", key: key).body == first.body)
        s.api.advance(bySeconds: 5)
        let second = s.send("POST", "/final_submission", key: key, body: body)
        #expect(second.status == 200 && second.body != first.body)
        #expect(s.send("GET", "/final_submission", key: key).body == second.body)
        #expect(s.send("GET", "/budget", key: key).body == #"{"used_seconds":0.0,"remaining_seconds":43200.0,"total_budget_seconds":43200.0}"#)
    }

    @Test("simultaneous submits of one key never reserve past the budget; identical ones give one 200 and the rest 409")
    func concurrency() async throws {
        let s = try Service2026()
        let statuses = await withTaskGroup(of: Int.self) { group in
            for i in 0..<60 { group.addTask { s.send("POST", "/submit", key: key, body: configJSON(maxRuntime: "1000", seed: i)).status } }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 200 }.count == 43)
        #expect(statuses.filter { $0 == 400 }.count == 17)
        #expect(s.api.engine.budget(of: key).usedSeconds == 43_000)
        let same = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<30 { group.addTask { s.send("POST", "/submit", key: "00000009", body: configJSON()).status } }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(same.filter { $0 == 200 }.count == 1)
        #expect(same.filter { $0 == 409 }.count == 29)
    }

    @Test("--state: a restart mid-campaign replays to the same answers; in-flight runs finish once, charged once")
    func restart() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mock2026-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let identity = StateStore2026.Identity(scenario: "formula", seed: 1, apiVersion: "26.0.2", epochMicros: TrainingAPI2026.defaultEpochMicros)
        var before: [String] = []
        do {
            let s = try Service2026(store: try StateStore2026(path: path, identity: identity))
            for i in 0..<6 {
                _ = s.send("POST", "/submit", key: key, body: configJSON(maxRuntime: "60", seed: i))
                s.api.advance(bySeconds: 7)
            }
            _ = s.send("POST", "/final_submission", key: key, body: #"{"training_config":\#(configJSON()),"predicted_final_loss":3.1}"#)
            s.api.advance(bySeconds: 20)
            before = ["/experiments", "/budget", "/final_submission"].map { s.send("GET", $0, key: key).body }
            #expect(before[0].contains("running"))
        }
        let t = try Service2026(store: try StateStore2026(path: path, identity: identity))
        #expect(["/experiments", "/budget", "/final_submission"].map { t.send("GET", $0, key: key).body } == before)
        while let next = t.api.nextEventSeconds { t.api.advance(toSeconds: next) }
        let ended = t.api.engine.experiments(of: key)
        #expect(ended.count == 6 && ended.allSatisfy { $0.phase.isFinished })
        #expect(t.api.engine.budget(of: key).usedSeconds == ended.reduce(0) { $0 + $1.chargedSeconds })
        #expect(t.send("POST", "/submit", key: key, body: configJSON(maxRuntime: "60", seed: 6)).body.hasPrefix(#"{"experiment_id":7,"#))

        // Another seed, a damaged file and a 2025 state file are refused with a clear error.
        var other = identity
        other.seed = 2
        #expect(throws: StateFileError.self) { try StateStore2026(path: path, identity: other) }
        let junk = path + ".junk"
        try Data("not a database at all, just text".utf8).write(to: URL(fileURLWithPath: junk))
        defer { try? FileManager.default.removeItem(atPath: junk) }
        #expect(throws: StateFileError.self) { try StateStore2026(path: junk, identity: identity) }
        let old = path + ".2025"
        _ = try SQLiteLedgerStore(path: old)
        defer { try? FileManager.default.removeItem(atPath: old) }
        do { _ = try StateStore2026(path: old, identity: identity); Issue.record("accepted a 2025 file") } catch {
            #expect(error.description.contains("not a state file of the 2026 mock"))
        }
    }

    @Test("--state: a row with a NULL or mistyped column is a StateFileError naming the column, not a trap")
    func damagedRows() throws {
        let identity = StateStore2026.Identity(scenario: "formula", seed: 1, apiVersion: "26.0.2", epochMicros: TrainingAPI2026.defaultEpochMicros)
        for (column, value) in [("at_micros", "'soon'"), ("api_key", "NULL")] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("mock2026-\(UUID().uuidString).sqlite").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let store = try StateStore2026(path: path, identity: identity)
            try store.append(.submit(at: 5, key: key, config: configJSON(), experimentID: 1))
            // A damaged copy: SQLite's typing is lax, and NOT NULL is gone once the table is rebuilt by hand.
            try store.queue.write { db in
                try db.execute(sql: "CREATE TABLE copy AS SELECT * FROM inputs; DROP TABLE inputs; ALTER TABLE copy RENAME TO inputs")
                try db.execute(sql: "UPDATE inputs SET \(column) = \(value)")
            }
            do { _ = try store.load(); Issue.record("loaded a damaged \(column)") } catch {
                #expect(error.description.contains("inputs row 1: \(column) is"))
            }
        }
    }

    @Test("--state: instants out of order, negative or past a century, and a clock behind the inputs, are StateFileErrors (issue 15)")
    func damagedInstants() throws {
        let identity = StateStore2026.Identity(scenario: "formula", seed: 1, apiVersion: "26.0.2", epochMicros: TrainingAPI2026.defaultEpochMicros)
        for (sql, fragment) in [("UPDATE inputs SET at_micros = -1 WHERE sequence = 1", "arrived at -1"),
                                ("UPDATE inputs SET at_micros = 9223372036854775807 WHERE sequence = 2", "arrived at 9223372036854775807"),
                                ("UPDATE inputs SET at_micros = 1 WHERE sequence = 2", "arrived at 1 µs, expected 5"),
                                ("UPDATE clock SET now_micros = 2", "its clock stands at 2")] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("mock2026-\(UUID().uuidString).sqlite").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let store = try StateStore2026(path: path, identity: identity)
            try store.append(.submit(at: 5, key: key, config: configJSON(), experimentID: 1))
            try store.append(.submit(at: 9, key: key, config: configJSON(seed: 2), experimentID: 2))
            try store.queue.write { db in try db.execute(sql: sql) }
            do { _ = try store.load(); Issue.record("loaded: \(sql)") } catch {
                #expect(error.description.contains(fragment), "\(error)")
            }
        }
    }

    @Test("same seed and requests: the same bodies, timestamps and run ids")
    func determinism() throws {
        func campaign() throws -> [String] {
            var b = quietBehaviour()
            b.preemptionRate = 0.3
            b.unexpectedFailureRate = 0.2
            let s = try Service2026(behaviour: b)
            var bodies: [String] = []
            for i in 0..<12 {
                bodies.append(s.send("POST", "/submit", key: i % 2 == 0 ? key : "00000005", body: configJSON(maxRuntime: "40", seed: i)).body)
                s.api.advance(bySeconds: 3.3)
            }
            s.api.advance(bySeconds: 30)
            bodies.append(s.send("GET", "/experiments", key: key).body)
            s.api.advance(bySeconds: 3600)
            bodies.append(s.send("GET", "/experiments", key: "00000005").body)
            return bodies
        }
        #expect(try campaign() == campaign())
    }

    @Test("bad input never crashes or answers 500 (except the real app's own: int64 overflow, an echoed infinity)")
    func badInput() throws {
        let s = try Service2026()
        // An infinity echoed in a 422 cannot be written by Starlette: the real app answers 500.
        for path in ["/submit", "/final_submission"] {
            #expect(s.send("POST", path, key: key, body: #"{"max_runtime_seconds":1e400}"#).body == "Internal Server Error")
        }
        let bodies = ["", "{", "[1,2]", "null", "\"x\"", "{\"a\":1}", String(repeating: "[", count: 5000), "\u{FF}\u{FE}", "{\"a\":NaN"]
        for body in bodies {
            for path in ["/submit", "/final_submission"] {
                let r = s.send("POST", path, key: key, body: body)
                #expect(r.status != 500 && r.status != 200, "\(path) \(body.prefix(20)) -> \(r.status)")
            }
        }
        for path in ["/experiment/", "/experiment/1.5", "/experiment/%00", "/experiment/1/2", "//", "/experiments//", "/submit/x"] {
            #expect(s.send("GET", path, key: key).status != 500, "\(path)")
        }
    }
}

/// The campaign client's `VirtualClock` drives the service: sleeping on it is what moves the
/// lifecycle, so a polling loop jumps from poll to poll without waiting.
@Suite("VirtualClock2026")
struct VirtualClock2026Tests {
    @Test("a client that sleeps on the VirtualClock sees runs progress; a whole budget runs to its end and adds up")
    func sleepingClient() async throws {
        let clock = VirtualClock()
        let s = try Service2026(options: .init(seed: 1, time: .virtualClock(clock)))
        #expect(s.send("POST", "/submit", key: "06123456", body: configJSON()).status == 200)
        try await clock.sleep(for: .seconds(1))
        #expect(s.send("GET", "/experiment/1", key: "06123456").body.contains(#""status_type":"running""#))
        #expect(s.api.nowSeconds == 1)
        try await clock.sleep(for: .seconds(3600))
        #expect(s.send("GET", "/experiment/1", key: "06123456").body.contains(#""status_type":"completed""#))

        let clock2 = VirtualClock()
        let t = try Service2026(options: .init(seed: 2, time: .virtualClock(clock2)))
        var configs: [TrainingConfig] = []
        // About 700 s each with 1000 s reserved: the budget runs out before the 70th.
        for i in 0..<70 { configs.append(.example(maxRuntime: 1000, seed: i, tokens: 1_048_576 * 16 * 34)) }
        let r = try await BudgetSimulation2026.run(api: t.api, clock: clock2, key: "06123456", configs: configs, maxInFlight: 20, pollSeconds: 60)
        #expect(r.submitted + r.refused == 70)
        #expect(r.refused > 0 && r.submitted > 43)
        #expect(r.completed + r.failed == r.submitted)
        #expect(r.usedSeconds <= 43_200 && r.usedSeconds > 30_000, "\(r)")
        // 20 at a time: the GPU-seconds run in parallel, so far less wall time passes.
        #expect(r.virtualSeconds > 1800, "\(r)")
    }
}
