/// One pydantic model being validated from a JSON object (pydantic-core's `model-fields`
/// validator in lax mode, `extra="forbid"`): the declared fields are read in declaration order,
/// each failure collected (a missing required field reports the whole enclosing object as
/// `input`), then every undeclared key is reported as `extra_forbidden` in the client's order.
/// A value that is not an object is one `model_attributes_type` error.
struct ModelInput {
    let loc: [JSONValue]
    let raw: JSONValue
    private let members: [JSONMember]
    private(set) var issues: [ValidationIssue] = []
    /// Int fields whose value is beyond `Int` but passed their bounds (see `Lax.WideInt`).
    private(set) var unrepresentable: [ValidationIssue] = []

    /// `nil` (with the issue appended to `issues`) when `raw` is not an object.
    static func open(_ raw: JSONValue, at loc: [JSONValue], issues: inout [ValidationIssue]) -> ModelInput? {
        guard case .object(let members) = raw else {
            issues.append(.modelAttributesType(at: loc, input: raw))
            return nil
        }
        return ModelInput(loc: loc, raw: raw, members: members)
    }

    private init(loc: [JSONValue], raw: JSONValue, members: [JSONMember]) {
        self.loc = loc
        self.raw = raw
        self.members = members
    }

    func value(_ key: String) -> JSONValue? { members.first(where: { $0.key == key })?.value }

    /// Reads one declared field; `nil` when it failed (its issues recorded) or is missing
    /// without a default.
    mutating func field<T>(
        _ key: String, default fallback: T? = nil,
        _ validate: (JSONValue, [JSONValue]) -> Result<T, [ValidationIssue]>
    ) -> T? {
        guard let v = value(key) else {
            if let fallback { return fallback }
            issues.append(.missing(at: loc + [.string(key)], enclosing: raw))
            return nil
        }
        switch validate(v, loc + [.string(key)]) {
        case .success(let t): return t
        case .failure(let e):
            issues += e
            return nil
        }
    }

    mutating func float(_ key: String, default fallback: Double? = nil, bounds: [FloatBound] = []) -> Double? {
        field(key, default: fallback) { v, at in
            Lax.double(v, at: at).mapError { [$0] }.flatMap { d in
                for b in bounds where !b.admits(d) { return .failure([b.issue(at: at, input: v)]) }
                return .success(d)
            }
        }
    }

    /// `float | None`: `null` is `nil`, anything else a float.
    mutating func optionalFloat(_ key: String, default fallback: Double?) -> Double?? {
        field(key, default: .some(fallback)) { v, at in
            v == .null ? .success(nil) : Lax.double(v, at: at).map(Optional.some).mapError { [$0] }
        }
    }

    mutating func int(_ key: String, default fallback: Int? = nil, bounds: [IntBound] = []) -> Int? {
        var overflow: ValidationIssue? = nil
        let result: Int? = field(key, default: fallback) { v, at in
            Lax.int(v, at: at).mapError { [$0] }.flatMap { w in
                for b in bounds where !b.admits(w.saturated) { return .failure([b.issue(at: at, input: v)]) }
                if !w.fitsInt { overflow = .intParsingSize(at: at, input: v) }
                return .success(w.saturated)
            }
        }
        if let overflow { unrepresentable.append(overflow) }
        return result
    }

    mutating func bool(_ key: String) -> Bool? {
        field(key) { v, at in Lax.bool(v, at: at).mapError { [$0] } }
    }

    /// A nested model field; its own unrepresentable ints are carried up.
    mutating func model<T>(_ key: String, default fallback: T? = nil,
                           _ validate: (JSONValue, [JSONValue]) -> ModelResult<T>) -> T? {
        var carried: [ValidationIssue] = []
        let t: T? = field(key, default: fallback) { v, at in
            let r = validate(v, at)
            carried = r.unrepresentable
            return r.result
        }
        unrepresentable += carried
        return t
    }

    /// Appends `extra_forbidden` for every key not in `declared`; returns all issues so far.
    mutating func finish(declared: [String]) -> [ValidationIssue] {
        for m in members where !declared.contains(m.key) {
            issues.append(.extraForbidden(at: loc + [.string(m.key)], input: m.value))
        }
        return issues
    }
}

/// A model's outcome plus the int fields it could not hold (beyond Int64) though pydantic
/// accepted them.
struct ModelResult<T> {
    var result: Result<T, [ValidationIssue]>
    var unrepresentable: [ValidationIssue] = []
}

/// A field constraint on a float (`Field(ge=1, le=43200)`): compared as `!(x >= bound)`, so NaN
/// fails it.
struct FloatBound {
    var kind: ValidationIssue.BoundKind
    var value: Double
    /// The bound as written in the schema (`43200`, `1`, `0`), which pydantic's message shows.
    var shown: String

    func admits(_ x: Double) -> Bool {
        kind.admits(x, value)
    }

    func issue(at loc: [JSONValue], input: JSONValue) -> ValidationIssue {
        .bound(kind, at: loc, input: input, shown: shown, ctx: .double(value))
    }
}

/// A field constraint on an int (`Field(gt=0, le=500_000_000_000)`).
struct IntBound {
    var kind: ValidationIssue.BoundKind
    var value: Int

    func admits(_ x: Int) -> Bool {
        kind.admits(x, value)
    }

    func issue(at loc: [JSONValue], input: JSONValue) -> ValidationIssue {
        .bound(kind, at: loc, input: input, shown: String(value), ctx: .int(value))
    }
}
