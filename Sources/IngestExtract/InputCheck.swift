import Foundation
import IngestCore
import IngestMarkup

/// Checks on the bytes as received, before any decoding: empty, too large, binary, a feed,
/// data or code that is no page.
/// They must see the raw bytes: decoded as windows-1252, a PNG loses its magic number and
/// most of its control bytes, and reads as text.
enum InputCheck {
    /// Why the bytes cannot be a page, or `nil` when they may be HTML. `encoding` is the
    /// bytes' charset label, `contentType` the HTTP header (`nil` for a file).
    static func refusal(for bytes: [UInt8], encoding: String?, contentType: String?, maxBytes: Int) -> String? {
        if bytes.allSatisfy({ $0 <= 0x20 }) { return "empty page" }
        if bytes.count > maxBytes { return "page too large (\(bytes.count) bytes, limit \(maxBytes))" }
        if let format = binaryFormat(bytes, encoding: encoding) { return "not HTML (\(format))" }
        if let source = sourceKind(bytes, contentType: contentType) { return "\(source), not an article page: add it to feeds.json" }
        if let type = contentType.map(mediaType), let name = nonPageType(type) { return "not HTML (\(name))" }
        if isJSON(bytes) {
            // A JSON Feed names its version by the spec's address.
            return bytes.firstRange(of: "jsonfeed.org/version".utf8) != nil ? "a feed, not an article page: add it to feeds.json" : "not HTML (JSON data)"
        }
        return nil
    }

    /// A content type's media type, lower-case, without parameters ("text/html; charset=utf-8" → "text/html").
    static func mediaType(_ contentType: String) -> String {
        String(contentType.prefix { $0 != ";" }).trimmingCharacters(in: CharacterSetLite(" \t")).lowercased()
    }

    /// What a media type that is never an article page is: data, code, styles or media that a
    /// feed, a redirect or a user's URL can lead to, and that the HTML parser would read as one
    /// long paragraph. Plain text and XML (XHTML may be served so) are left to the parser.
    static func nonPageType(_ type: String) -> String? {
        switch type {
        case "application/json", "text/json": return "JSON data"
        case "application/javascript", "text/javascript", "application/x-javascript", "application/ecmascript", "text/ecmascript":
            return "JavaScript"
        case "text/css": return "a CSS stylesheet"
        default:
            if type.hasSuffix("+json") { return "JSON data" }
            return ["image/", "audio/", "video/", "font/"].contains(where: type.hasPrefix) ? type : nil
        }
    }

    /// Whether the bytes are a JSON document: one starts with `{` or `[`, which no HTML page
    /// does, and parses as JSON (a text that only opens with a bracket stays text).
    static func isJSON(_ bytes: [UInt8]) -> Bool {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard let first = bytes[start...].first(where: { $0 > 0x20 }), first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return false }
        return (try? JSONSerialization.jsonObject(with: Data(bytes[start...]), options: [.fragmentsAllowed])) != nil
    }

    /// Names a binary format from its magic bytes, or says "binary data" when the start of
    /// the file holds more control bytes than a text page does.
    static func binaryFormat(_ bytes: [UInt8], encoding: String? = nil) -> String? {
        let magic: [(prefix: [UInt8], name: String)] = [
            ([0x89, 0x50, 0x4E, 0x47], "PNG image"), ([0xFF, 0xD8, 0xFF], "JPEG image"),
            ([0x47, 0x49, 0x46, 0x38], "GIF image"), ([0x25, 0x50, 0x44, 0x46], "PDF document"),
            ([0x50, 0x4B, 0x03, 0x04], "ZIP archive"), ([0x1F, 0x8B], "gzip data"),
            ([0x52, 0x49, 0x46, 0x46], "RIFF media"), ([0x00, 0x00, 0x00], "binary data"),
        ]
        for (prefix, name) in magic where bytes.starts(with: prefix) { return name }
        // UTF-16 text has a NUL in every other byte; it is still text, decoded later.
        if Document.isUTF16(bytes, encoding: encoding) { return nil }
        let head = bytes.prefix(1024)
        let control = head.filter { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20) }.count
        // Over 1 in 32: random bytes have 1 in 10, while a page may hold a stray NUL or two.
        return control * 32 > head.count ? "binary data" : nil
    }

    /// Feed media types; RSS 1.0 is often served as RDF.
    static let feedTypes: Set<String> = [
        "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json",
    ]

    /// "a feed" when the bytes are an RSS, RSS 1.0 or Atom feed, "a sitemap" when they are a
    /// sitemap or a sitemap index (by the root element, after an optional BOM, XML
    /// declaration, stylesheet instruction, comments and doctype), or "a feed" when they are
    /// served with a feed's content type: sources for feeds.json, which the HTML parser would
    /// take for a short page.
    static func sourceKind(_ bytes: [UInt8], contentType: String?) -> String? {
        if let contentType, feedTypes.contains(mediaType(contentType)) { return "a feed" }
        var rest = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        while true {
            rest = rest.drop { $0 == 0x20 || (0x09...0x0D).contains($0) }
            let end: String
            if rest.starts(with: "<?".utf8) { end = "?>" }
            else if rest.starts(with: "<!--".utf8) { end = "-->" }
            else if rest.starts(with: "<!".utf8) {
                // A doctype; one with an internal subset (<!DOCTYPE rss [ … ]>) ends at "]>".
                let declaration = rest.prefix { $0 != UInt8(ascii: ">") }
                end = declaration.contains(UInt8(ascii: "[")) ? "]>" : ">"
            } else { break }
            guard let close = rest.firstRange(of: end.utf8) else { return nil }
            rest = rest[close.upperBound...]
        }
        guard rest.first == UInt8(ascii: "<") else { return nil }
        let name = rest.dropFirst().prefix { $0 > 0x20 && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: "/") }
        // Atom may carry a prefix (<atom:feed>), RSS 1.0 always does (<rdf:RDF>).
        switch name.split(separator: UInt8(ascii: ":")).last.map({ String(decoding: $0, as: UTF8.self) }) {
        case "rss", "feed", "RDF": return "a feed"
        case "urlset", "sitemapindex": return "a sitemap"
        default: return nil
        }
    }

    /// The bytes unchanged when they are valid UTF-8, else with every bad sequence replaced
    /// by U+FFFD, so that libxml2 neither stops nor falls back to Latin-1 half-way.
    static func validUTF8(_ bytes: [UInt8]) -> [UInt8] {
        UTF8Bytes.isValid(bytes) ? bytes : Array(String(decoding: bytes, as: UTF8.self).utf8)
    }
}
