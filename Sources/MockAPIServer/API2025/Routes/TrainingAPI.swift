import Foundation
import Scaling
import SyntheticTrainer

/// The training API's behaviour, independent of HTTP: a request (path and raw query string) in,
/// a response (status, body) out. The Hummingbird server and the in-process transport both call
/// `respond`, so the two give identical answers by construction.
///
/// ```swift
/// let api = TrainingAPI(oracle: oracle, ledger: try Ledger(budget: oracle.rules.budget))
/// api.respond(path: "/total_flops_used", rawQuery: "api_key=abc").body   // "0.0"
/// ```
public struct TrainingAPI: HTTPService {
    public let oracle: any LossOracle
    public let ledger: Ledger
    public let keys: KeyPolicy
    public var rules: APIRules { oracle.rules }
    /// `/openapi.json` and `/docs` (Swagger UI over the plain page), written once from the rules served.
    let openAPI: String
    let docs: SwaggerUI

    public init(oracle: any LossOracle, ledger: Ledger, keys: KeyPolicy = .anyNonEmpty) {
        self.oracle = oracle
        self.ledger = ledger
        self.keys = keys
        openAPI = OpenAPIDocument.json(rules: oracle.rules)
        docs = SwaggerUI(title: "CS336 training API (2025)", fallback: DocsPage.html(document: openAPI))
    }

    /// Answers one request: GET only; any other method (HEAD included, as FastAPI does: a HEAD
    /// of /loss must not charge a run whose answer it drops) gets 405 with `Allow: GET`.
    public func respond(to request: TransportRequest) -> APIResponse {
        guard request.method == .get else {
            return APIResponse(status: StatusCodes.methodNotAllowed, headers: [.init("Allow", "GET")],
                               body: WireFormat.messageBody("Method Not Allowed: the API answers GET only"))
        }
        return respond(path: request.path, rawQuery: Substring(request.query))
    }

    /// `{"message": ...}`, as every other refusal of this API.
    public func errorResponse(status: Int, message: String) -> APIResponse { .message(status, message) }

    /// Answers one GET request. `rawQuery` is the URL's query string, still percent-encoded.
    public func respond(path: String, rawQuery: Substring) -> APIResponse {
        switch path {
        case WireFormat.lossPath, WireFormat.totalFlopsUsedPath, WireFormat.previousRunsPath:
            let parameters = QueryString.parameters(rawQuery)
            guard let key = parameters["api_key"] else {
                return .message(StatusCodes.malformed, "missing query parameter api_key")
            }
            guard keys.admits(key) else {
                return .message(StatusCodes.invalidKey, "Invalid API key provided: \(key)")
            }
            return answer(path: path, key: key, parameters: parameters)
        case "/openapi.json":
            return APIResponse(status: 200, body: openAPI)
        default:
            if let page = docs.response(path: path) { return page }
            return .message(StatusCodes.notFound, "Not Found: \(path); the API serves /loss, /total_flops_used, /previous_runs, /openapi.json and /docs")
        }
    }

    private func answer(path: String, key: String, parameters: [String: String]) -> APIResponse {
        switch path {
        case WireFormat.totalFlopsUsedPath:
            return APIResponse(status: 200, body: WireFormat.totalFlopsUsedBody(ledger.spent(key)))
        case WireFormat.previousRunsPath:
            return APIResponse(status: 200, body: WireFormat.previousRunsBody(ledger.runs(key)))
        default:
            let query: Query
            let spelled: [String: String]
            switch LossParameters.query(from: parameters) {
            case .success(let parsed): (query, spelled) = parsed
            case .failure(let error): return .message(StatusCodes.malformed, error.message)
            }
            if let violation = rules.violations(of: query).first {
                var message = violation.message
                if let raw = spelled[violation.parameter], let got = message.range(of: ", got ", options: .backwards) {
                    message = message[..<got.upperBound] + raw
                }
                return .message(StatusCodes.outOfRange, message)
            }
            do {
                let (run, total) = try ledger.answer(key: key, query: query, loss: oracle.observedLoss)
                return APIResponse(status: 200, body: WireFormat.lossBody(loss: run.loss, totalFlopsUsed: total))
            } catch let refusal as BudgetExceeded {
                return .message(StatusCodes.budgetExceeded, refusal.description)
            } catch let broken as NonFiniteLoss {
                return .message(500, broken.description)
            } catch {
                return .message(StatusCodes.storageFailure, "the server could not store the run, nothing was charged: \(error)")
            }
        }
    }
}

extension APIResponse {
    /// `{"message": ...}` with `status`: the 2025 API's error body.
    static func message(_ status: Int, _ text: String) -> APIResponse {
        APIResponse(status: status, body: WireFormat.messageBody(text))
    }
}
