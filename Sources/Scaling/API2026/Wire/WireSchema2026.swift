/// The version switch of the 2026 schema (docs/api-2026-contract.md, version note): 26.0.1 bounds
/// `max_runtime_seconds` by 43,200 s (`le=60*60*12`); 26.0.2 (2026-05-04) removed that bound
/// "to allow 48 hour final submission" (`ge=1` stays). Nothing else on the wire changed.
///
/// ```swift
/// WireSchema2026(version: "26.0.1")?.maxRuntimeUpperBound  // 43200.0
/// WireSchema2026.current == .v26_0_2                       // true
/// ```
public struct WireSchema2026: Hashable, Sendable {
    /// The version string, `26.0.1` or `26.0.2`.
    public var version: String
    /// The `le` bound of `max_runtime_seconds`, `nil` when there is none.
    public var maxRuntimeUpperBound: Double?

    public static let v26_0_1 = WireSchema2026(version: "26.0.1", maxRuntimeUpperBound: 43_200)
    public static let v26_0_2 = WireSchema2026(version: "26.0.2", maxRuntimeUpperBound: nil)
    /// The live service's version, the default of a faithful mock.
    public static let current = v26_0_2
    public static let all = [v26_0_1, v26_0_2]

    public init?(version: String) {
        guard let s = Self.all.first(where: { $0.version == version }) else { return nil }
        self = s
    }

    private init(version: String, maxRuntimeUpperBound: Double?) {
        self.version = version
        self.maxRuntimeUpperBound = maxRuntimeUpperBound
    }
}
