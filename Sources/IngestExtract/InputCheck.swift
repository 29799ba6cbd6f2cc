import IngestCore
import IngestMarkup

/// Checks on the bytes as received, before any decoding: empty, too large, binary, a feed.
/// They must see the raw bytes: decoded as windows-1252, a PNG loses its magic number and
/// most of its control bytes, and reads as text.
enum InputCheck {
    /// Why the bytes cannot be a page, or `nil` when they may be HTML. `encoding` is the
    /// bytes' charset label, `contentType` the HTTP header (`nil` for a file).
    static func refusal(for bytes: [UInt8], encoding: String?, contentType: String?, maxBytes: Int) -> String? {
        if bytes.allSatisfy({ $0 <= 0x20 }) { return "empty page" }
        if bytes.count > maxBytes { return "page too large (\(bytes.count) bytes, limit \(maxBytes))" }
        if let format = binaryFormat(bytes, encoding: encoding) { return "not HTML (\(format))" }
        if isFeed(bytes, contentType: contentType) { return "a feed, not an article page: add it to feeds.json" }
        return nil
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

    /// Whether the bytes are an RSS, RSS 1.0 or Atom feed (by the root element, after an
    /// optional BOM, XML declaration, stylesheet instruction, comments and doctype), or are
    /// served with a feed's content type. The HTML parser would take one for a short page.
    static func isFeed(_ bytes: [UInt8], contentType: String?) -> Bool {
        let mediaType = contentType.map { String($0.prefix { $0 != ";" }).trimmingCharacters(in: CharacterSetLite(" \t")) }
        if let mediaType, feedTypes.contains(mediaType.lowercased()) { return true }
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
            guard let close = rest.firstRange(of: end.utf8) else { return false }
            rest = rest[close.upperBound...]
        }
        guard rest.first == UInt8(ascii: "<") else { return false }
        let name = rest.dropFirst().prefix { $0 > 0x20 && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: "/") }
        // Atom may carry a prefix (<atom:feed>), RSS 1.0 always does (<rdf:RDF>).
        let local = name.split(separator: UInt8(ascii: ":")).last.map { String(decoding: $0, as: UTF8.self) }
        return local == "rss" || local == "feed" || local == "RDF"
    }

    /// The bytes unchanged when they are valid UTF-8, else with every bad sequence replaced
    /// by U+FFFD, so that libxml2 neither stops nor falls back to Latin-1 half-way.
    static func validUTF8(_ bytes: [UInt8]) -> [UInt8] {
        UTF8Bytes.isValid(bytes) ? bytes : Array(String(decoding: bytes, as: UTF8.self).utf8)
    }
}
