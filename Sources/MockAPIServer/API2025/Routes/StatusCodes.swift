/// The status codes the mock answers with, in one place (README documents the same table).
public enum StatusCodes {
    /// A value outside the accepted range, or a `train_flops` not in the allowed list (as live).
    public static let outOfRange = 404
    /// An unknown (or empty) API key: `{"message": "Invalid API key provided: <key>"}`.
    public static let invalidKey = 401
    /// The query would take the key past its budget; nothing is charged.
    public static let budgetExceeded = 403
    /// A parameter is missing, not a number, NaN or infinite (FastAPI's validation status).
    public static let malformed = 422
    /// An unknown path.
    public static let notFound = 404
    /// A method other than GET.
    public static let methodNotAllowed = 405
    /// The state file could not be written: nothing was charged, the client may retry.
    public static let storageFailure = 503
}
