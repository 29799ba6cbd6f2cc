import Foundation
import IngestCore

/// One story as a document of its own (`ingest export --format txt|md --output DIR`), like
/// trafilatura's `-o`: `txt` is the title and the text; `md` adds the record's fields as YAML
/// front matter (values JSON-quoted, which YAML reads as they are) and the title as a heading.
enum StoryDocument {
    /// The file name of a story's document: its id, kept to `[A-Za-z0-9_-]` (other bytes as
    /// `%XX`) so that no id can name another directory, plus the format's extension.
    static func fileName(id: String, format: ExportOptions.Format) -> String {
        var name = ""
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                name.append(Character(Unicode.Scalar(byte)))
            default:
                name += String(format: "%%%02X", byte)
            }
        }
        return name + "." + format.rawValue
    }

    /// The document's bytes: `txt` or `md` (other formats are records, not documents).
    static func render(_ story: ExportStory, format: ExportOptions.Format) -> Data {
        let rep = story.representative, meta = rep.metadata
        let title = meta.title ?? ""
        guard format == .md else { return Data(((title.isEmpty ? "" : title + "\n\n") + rep.text + "\n").utf8) }
        var lines = ["---"]
        func field(_ key: String, _ value: String?) { lines.append("\(key): " + (value.map { JSONString.literal($0, escapingLineSeparators: true) } ?? "null")) }
        field("id", story.id)
        field("title", meta.title)
        field("author", meta.author)
        field("url", rep.url)
        field("site", meta.site)
        field("language", meta.language)
        field("published", meta.published)
        field("published_utc", meta.publishedUTC)
        field("first_seen", story.firstSeen)
        field("updated", story.updated)
        lines.append("revision: \(story.revision)")
        if story.deleted { lines.append("deleted: true") }
        lines.append("copies:")
        for copy in story.copies {
            lines.append("  - url: " + JSONString.literal(copy.url, escapingLineSeparators: true))
            lines.append("    source: " + JSONString.literal(copy.source, escapingLineSeparators: true))
            if copy.deleted { lines.append("    deleted: true") }
        }
        lines.append("---")
        lines.append("")
        if !title.isEmpty { lines += ["# " + title.replacingOccurrences(of: "\n", with: " "), ""] }
        let paragraphs = rep.text.components(separatedBy: "\n\n").map(escapingBlockMarker)
        return Data((lines.joined(separator: "\n") + "\n" + paragraphs.joined(separator: "\n\n") + "\n").utf8)
    }

    /// A paragraph that would start a Markdown block (a heading, quote, list item, rule or
    /// fence) gets a backslash before that marker, so the text stays a paragraph.
    static func escapingBlockMarker(_ paragraph: String) -> String {
        guard let first = paragraph.first else { return paragraph }
        if "#>-+*=_`~|".contains(first) { return "\\" + paragraph }
        let digits = paragraph.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9, let next = paragraph.dropFirst(digits.count).first, next == "." || next == ")" {
            return digits + "\\" + paragraph.dropFirst(digits.count)
        }
        return paragraph
    }
}
