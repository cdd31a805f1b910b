import Scaling

/// Where the ledger keeps its runs between restarts.
///
/// `append` must make the run durable before it returns: the ledger answers a query only after
/// its run is stored, so a server stopped at any moment has charged exactly the runs it stored.
public protocol LedgerStore: Sendable {
    /// Every stored run with its key, each key's runs in the order first queried.
    func loadAll() throws -> [(key: String, run: Run)]
    /// Stores `run` as the key's `sequence`-th run (0-based).
    func append(key: String, sequence: Int, run: Run) throws
}

/// Keeps nothing: state lives in the ledger's memory only and ends with the process.
public struct InMemoryLedgerStore: LedgerStore {
    public init() {}
    public func loadAll() throws -> [(key: String, run: Run)] { [] }
    public func append(key: String, sequence: Int, run: Run) throws {}
}
