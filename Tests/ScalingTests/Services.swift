import Scaling

/// A service that fails any query: a replayed campaign must not ask one.
struct RefusingService: QueryAnswering {
    func answer(_ query: Query) async throws -> Run { throw PlanError("asked again: \(query)") }
}
