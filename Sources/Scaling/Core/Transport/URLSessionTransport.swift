import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Real HTTP through Foundation's `URLSession` (libcurl on Linux), to the mock server on loopback
/// or to the live service. It contacts exactly the base URL it is given, nothing else.
///
/// On Linux `URLSession` honours `http_proxy`; keep `127.0.0.1` and `localhost` in `no_proxy`.
public struct URLSessionTransport: Transport {
    public let baseURL: URL
    let session: URLSession

    /// `timeout` bounds one request (seconds); a timeout is a transient failure.
    public init(baseURL: URL, timeout: TimeInterval = 30) {
        self.baseURL = baseURL
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        self.session = URLSession(configuration: configuration)
    }

    public func send(_ outgoing: TransportRequest) async throws(TransportError) -> TransportResponse {
        let path = outgoing.path, query = outgoing.query
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + path + (query.isEmpty ? "" : "?" + query)) else {
            throw TransportError(transient: false, mayHaveBeenDelivered: false,
                                 description: "cannot form a URL from '\(base)' and '\(path)'")
        }
        var request = URLRequest(url: url)
        request.httpMethod = outgoing.method.rawValue
        for h in outgoing.headers { request.addValue(h.value, forHTTPHeaderField: h.name) }
        if !outgoing.body.isEmpty { request.httpBody = outgoing.body }
        do {
            let (data, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else {
                throw TransportError(transient: true, mayHaveBeenDelivered: true,
                                     description: "\(base)\(path): the answer was not HTTP")
            }
            let headers = http.allHeaderFields.compactMap { name, value -> TransportRequest.Header? in
                guard let n = name as? String else { return nil }
                return TransportRequest.Header(n, "\(value)")
            }.sorted { $0.name.lowercased() < $1.name.lowercased() }
            return TransportResponse(status: http.statusCode, headers: headers, body: data)
        } catch let error as TransportError {
            throw error
        } catch let error as URLError {
            throw Self.classify(error, target: base + path)
        } catch {
            throw TransportError(transient: false, mayHaveBeenDelivered: true,
                                 description: "\(base)\(path): \(error)")
        }
    }

    /// Which URL errors are worth another try, and whether the request may have arrived.
    static func classify(_ error: URLError, target: String) -> TransportError {
        let what = "\(target): \(error.localizedDescription) (URLError \(error.code.rawValue))"
        switch error.code {
        case .cannotConnectToHost:
            return TransportError(transient: true, mayHaveBeenDelivered: false, description: what)
        case .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet:
            // The network is down or its name service is: nothing was sent, and it may come back.
            return TransportError(transient: true, mayHaveBeenDelivered: false, description: what)
        case .unsupportedURL, .badURL, .userAuthenticationRequired, .userCancelledAuthentication, .appTransportSecurityRequiresSecureConnection:
            return TransportError(transient: false, mayHaveBeenDelivered: false, description: what)
        default:
            // Timeouts, lost connections, bodies cut short (libcurl's URLError -1, unknown), bad
            // answers: worth another try within the retry time, after checking /previous_runs.
            return TransportError(transient: true, mayHaveBeenDelivered: true, description: what)
        }
    }
}
