import Foundation

/// `/docs`: a small self-contained HTML page (no external script, style or font) rendered from
/// an OpenAPI document (2025's `OpenAPIDocument`, 2026's live one): each endpoint and method (GET,
/// POST) with its parameters and its answers, then a link to the raw document.
enum DocsPage {
    static func html(document: String) -> String {
        let object = (try? JSONSerialization.jsonObject(with: Data(document.utf8))) as? [String: Any] ?? [:]
        let info = object["info"] as? [String: Any] ?? [:]
        let paths = object["paths"] as? [String: Any] ?? [:]
        var body = "<h1>\(escape(info["title"] as? String ?? "API"))</h1>\n<p>\(escape(info["description"] as? String ?? ""))</p>\n"
        for path in paths.keys.sorted() {
            for method in ["get", "post"] {
                guard let operation = (paths[path] as? [String: Any])?[method] as? [String: Any] else { continue }
                body += "<h2>\(method.uppercased()) \(escape(path))</h2>\n<p>\(escape(operation["summary"] as? String ?? ""))</p>\n"
                body += "<table><tr><th>parameter</th><th>schema</th><th>notes</th></tr>\n"
                for case let p as [String: Any] in operation["parameters"] as? [Any] ?? [] {
                    let schema = (try? JSONSerialization.data(withJSONObject: p["schema"] ?? [:], options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? ""
                    body += "<tr><td><code>\(escape(p["name"] as? String ?? ""))</code></td><td><code>\(escape(schema))</code></td><td>\(escape(p["description"] as? String ?? ""))</td></tr>\n"
                }
                body += "</table>\n<table><tr><th>status</th><th>meaning</th></tr>\n"
                let responses = operation["responses"] as? [String: Any] ?? [:]
                for code in responses.keys.sorted() {
                    let text = (responses[code] as? [String: Any])?["description"] as? String ?? ""
                    body += "<tr><td>\(escape(code))</td><td>\(escape(text))</td></tr>\n"
                }
                body += "</table>\n"
            }
        }
        body += "<h2>OpenAPI document</h2>\n<p><a href=\"/openapi.json\">/openapi.json</a></p>\n"
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(info["title"] as? String ?? "API"))</title>
            <style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}code{font-size:90%}</style>
            </head><body>
            \(body)</body></html>
            """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
