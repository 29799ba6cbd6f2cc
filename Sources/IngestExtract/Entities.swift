/// Decodes HTML character references left in metadata values, and reads the text of markup
/// held in them. Pages often escape twice ("&amp;#8217;" in a `content` attribute), so
/// decoding runs until nothing changes (twice at most).
enum Entities {
    static let named: [Substring: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "ndash": "–", "mdash": "—", "hellip": "…", "rsquo": "’", "lsquo": "‘", "ldquo": "“", "rdquo": "”",
        "laquo": "«", "raquo": "»", "copy": "©", "reg": "®", "trade": "™", "eacute": "é", "egrave": "è",
    ]

    /// The text of a markup value (a JSON-LD `articleBody`, an author's bio): tags out,
    /// entities decoded first (some pages escape the markup too: "&lt;p&gt;").
    /// A tag opens with "<" and a letter, "/" or "!", so "a < b" stays text. With
    /// `breaksBlocks` a block's tag (`</p>`, `<br>`, `</li>`…) becomes a line break, else a space.
    static func text(ofMarkup value: String, breaksBlocks: Bool = false) -> String {
        // Scalar by scalar: tags and entities are ASCII, and a page's JSON-LD may hold megabytes.
        var text = String.UnicodeScalarView(), tag = String.UnicodeScalarView()
        var inTag = false, previous: Unicode.Scalar = " "
        for scalar in Entities.decode(value).unicodeScalars {
            defer { previous = scalar }
            if inTag {
                if scalar == ">" {
                    inTag = false
                    let name = String(String(tag).lowercased().drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber })
                    // Inline markup joins its text to what is around it ("<a>map</a>.").
                    if blockTags.contains(name) { text.append(breaksBlocks ? "\n" : " ") }
                } else if tag.count < 16 {
                    tag.append(scalar)  // the name is all that is read
                }
            } else if previous == "<", scalar.properties.isAlphabetic || scalar == "/" || scalar == "!" {
                text.removeLast()
                inTag = true
                tag = String.UnicodeScalarView([scalar])
            } else {
                text.append(scalar)
            }
        }
        return String(text)
    }

    static let blockTags: Set<String> = ["p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "figure", "ul", "ol"]

    static func decode(_ text: String) -> String {
        var current = text
        for _ in 0..<2 {
            guard current.contains("&") else { return current }
            let next = decodeOnce(current)
            if next == current { return current }
            current = next
        }
        return current
    }

    private static func decodeOnce(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.prefix(10).firstIndex(of: ";") else {
                out += "&"
                rest = after
                continue
            }
            let name = after[..<semicolon]
            if let value = character(for: name) {
                out += value
            } else {
                out += "&" + name + ";"
            }
            rest = after[after.index(after: semicolon)...]
        }
        return out + rest
    }

    private static func character(for name: Substring) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        return named[name]
    }
}
