import Foundation

/// The interactive `/docs` page of both servers: Swagger UI 5.31.0, bundled with the package as
/// a SwiftPM resource (`Core/API/SwaggerUI/`, Apache 2.0) and served from the server itself, so
/// the page needs no network: `/docs` is the page, `/docs/swagger-ui-bundle.js` and
/// `/docs/swagger-ui.css` its assets, and it reads the server's own `/openapi.json`.
///
/// The page also carries the plain rendering of the document (`DocsPage`) inside `<noscript>`,
/// so a browser without JavaScript, or curl, still reads every endpoint. When the resource bundle
/// cannot be found (a `harness` binary copied away from its `.resources` folder) `/docs` is that
/// plain page alone and the assets answer 404 with a note: never a trap.
///
/// ```swift
/// let ui = SwaggerUI(title: "CS336 training API", fallback: DocsPage.html(document: openAPI))
/// ui.response(path: "/docs")                       // text/html, loads /docs/swagger-ui-bundle.js
/// ui.response(path: "/docs/swagger-ui.css")        // text/css
/// ui.response(path: "/loss")                       // nil: not a docs path
/// ```
public struct SwaggerUI: Sendable {
    /// An asset: its file in the bundle and its content type.
    struct Asset: Sendable {
        var file: String
        var contentType: String
    }

    static let assets: [String: Asset] = [
        "/docs/swagger-ui-bundle.js": Asset(file: "swagger-ui-bundle.js", contentType: "text/javascript; charset=utf-8"),
        "/docs/swagger-ui.css": Asset(file: "swagger-ui.css", contentType: "text/css; charset=utf-8"),
        "/docs/LICENSE": Asset(file: "LICENSE", contentType: "text/plain; charset=utf-8"),
    ]

    /// The folder holding the bundled files, or nil when it cannot be found.
    public static let folder: URL? = {
        // SwiftPM puts a target's resources in PACKAGE_TARGET.resources beside the executable
        // (Linux) or in PACKAGE_TARGET.bundle (macOS); Bundle.module would trap when it is missing.
        let names = ["ScalingHarness_MockAPIServer.resources", "ScalingHarness_MockAPIServer.bundle"]
        var roots = [Bundle.main.bundleURL, Bundle.main.bundleURL.appendingPathComponent("Contents/Resources")]
        if let executable = Bundle.main.executableURL { roots.append(executable.deletingLastPathComponent()) }
        for root in roots {
            for name in names {
                for sub in ["SwaggerUI", "Contents/Resources/SwaggerUI"] {
                    let url = root.appendingPathComponent(name).appendingPathComponent(sub)
                    if FileManager.default.fileExists(atPath: url.appendingPathComponent("swagger-ui-bundle.js").path) { return url }
                }
            }
        }
        return nil
    }()

    /// The bundled files' contents, read once (nil: not found).
    static let contents: [String: String]? = {
        guard let folder else { return nil }
        var files: [String: String] = [:]
        for asset in assets.values {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(asset.file).path) else { return nil }
            files[asset.file] = String(decoding: data, as: UTF8.self)
        }
        return files
    }()

    /// Whether the interactive page can be served.
    public static var available: Bool { contents != nil }

    public var title: String
    /// The plain page: shown inside `<noscript>`, and alone when the bundle is missing.
    public var fallback: String
    /// Where the page reads the OpenAPI document.
    public var documentPath: String

    public init(title: String, fallback: String, documentPath: String = "/openapi.json") {
        (self.title, self.fallback, self.documentPath) = (title, fallback, documentPath)
    }

    /// The page's HTML.
    public var page: String {
        guard Self.available else { return fallback }
        let plain = Self.body(of: fallback)
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(DocsPage.escape(title)) - Swagger UI</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="stylesheet" href="/docs/swagger-ui.css">
            <style>body{margin:0}</style>
            </head><body>
            <div id="swagger-ui"></div>
            <noscript>\(plain)</noscript>
            <script src="/docs/swagger-ui-bundle.js"></script>
            <script>
            window.ui = SwaggerUIBundle({url: "\(documentPath)", dom_id: "#swagger-ui", deepLinking: true,
              presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout", tryItOutEnabled: false,
              validatorUrl: null});
            </script>
            </body></html>
            """
    }

    /// The answer to a docs path (`/docs` or one of its assets); nil for any other path.
    public func response(path: String) -> APIResponse? {
        if path == "/docs" { return APIResponse(status: 200, contentType: "text/html; charset=utf-8", body: page) }
        guard let asset = Self.assets[path] else { return nil }
        guard let body = Self.contents?[asset.file] else {
            return APIResponse(status: 404, contentType: "text/plain; charset=utf-8",
                               body: "Swagger UI's files were not found beside the harness executable (ScalingHarness_MockAPIServer.resources); /docs serves the plain page")
        }
        return APIResponse(status: 200, contentType: asset.contentType, body: body)
    }

    /// What lies between `<body>` and `</body>` of a page (the whole page when it has no body tag).
    static func body(of html: String) -> String {
        guard let start = html.range(of: "<body>"), let end = html.range(of: "</body>", range: start.upperBound..<html.endIndex) else { return html }
        return String(html[start.upperBound..<end.lowerBound])
    }
}
