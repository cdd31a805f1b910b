import Foundation

/// The dry run of a 2026 design before a second is spent: each run's reservation, its expected
/// charge and memory by the models (the cautious priors: nothing has run yet), the expected
/// wall time with the strategy's concurrency inside the budget, and every rule it would break.
/// For a sequential strategy it covers the opening moves only.
///
/// Expected wall time: runs start in order as soon as a slot (`maxInFlight`) is free and the
/// reservations in flight plus what has been charged fit the budget; each takes its expected
/// runtime plus `startupSeconds` of uncharged start-up.
public struct PlanReport2026: Sendable, Codable {
    public struct Line: Sendable, Codable {
        public var width: Int
        public var layers: Int
        public var batch: Int
        public var peakLR: Double
        public var tokens: Int
        public var reservedSeconds: Double
        public var expectedSeconds: Double
        public var upper95Seconds: Double
        /// What it is expected to be charged: its expected runtime, or its whole reservation
        /// when that runtime passes the reservation (a timeout).
        public var expectedChargeSeconds: Double
        public var memory: String
        /// Every problem of this run, one sentence each.
        public var problems: [String]

        enum CodingKeys: String, CodingKey {
            case width, layers, batch, peakLR = "peak_lr", tokens, reservedSeconds = "reserved_seconds"
            case expectedSeconds = "expected_seconds", upper95Seconds = "upper_95_seconds"
            case expectedChargeSeconds = "expected_charge_seconds", memory, problems
        }
    }

    public var strategy: String
    public var sequential: Bool
    public var budgetSeconds: Double
    public var maxInFlight: Int
    public var lines: [Line]
    public var reservedSeconds: Double
    public var expectedChargeSeconds: Double
    public var expectedWallSeconds: Double
    public var problems: [String]
    public var isRunnable: Bool { problems.isEmpty }

    enum CodingKeys: String, CodingKey {
        case strategy, sequential, budgetSeconds = "budget_seconds", maxInFlight = "max_in_flight", lines
        case reservedSeconds = "reserved_seconds", expectedChargeSeconds = "expected_charge_seconds"
        case expectedWallSeconds = "expected_wall_seconds", problems
    }

    public init(strategy: any Strategy2026, rules: CampaignRules2026 = CampaignRules2026(),
                planning: SecondsPlanning2026 = SecondsPlanning2026(), startupSeconds: Double = 25) throws {
        let configs = try strategy.nextConfigs(CampaignView2026(budgetSeconds: rules.budgetSeconds))
        var lines: [Line] = []
        var problems: [String] = []
        var seen = Set<String>()
        for (i, c) in configs.enumerated() {
            let e = planning.runtime.estimate(c)
            var own: [String] = []
            if let v = rules.violation(of: c) { own.append(v.message) }
            if !seen.insert(c.uniqueID).inserted { own.append("a repeat of an earlier run of the design") }
            if e.expectedSeconds > c.maxRuntimeSeconds {
                own.append("expected to time out: \(Int(e.expectedSeconds)) s expected, \(Int(c.maxRuntimeSeconds)) s reserved")
            } else if e.upper95Seconds > c.maxRuntimeSeconds {
                own.append("may time out: the runtime's upper bound \(Int(e.upper95Seconds)) s passes the \(Int(c.maxRuntimeSeconds)) s reserved")
            }
            let verdict = planning.memory.check(c)
            let memory: String
            switch verdict {
            case .fits(let b): memory = "fits (\(String(format: "%.0f", b / 1e9)) GB)"
            case .uncertain(let b): memory = "uncertain (\(String(format: "%.0f", b / 1e9)) GB)"; own.append("may run out of memory (about \(String(format: "%.0f", b / 1e9)) GB)")
            case .exceeds(let b, let limit): memory = "exceeds (\(String(format: "%.0f", b / 1e9)) GB)"; own.append("runs out of memory: about \(String(format: "%.0f", b / 1e9)) GB, over \(String(format: "%.0f", limit / 1e9)) GB")
            }
            let a = c.architecture
            problems += own.map { "run \(i + 1) (d=\(a.hiddenSize), L=\(a.numHiddenLayers), batch \(c.trainBatchSize)): \($0)" }
            lines.append(Line(width: a.hiddenSize, layers: a.numHiddenLayers, batch: c.trainBatchSize, peakLR: c.optimizer.peakLearningRate,
                              tokens: c.totalTrainTokens, reservedSeconds: c.maxRuntimeSeconds, expectedSeconds: e.expectedSeconds,
                              upper95Seconds: e.upper95Seconds,
                              expectedChargeSeconds: e.expectedSeconds > c.maxRuntimeSeconds ? c.maxRuntimeSeconds : max(1, e.expectedSeconds),
                              memory: memory, problems: own))
        }
        let charge = lines.reduce(0) { $0 + $1.expectedChargeSeconds }
        if charge > rules.budgetSeconds {
            problems.append("over budget: the design is expected to be charged \(Int(charge)) s of the \(Int(rules.budgetSeconds)) s")
        }
        if configs.isEmpty { problems.append("the design proposes no runs") }
        // Expected wall time: list scheduling under the slots and the budget.
        var clock = 0.0, settled = 0.0
        var running: [(end: Double, reserved: Double, charge: Double)] = []
        for l in lines where l.reservedSeconds <= rules.budgetSeconds {
            while running.count >= max(1, strategy.maxInFlight)
                    || settled + running.reduce(0, { $0 + $1.reserved }) + l.reservedSeconds > rules.budgetSeconds {
                guard let first = running.indices.min(by: { running[$0].end < running[$1].end }) else { break }
                clock = max(clock, running[first].end)
                settled += running[first].charge
                running.remove(at: first)
            }
            if settled + running.reduce(0, { $0 + $1.reserved }) + l.reservedSeconds > rules.budgetSeconds { break }
            running.append((clock + startupSeconds + min(l.expectedSeconds, l.reservedSeconds), l.reservedSeconds, l.expectedChargeSeconds))
        }
        let wall = running.map(\.end).max().map { max($0, clock) } ?? clock
        self.strategy = strategy.name
        sequential = strategy.isSequential
        budgetSeconds = rules.budgetSeconds
        maxInFlight = strategy.maxInFlight
        self.lines = lines
        reservedSeconds = lines.reduce(0) { $0 + $1.reservedSeconds }
        expectedChargeSeconds = charge
        expectedWallSeconds = wall
        self.problems = problems
    }
}
