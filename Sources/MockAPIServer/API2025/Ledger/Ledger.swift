import Scaling
import Synchronization

/// Every key's runs and spending: the server's single source of truth about money.
///
/// A key's spending is the sum of `train_flops` over its distinct queries. A repeated query
/// returns the stored run and costs nothing; a new query is charged only if the total stays at
/// or below `budget`, and its run is stored (durably, when the store is a file) before the answer
/// leaves. Each key has its own lock, held from the check to the store, so concurrent requests of
/// one key can neither charge a query twice nor pass the cap together; different keys never wait
/// for each other except for the instant of finding their account.
public final class Ledger: Sendable {
    public let budget: Int64
    let store: any LedgerStore
    private let accounts: Mutex<[ExactKey: Account]>

    final class Account: Sendable {
        let state: Mutex<State>
        init(cap: Int64) { state = Mutex(State(budget: Budget(cap: FLOPs(cap)))) }
    }

    struct State {
        var runs: [Run] = []
        var index: [Query: Int] = [:]
        /// Charged once per distinct query; nothing is ever reserved (answers are instant).
        var budget: Budget<FLOPs>
        var spent: Int64 { budget.settled.value }
    }

    /// Loads every key's runs from `store`.
    public init(store: any LedgerStore = InMemoryLedgerStore(), budget: Int64) throws {
        self.budget = budget
        self.store = store
        var loaded: [ExactKey: Account] = [:]
        for (key, run) in try store.loadAll() {
            let account = loaded[ExactKey(key)] ?? Account(cap: budget)
            loaded[ExactKey(key)] = account
            account.state.withLock { s in
                s.index[run.query] = s.runs.count
                s.runs.append(run)
                s.budget.charge(FLOPs(run.trainFlops))
            }
        }
        accounts = Mutex(loaded)
    }

    /// The key's account; keys are told apart byte for byte (`ExactKey`), never by `String`
    /// equality, which would merge keys written with differently composed accents.
    private func account(_ key: String) -> Account {
        let exact = ExactKey(key)
        return accounts.withLock { all in
            if let a = all[exact] { return a }
            let a = Account(cap: budget)
            all[exact] = a
            return a
        }
    }

    /// FLOPs the key has spent (0 for a key never seen).
    public func spent(_ key: String) -> Int64 {
        accounts.withLock { $0[ExactKey(key)] }?.state.withLock { $0.spent } ?? 0
    }

    /// The key's runs in the order first queried.
    public func runs(_ key: String) -> [Run] {
        accounts.withLock { $0[ExactKey(key)] }?.state.withLock { $0.runs } ?? []
    }

    /// The run for `query` and the key's total after it. A known query is answered from the
    /// ledger for free; a new one is charged, its loss taken from `loss`, and stored first.
    /// Throws `BudgetExceeded` (nothing charged) or the store's error (nothing charged).
    public func answer(key: String, query: Query, loss: (Query) -> Double) throws -> (run: Run, totalFlopsUsed: Int64) {
        try account(key).state.withLock { s in
            if let i = s.index[query] { return (s.runs[i], s.spent) }
            guard s.budget.canReserve(FLOPs(query.trainFlops)) else {
                throw BudgetExceeded(budget: budget, used: s.spent, requested: query.trainFlops)
            }
            let value = loss(query)
            // A loss that is not finite is not an answer (`inf` is not JSON): nothing is charged.
            guard value.isFinite else { throw NonFiniteLoss(value: value) }
            let run = Run(configuration: query.configuration, trainFlops: query.trainFlops, loss: value)
            try store.append(key: key, sequence: s.runs.count, run: run)
            s.index[query] = s.runs.count
            s.runs.append(run)
            s.budget.charge(FLOPs(query.trainFlops))
            return (run, s.spent)
        }
    }
}

/// The truth gave a loss that is not a finite number; the query was not charged.
public struct NonFiniteLoss: Error, CustomStringConvertible {
    public let value: Double
    public var description: String { "the scenario's truth gave the loss \(value), which is not a finite number; nothing was charged" }
}
