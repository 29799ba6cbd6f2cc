import Foundation
import IngestPipeline

/// Prints `ingest extract` results in the chosen format, records in SPEC's field order.
struct ExtractOutput {
    let format: ExtractCommand.Format

    func begin() {
        if format == .json { print("[", terminator: "") }
    }

    func end() {
        if format == .json { print("\n]") }
    }

    func write(input: String, result: Result<Article, ExtractFailure>, first: Bool) {
        switch format {
        case .jsonl:
            print(ExtractOutput.record(input: input, result: result, separator: ""))
        case .json:
            print(first ? "\n  " : ",\n  ", terminator: "")
            print(ExtractOutput.record(input: input, result: result, separator: "\n    "), terminator: "")
        case .text:
            print(ExtractOutput.readable(input: input, result: result))
        }
    }

    /// One JSON object with SPEC's fields in SPEC's order; `separator` goes before each field.
    static func record(input: String, result: Result<Article, ExtractFailure>, separator: String) -> String {
        let article: Article
        switch result {
        case .success(let extracted): article = extracted
        case .failure(let failure): article = Article(kind: .notArticle, reason: "failed: \(failure)")
        }
        let meta = article.metadata
        let fields: [(String, String?)] = [
            ("input", input), ("kind", article.kind.rawValue), ("reason", article.reason),
            ("title", meta.title), ("text", article.text), ("author", meta.author),
            ("published", meta.published), ("modified", meta.modified), ("site", meta.site),
            ("url", article.canonicalURL), ("language", meta.language), ("description", meta.description),
        ]
        let body = fields.map { separator + json($0.0) + ": " + ($0.1.map(json) ?? "null") }
        return "{" + body.joined(separator: ",") + (separator.isEmpty ? "" : "\n  ") + "}"
    }

    /// A header of metadata lines, a blank line, then the text.
    static func readable(input: String, result: Result<Article, ExtractFailure>) -> String {
        switch result {
        case .failure(let message):
            return "== \(input)\nfailed: \(message)\n"
        case .success(let article):
            var lines = ["== \(input)", "kind: \(article.kind.rawValue)" + (article.reason.map { " (\($0))" } ?? "")]
            let meta = article.metadata
            let optional: [(String, String?)] = [
                ("title", meta.title), ("author", meta.author),
                ("published", meta.published), ("modified", meta.modified), ("site", meta.site),
                ("url", article.canonicalURL), ("language", meta.language),
            ]
            for (name, value) in optional { if let value { lines.append("\(name): \(value)") } }
            return lines.joined(separator: "\n") + "\n\n" + article.text + "\n"
        }
    }

    /// A JSON string literal; U+2028/2029 escaped too, for output pasted into JavaScript.
    static func json(_ text: String) -> String {
        JSONString.literal(text, escapingLineSeparators: true)
    }
}
