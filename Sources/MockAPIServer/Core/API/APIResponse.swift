import Scaling

/// An answer of the training API, independent of how it travels (HTTP or in process).
public struct APIResponse: Sendable, Hashable {
    public var status: Int
    public var contentType: String
    public var body: String

    public init(status: Int, contentType: String = "application/json", body: String) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// `{"message": ...}` with `status`.
    public static func message(_ status: Int, _ text: String) -> APIResponse {
        APIResponse(status: status, body: WireFormat.messageBody(text))
    }
}
