import Foundation
import Ink
import Mustache

/// `report.html`: one self-contained page per run, fit, isoflops answer and tournament: the
/// write-up (Markdown through Ink) with every picture inline (the SVG gnuplot drew, or the PNG as
/// a data URI) and the tables, laid out by a Mustache template. It needs no other file and no
/// network: open it in any browser, or mail it.
///
/// A picture the Markdown names (`![caption](NAME.png)`) is replaced by `NAME.svg` from the same
/// folder when that exists, else by `NAME.png` as a data URI; a missing picture becomes a note.
///
/// ```swift
/// try HTMLReport(title: "Scaling-law write-up", markdown: writeup, folder: folder).write()
/// // folder/report.html
/// ```
struct HTMLReport {
    var title: String
    var markdown: String
    /// Where the pictures are and where report.html goes.
    var folder: URL

    static let template: MustacheTemplate? = try? MustacheTemplate(string: """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <style>
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; line-height: 1.5; color: #222;
               max-width: 60em; margin: 2em auto; padding: 0 1em; }
        h1 { font-size: 1.7em; border-bottom: 1px solid #ddd; padding-bottom: .3em; }
        h2 { font-size: 1.3em; margin-top: 1.8em; }
        table { border-collapse: collapse; margin: 1em 0; display: block; overflow-x: auto; }
        th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: left; vertical-align: top; }
        th { background: #f4f4f4; }
        code { background: #f4f4f4; padding: 0 .2em; border-radius: 3px; }
        blockquote { color: #555; border-left: 4px solid #ddd; margin: 1em 0; padding: 0 1em; }
        figure { margin: 1.5em 0; }
        figure svg, figure img { max-width: 100%; height: auto; }
        figcaption { color: #555; font-size: .9em; }
        .missing { color: #a33; }
        footer { margin-top: 3em; color: #777; font-size: .85em; }
        </style>
        </head>
        <body>
        <main id="report" data-figures="{{figures}}">
        {{{body}}}
        </main>
        <footer>Written by harness {{command}}; every picture is inline, so this page needs no other file.</footer>
        </body>
        </html>
        """)

    /// `![caption](file.png)` as Ink writes it.
    static let imagePattern = try? NSRegularExpression(pattern: #"<img src="([^"/]+)\.png" alt="([^"]*)"/?>"#)

    /// The page.
    func html(command: String) throws -> String {
        var body = MarkdownParser().html(from: Self.literalMarks(markdown))
        var figures = 0
        if let pattern = Self.imagePattern {
            let matches = pattern.matches(in: body, range: NSRange(body.startIndex..., in: body)).reversed()
            for m in matches {
                guard let whole = Range(m.range, in: body), let nameRange = Range(m.range(at: 1), in: body),
                      let captionRange = Range(m.range(at: 2), in: body) else { continue }
                let name = String(body[nameRange]), caption = String(body[captionRange])
                let figure = inline(name: name, caption: caption)
                if figure.drawn { figures += 1 }
                body.replaceSubrange(whole, with: figure.html)
            }
        }
        guard let template = Self.template else { throw HTMLReportError.template }
        return template.render(["title": title, "body": body, "figures": "\(figures)", "command": command])
    }

    /// The write-ups use `_` and `*` as text (N_opt, ln(N_pred / N*)), not as emphasis: outside
    /// code spans and picture lines, an underscore inside a word and a lone asterisk become
    /// character references, so Ink prints them instead of starting italics. `**bold**` stays.
    static func literalMarks(_ markdown: String) -> String {
        var inFence = false
        return markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("```") { inFence.toggle(); return String(line) }
            if inFence || line.hasPrefix("![") || line.hasPrefix("    ") { return String(line) }
            var out = "", inCode = false
            let chars = Array(line)
            for (i, c) in chars.enumerated() {
                if c == "`" { inCode.toggle() }
                let before = i > 0 ? chars[i - 1] : " ", after = i + 1 < chars.count ? chars[i + 1] : " "
                if !inCode && c == "_" && (before.isLetter || before.isNumber) && (after.isLetter || after.isNumber || after == "{") {
                    out += "&#95;"
                } else if !inCode && c == "*" && before != "*" && after != "*" {
                    out += "&#42;"
                } else {
                    out.append(c)
                }
            }
            return out
        }.joined(separator: "\n")
    }

    /// A picture as an inline `<figure>`: its SVG, else its PNG as a data URI, else a note.
    func inline(name: String, caption: String) -> (html: String, drawn: Bool) {
        let svg = folder.appendingPathComponent("\(name).svg"), png = folder.appendingPathComponent("\(name).png")
        let captionHTML = "<figcaption>\(caption)</figcaption>"
        if let data = FileManager.default.contents(atPath: svg.path) {
            var text = String(decoding: data, as: UTF8.self)
            // Drop the XML prolog and doctype: inline SVG is an element of the page.
            if let start = text.range(of: "<svg") { text = String(text[start.lowerBound...]) }
            return ("<figure class=\"plot\" id=\"figure-\(name)\">\(text)\(captionHTML)</figure>", true)
        }
        if let data = FileManager.default.contents(atPath: png.path) {
            return ("<figure class=\"plot\" id=\"figure-\(name)\"><img alt=\"\(caption)\" src=\"data:image/png;base64,\(data.base64EncodedString())\">\(captionHTML)</figure>", true)
        }
        return ("<p class=\"missing\">(picture \(name) was not drawn: see \(name).csv and plot_\(name).py)</p>", false)
    }

    /// Writes `report.html` into the folder.
    @discardableResult
    func write(command: String) throws -> URL {
        let url = folder.appendingPathComponent("report.html")
        try Data(try html(command: command).utf8).write(to: url, options: .atomic)
        return url
    }
}

enum HTMLReportError: Error, CustomStringConvertible {
    case template
    var description: String { "the report's HTML template does not parse (a bug in harness)" }
}
