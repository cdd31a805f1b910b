/// How FastAPI 0.135.3 turns a request body into the value its pydantic model validates, and
/// which failures come before authentication (docs/api-2026-contract.md §1.2; FastAPI's
/// `get_request_handler`, checked against `probes/auth.txt` and `probes/validation.txt`).
///
/// | body | FastAPI | answered |
/// |---|---|---|
/// | empty (whatever the content type), or JSON `null` | `missing` at `["body"]`, input `null` | after auth (field validation) |
/// | content type `application/json` or `application/*+json` (parameters ignored, case-insensitive) | `json.loads` | — |
/// | … that does not parse | 422 `json_invalid` at `["body", offset]` | **before** auth |
/// | … whose bytes do not decode, or with an int literal over 4300 digits | 400 `{"detail":"There was an error parsing the body"}` | **before** auth |
/// | any other content type, or none (FastAPI's `strict_content_type` default) | the raw bytes: `model_attributes_type` with the body as a string | after auth |
/// | … whose bytes are not UTF-8 | FastAPI cannot encode the error's input: 500 `Internal Server Error` | after auth |
///
/// `probes/auth.txt` shows malformed JSON without a key getting 422 (so parsing is first) and a
/// bad key with a bad body getting 401; `probes/validation.txt` shows the empty body and the
/// `text/plain` and missing content types as the field errors above.
public enum RequestBody2026 {
    /// The 400 body FastAPI answers when `json.loads` fails with something other than a
    /// `JSONDecodeError`.
    public static let parseErrorBody = #"{"detail":"There was an error parsing the body"}"#
    /// The body of the real app's unhandled 500 (content type `text/plain; charset=utf-8`).
    public static let internalServerErrorBody = "Internal Server Error"

    public static func read(body: [UInt8], contentType: String?) -> BodyReading {
        guard !body.isEmpty else { return .empty }
        guard let contentType, isJSONContentType(contentType) else { return .notJSON(body) }
        do {
            return .json(try JSONText.parse(body))
        } catch {
            switch error.kind {
            case .decodeError: return .failure([.jsonInvalid(offset: error.offset, message: error.message)])
            case .otherError: return .unparseable
            }
        }
    }

    /// Python's `email.message.Message` reading of a `Content-Type` (the part before the first
    /// `;`, lowercased and stripped, exactly one `/`), then FastAPI's test: main type
    /// `application`, subtype `json` or ending in `+json`.
    public static func isJSONContentType(_ value: String) -> Bool {
        let beforeParameters = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let lowered = Lax.asciiLowercased(String(beforeParameters))
        let type = String(String.UnicodeScalarView(Lax.trimmed(lowered)))
        let parts = type.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "application" else { return false }
        return parts[1] == "json" || parts[1].hasSuffix("+json")
    }
}

/// A request body as FastAPI holds it before the route's model sees it.
public enum BodyReading: Hashable, Sendable {
    /// `json.loads` gave this value.
    case json(JSONValue)
    /// No bytes at all.
    case empty
    /// Bytes FastAPI did not parse (not a JSON content type).
    case notJSON([UInt8])
    /// Malformed JSON: the one `json_invalid` issue. A 422, answered **before** authentication.
    case failure([ValidationIssue])
    /// `json.loads` raised something else: 400 with `RequestBody2026.parseErrorBody`,
    /// answered **before** authentication.
    case unparseable

    /// Whether FastAPI answers this before it checks the API key (`failure` and `unparseable`).
    public var isAnsweredBeforeAuth: Bool {
        switch self {
        case .failure, .unparseable: true
        case .json, .empty, .notJSON: false
        }
    }

    /// What model validation starts from (after authentication): the parsed value, or the
    /// errors FastAPI reports instead for an empty or non-JSON body. `.failure` and
    /// `.unparseable` come back as their own answers (`.unprocessable` and `.badRequest`).
    public var validationInput: Result<JSONValue, BodyRejection> {
        switch self {
        // FastAPI takes a body that parses to `None` for an absent one.
        case .json(.null), .empty: return .failure(.unprocessable([.missing(at: ["body"], enclosing: .null)]))
        case .json(let v): return .success(v)
        case .notJSON(let bytes):
            // FastAPI's encoder writes the bytes with `bytes.decode()` (strict UTF-8).
            guard let text = String(validatingUTF8Strictly: bytes) else { return .failure(.internalServerError) }
            return .failure(.unprocessable([.modelAttributesType(at: ["body"], input: .string(text))]))
        case .failure(let issues): return .failure(.unprocessable(issues))
        case .unparseable: return .failure(.badRequest)
        }
    }
}

/// A body the route never gets to validate.
public enum BodyRejection: Error, Hashable, Sendable {
    /// 422 `{"detail":[...]}` (write with `ValidationIssue.detailText`; `nil` there means 500).
    case unprocessable([ValidationIssue])
    /// 400 `RequestBody2026.parseErrorBody`.
    case badRequest
    /// 500 `RequestBody2026.internalServerErrorBody` as text/plain.
    case internalServerError
}

extension String {
    /// Strict UTF-8 (no encoded surrogates), as Python's `bytes.decode()`; `nil` otherwise.
    init?(validatingUTF8Strictly bytes: [UInt8]) {
        guard let scalars = try? PythonTextDecoding.utf8(bytes[...]),
              !scalars.contains(where: { (0xD800...0xDFFF).contains($0) })
        else { return nil }
        var view = String.UnicodeScalarView()
        for s in scalars { view.append(Unicode.Scalar(s)!) }
        self = String(view)
    }
}

/// `GET /experiment/{experiment_id}`'s path parameter (a pydantic `int`, lax): the same string
/// rules as an int field (`"00012"`, `"+5"`, `" 7"`, `"1_000"`, `"1.0"` are ids; `"abc"`,
/// `"1e3"` are 422 `int_parsing` at `["path","experiment_id"]`). The id is checked after
/// authentication. The path arrives percent-decoded (Starlette decodes it first).
public enum PathParameter2026 {
    /// The id, or `nil` for an integer beyond Int64: pydantic accepts it, then the database
    /// query overflows and the real app answers 500 `Internal Server Error` (text/plain).
    /// Zero and negative ids are valid here; the route answers them 404 `not found`.
    public static func experimentID(_ raw: String) -> Result<Int64?, [ValidationIssue]> {
        switch Lax.int(.string(raw), at: ["path", "experiment_id"]) {
        case .success(let w): return .success(w.fitsInt ? Int64(w.saturated) : nil)
        case .failure(let issue): return .failure([issue])
        }
    }
}
