
/// The HTTP client answers a campaign's queries (journalled before use, retried, budget-checked).
extension TrainingAPIClient: QueryAnswering {
    public func answer(_ query: Query) async throws -> Run { try await loss(query).run }
}
