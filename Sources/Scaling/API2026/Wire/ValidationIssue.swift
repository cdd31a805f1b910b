/// One entry of a 422's `detail` list, as FastAPI writes pydantic's errors (docs/api-2026-contract.md
/// §1.3): keys `type`, `loc`, `msg`, `input`, then `ctx` only when there is one; no `url`.
///
/// ```swift
/// let issue = ValidationIssue.missing(at: ["body", "train_batch_size"], enclosing: [:])
/// JSONText.python(ValidationIssue.detailBody([issue]))
/// // {"detail":[{"type":"missing","loc":["body","train_batch_size"],"msg":"Field required","input":{}}]}
/// ```
public struct ValidationIssue: Error, Hashable, Sendable {
    public var type: String
    public var loc: [JSONValue]
    public var msg: String
    public var input: JSONValue
    public var ctx: JSONValue?

    public init(type: String, loc: [JSONValue], msg: String, input: JSONValue, ctx: JSONValue? = nil) {
        self.type = type
        self.loc = loc
        self.msg = msg
        self.input = input
        self.ctx = ctx
    }

    /// The entry as FastAPI writes it.
    public var json: JSONValue {
        var members = [
            JSONMember(key: "type", value: .string(type)),
            JSONMember(key: "loc", value: .array(loc)),
            JSONMember(key: "msg", value: .string(msg)),
            JSONMember(key: "input", value: input),
        ]
        if let ctx { members.append(JSONMember(key: "ctx", value: ctx)) }
        return .object(members)
    }

    /// `{"detail":[...]}`, the whole 422 body; write it with `JSONText.pythonCompliant`.
    public static func detailBody(_ issues: [ValidationIssue]) -> JSONValue {
        .object([JSONMember(key: "detail", value: .array(issues.map(\.json)))])
    }

    /// The 422 body's text, or `nil` when Starlette cannot write it (an echoed NaN or
    /// infinity): the real app then answers 500 `Internal Server Error` as text/plain.
    public static func detailText(_ issues: [ValidationIssue]) -> String? {
        JSONText.pythonCompliant(detailBody(issues))
    }

    /// Reads an entry back (a client parsing a 422).
    public init(json: JSONValue) throws(WireDecodingError) {
        let o = try WireObject(json, "validation issue")
        type = try o.string("type")
        loc = try o.array("loc")
        msg = try o.string("msg")
        input = try o.value("input")
        ctx = o.optionalValue("ctx")
    }
}

/// A 422's issue list is the failure of every validation here
/// (`Result<TrainingConfig, [ValidationIssue]>`), so the list itself is an `Error`.
extension Array: @retroactive Error where Element == ValidationIssue {}

// MARK: pydantic's messages (pydantic-core 2.41.5), one constructor per error type used here

extension ValidationIssue {
    static func missing(at loc: [JSONValue], enclosing: JSONValue) -> ValidationIssue {
        ValidationIssue(type: "missing", loc: loc, msg: "Field required", input: enclosing)
    }

    static func extraForbidden(at loc: [JSONValue], input: JSONValue) -> ValidationIssue {
        ValidationIssue(type: "extra_forbidden", loc: loc, msg: "Extra inputs are not permitted", input: input)
    }

    static func modelAttributesType(at loc: [JSONValue], input: JSONValue) -> ValidationIssue {
        ValidationIssue(type: "model_attributes_type", loc: loc,
                        msg: "Input should be a valid dictionary or object to extract fields from", input: input)
    }

    static func intType(at loc: [JSONValue], input: JSONValue) -> ValidationIssue {
        ValidationIssue(type: "int_type", loc: loc, msg: "Input should be a valid integer", input: input)
    }

    static func intParsing(at loc: [JSONValue], input: JSONValue) -> ValidationIssue {
        ValidationIssue(type: "int_parsing", loc: loc,
                        msg: "Input should be a valid integer, unable to parse string as an integer", input: input)
    }

    static func intFromFloat(at loc: [JSONValue], input: JSONValue) -> ValidationIssue {
        ValidationIssue(type: "int_from_float", loc: loc,
                        msg: "Input should be a valid integer, got a number with a fractional part", input: input)
    }

    static func intParsingSize(at loc: [JSONValue], input: JSONValue) -> ValidationIssue {
        ValidationIssue(type: "int_parsing_size", loc: loc,
                        msg: "Unable to parse input string as an integer, exceeded maximum size", input: input)
    }

    static func finiteNumber(at loc: [JSONValue], input: JSONValue) -> ValidationIssue {
        ValidationIssue(type: "finite_number", loc: loc, msg: "Input should be a finite number", input: input)
    }

    static func floatType(at loc: [JSONValue], input: JSONValue) -> ValidationIssue {
        ValidationIssue(type: "float_type", loc: loc, msg: "Input should be a valid number", input: input)
    }

    static func floatParsing(at loc: [JSONValue], input: JSONValue) -> ValidationIssue {
        ValidationIssue(type: "float_parsing", loc: loc,
                        msg: "Input should be a valid number, unable to parse string as a number", input: input)
    }

    static func boolType(at loc: [JSONValue], input: JSONValue) -> ValidationIssue {
        ValidationIssue(type: "bool_type", loc: loc, msg: "Input should be a valid boolean", input: input)
    }

    static func boolParsing(at loc: [JSONValue], input: JSONValue) -> ValidationIssue {
        ValidationIssue(type: "bool_parsing", loc: loc,
                        msg: "Input should be a valid boolean, unable to interpret input", input: input)
    }

    static func literalError(at loc: [JSONValue], input: JSONValue, expected: String) -> ValidationIssue {
        ValidationIssue(type: "literal_error", loc: loc, msg: "Input should be \(expected)", input: input,
                        ctx: .object([JSONMember(key: "expected", value: .string(expected))]))
    }

    /// A bound check. `shown` is the bound as the schema declares it (the message prints it
    /// that way: `43200`); `ctx` holds it converted to the field's type (`43200.0` for a float
    /// field, `0` for an int field).
    static func bound(_ kind: BoundKind, at loc: [JSONValue], input: JSONValue, shown: String, ctx: JSONValue) -> ValidationIssue {
        ValidationIssue(type: kind.rawValue, loc: loc, msg: "Input should be \(kind.phrase) \(shown)", input: input,
                        ctx: .object([JSONMember(key: kind.ctxKey, value: ctx)]))
    }

    /// A model validator's `ValueError`: `ctx.error` is the exception, which FastAPI's encoder
    /// writes as `{}`.
    static func valueError(at loc: [JSONValue], message: String, input: JSONValue) -> ValidationIssue {
        ValidationIssue(type: "value_error", loc: loc, msg: "Value error, \(message)", input: input,
                        ctx: .object([JSONMember(key: "error", value: .object([]))]))
    }

    /// FastAPI's own entry for a body that does not parse (before authentication).
    static func jsonInvalid(offset: Int, message: String) -> ValidationIssue {
        ValidationIssue(type: "json_invalid", loc: ["body", .int(offset)], msg: "JSON decode error", input: .object([]),
                        ctx: .object([JSONMember(key: "error", value: .string(message))]))
    }

    enum BoundKind: String {
        case gt = "greater_than", ge = "greater_than_equal", lt = "less_than", le = "less_than_equal"
        /// Whether `x` keeps this constraint against `bound`, compared as pydantic does (`x > bound`
        /// and so on), so NaN keeps none.
        func admits<T: Comparable>(_ x: T, _ bound: T) -> Bool {
            switch self {
            case .gt: x > bound
            case .ge: x >= bound
            case .lt: x < bound
            case .le: x <= bound
            }
        }
        var phrase: String {
            switch self {
            case .gt: "greater than"
            case .ge: "greater than or equal to"
            case .lt: "less than"
            case .le: "less than or equal to"
            }
        }
        var ctxKey: String {
            switch self {
            case .gt: "gt"
            case .ge: "ge"
            case .lt: "lt"
            case .le: "le"
            }
        }
    }
}
