/// A JSON value as the 2026 service sees it: Python's `json.loads` result, kept in the client's
/// key order and with the client's number types, so that a 422's echoed `input` can be written
/// back exactly (`128` stays `128`, `128.0` stays `128.0`, keys stay where the client put them).
///
/// * `int` holds an integer literal that fits `Int`; `bigInt` holds a longer one as its decimal
///   digits (with a leading `-` when negative), because Python's ints have no bound.
/// * `double` holds every literal with a fraction or an exponent, and Python's `NaN`,
///   `Infinity` and `-Infinity`.
/// * `object` keeps its members in order. Python's dict keeps a duplicated key where it first
///   appeared, with the last value; `JSONText.parse` builds objects that way.
///
/// ```swift
/// let v = try JSONText.parse(Array(#"{"a": 1, "b": [2.5, null]}"#.utf8))
/// v["a"]            // .int(1)
/// v["b"]?[1]        // .null
/// JSONText.python(v) // {"a":1,"b":[2.5,null]}
/// ```
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    /// An integer literal beyond `Int`: its decimal digits, `-` first when negative, no leading zeros.
    case bigInt(String)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// The value of `key` in an object (the first member with that key), `nil` otherwise.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    /// The element at `index` of an array, `nil` when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The members of an object, `nil` for any other value.
    public var objectMembers: [JSONMember]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements of an array, `nil` for any other value.
    public var arrayElements: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The text of a string, `nil` for any other value.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// An object from key-value pairs in the given order (keys are not deduplicated).
    public static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { JSONMember(key: $0.key, value: $0.value) })
    }

    /// A float, or `null` for `nil` (the wire's `float | None`).
    public static func double(_ value: Double?) -> JSONValue {
        value.map(JSONValue.double) ?? .null
    }

    /// The Python type name `json.loads` gives this value (`dict`, `list`, `str`, `int`,
    /// `float`, `bool`, `NoneType`), for messages.
    public var pythonTypeName: String {
        switch self {
        case .null: "NoneType"
        case .bool: "bool"
        case .int, .bigInt: "int"
        case .double: "float"
        case .string: "str"
        case .array: "list"
        case .object: "dict"
        }
    }

    /// Whether a NaN or an infinity occurs anywhere inside. Starlette writes JSON with
    /// `allow_nan=False`, so a 422 whose `input` holds one cannot be written: the real app
    /// answers a plain-text 500 instead (`JSONText.pythonCompliant` returns `nil`).
    public var containsNonFiniteDouble: Bool {
        switch self {
        case .double(let d): !d.isFinite
        case .array(let items): items.contains(where: \.containsNonFiniteDouble)
        case .object(let members): members.contains(where: \.value.containsNonFiniteDouble)
        default: false
        }
    }
}

/// One `key: value` pair of a JSON object.
public struct JSONMember: Hashable, Sendable {
    public var key: String
    public var value: JSONValue

    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Members in the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.map { JSONMember(key: $0.0, value: $0.1) })
    }
}
