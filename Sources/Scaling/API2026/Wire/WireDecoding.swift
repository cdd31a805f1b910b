/// Why a response body could not be read into its type: the path of the offending field
/// (`status.val_losses[2]`) and what was wrong.
public struct WireDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }

    /// The same error seen from an enclosing field.
    func nested(under parent: String) -> WireDecodingError {
        WireDecodingError(path: path.isEmpty ? parent : parent + (path.hasPrefix("[") ? "" : ".") + path, problem: problem)
    }
}

/// Strict reading of the service's 2xx objects (what pydantic-core wrote): a field must be
/// present with its own JSON type; ints are accepted where floats are expected (a client may
/// meet `0` from another writer). Unknown keys are ignored, so a newer server stays readable.
struct WireObject {
    let members: [JSONMember]
    let what: String

    init(_ v: JSONValue, _ what: String) throws(WireDecodingError) {
        guard case .object(let m) = v else {
            throw WireDecodingError(path: "", problem: "expected \(what) as a JSON object, got \(v.pythonTypeName)")
        }
        members = m
        self.what = what
    }

    func optionalValue(_ key: String) -> JSONValue? { members.last(where: { $0.key == key })?.value }

    func value(_ key: String) throws(WireDecodingError) -> JSONValue {
        guard let v = optionalValue(key) else {
            throw WireDecodingError(path: key, problem: "missing in \(what)")
        }
        return v
    }

    func string(_ key: String) throws(WireDecodingError) -> String {
        let v = try value(key)
        guard case .string(let s) = v else { throw WireDecodingError(path: key, problem: "expected a string, got \(v.pythonTypeName)") }
        return s
    }

    func bool(_ key: String) throws(WireDecodingError) -> Bool {
        let v = try value(key)
        guard case .bool(let b) = v else { throw WireDecodingError(path: key, problem: "expected true or false, got \(v.pythonTypeName)") }
        return b
    }

    func int(_ key: String) throws(WireDecodingError) -> Int {
        let v = try value(key)
        guard case .int(let i) = v else {
            throw WireDecodingError(path: key, problem: "expected an integer within 64 bits, got \(v.pythonTypeName)")
        }
        return i
    }

    func double(_ key: String) throws(WireDecodingError) -> Double {
        let v = try value(key)
        do { return try WireObject.number(v) } catch { throw error.nested(under: key) }
    }

    /// A float or `null`.
    func optionalDouble(_ key: String) throws(WireDecodingError) -> Double? {
        let v = try value(key)
        if v == .null { return nil }
        do { return try WireObject.number(v) } catch { throw error.nested(under: key) }
    }

    func doubles(_ key: String) throws(WireDecodingError) -> [Double] {
        let v = try value(key)
        guard case .array(let items) = v else { throw WireDecodingError(path: key, problem: "expected an array of numbers, got \(v.pythonTypeName)") }
        var out: [Double] = []
        for (i, item) in items.enumerated() {
            do { out.append(try WireObject.number(item)) } catch { throw error.nested(under: "\(key)[\(i)]") }
        }
        return out
    }

    func array(_ key: String) throws(WireDecodingError) -> [JSONValue] {
        let v = try value(key)
        guard case .array(let items) = v else { throw WireDecodingError(path: key, problem: "expected an array, got \(v.pythonTypeName)") }
        return items
    }

    func timestamp(_ key: String) throws(WireDecodingError) -> Int64 {
        let s = try string(key)
        guard let us = WireTimestamp.microseconds(from: s) else {
            throw WireDecodingError(path: key, problem: "expected an ISO-8601 datetime, got '\(s.prefix(60))'")
        }
        return us
    }

    /// Decodes a nested object, prefixing any error with `key`.
    func nested<T>(_ key: String, _ decode: (JSONValue) throws(WireDecodingError) -> T) throws(WireDecodingError) -> T {
        let v = try value(key)
        do { return try decode(v) } catch { throw error.nested(under: key) }
    }

    /// A JSON number as a Double (`null` is what pydantic-core writes for NaN and infinities;
    /// it is refused here, since none of the service's floats can honestly be one).
    static func number(_ v: JSONValue) throws(WireDecodingError) -> Double {
        switch v {
        case .double(let d): return d
        case .int(let i): return Double(i)
        case .bigInt(let digits): return Double(digits) ?? .infinity
        default: throw WireDecodingError(path: "", problem: "expected a number, got \(v.pythonTypeName)")
        }
    }
}
