/// The WHATWG `<meta>` prescan, simplified: the charset label declared by the first
/// `<meta charset>` or `<meta http-equiv="content-type" content="…charset=…">` in the
/// first 1024 bytes, skipping comments and other tags without being fooled by a `>` in
/// a quoted attribute. Past those bytes it goes on through the page's head: a browser's
/// parser still changes the encoding for a `<meta>` it meets there (the standard's "change
/// the encoding"), and a quarter of the legacy-charset pages of the check sets declare
/// theirs after a long head of scripts and styles.
enum MetaPrescan {
    static let window = 1024
    /// How far the head is read at most for a later `<meta>`.
    static let headWindow = 64 * 1024

    static func charsetLabel(in bytes: [UInt8]) -> String? {
        let input = Array(bytes.prefix(headWindow))
        var scanner = ByteScanner(input)
        while let lt = scanner.next(of: UInt8(ascii: "<")) {
            scanner.position = lt + 1
            if scanner.hasPrefix("!--") {
                guard let end = scanner.find("-->") else { return nil }
                scanner.position = end + 3
            } else if scanner.hasPrefixIgnoringCase("meta"), scanner.isSpaceOrSlash(at: scanner.position + 4) {
                scanner.position += 4
                if let label = metaCharset(&scanner) { return label }
            } else if lt >= window, scanner.hasPrefixIgnoringCase("body") {
                return nil  // past the prescan's bytes, the head is over
            } else if let byte = scanner.peek, byte.isASCIILetter || byte == UInt8(ascii: "/") {
                scanner.position += 1
                while scanner.attribute() != nil {}
            } else if let byte = scanner.peek, byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") {
                guard let end = scanner.next(of: UInt8(ascii: ">")) else { return nil }
                scanner.position = end + 1
            }
        }
        return nil
    }

    private static func metaCharset(_ scanner: inout ByteScanner) -> String? {
        var charset: String?
        var httpEquivContentType = false
        var contentCharset: String?
        while let (name, value) = scanner.attribute() {
            switch name {
            case "charset" where charset == nil: charset = value
            case "http-equiv": httpEquivContentType = value == "content-type"
            case "content" where contentCharset == nil: contentCharset = charsetInContent(value)
            default: break
            }
        }
        if let charset, !charset.isEmpty { return charset }
        return httpEquivContentType ? contentCharset : nil
    }

    /// WHATWG "extracting a character encoding from a meta element": `charset`, spaces,
    /// `=`, spaces, then a quoted value or one ending at a space or `;`.
    static func charsetInContent(_ content: String) -> String? {
        var rest = Substring(content.lowercased())
        while let range = rest.range(of: "charset") {
            rest = rest[range.upperBound...].drop(while: \.isWhitespace)
            guard rest.first == "=" else { continue }
            rest = rest.dropFirst().drop(while: \.isWhitespace)
            if let quote = rest.first, quote == "\"" || quote == "'" {
                let body = rest.dropFirst()
                guard let close = body.firstIndex(of: quote) else { return nil }
                return String(body[..<close])
            }
            let value = rest.prefix { !$0.isWhitespace && $0 != ";" }
            return value.isEmpty ? nil : String(value)
        }
        return nil
    }
}

/// A cursor over ASCII-ish bytes with the WHATWG "get an attribute" step.
struct ByteScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    func next(of byte: UInt8) -> Int? {
        bytes[min(position, bytes.count)...].firstIndex(of: byte)
    }

    func find(_ text: String) -> Int? {
        let needle = Array(text.utf8)
        var index = position
        while index + needle.count <= bytes.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    func hasPrefix(_ text: String) -> Bool {
        bytes[min(position, bytes.count)...].starts(with: text.utf8)
    }

    func hasPrefixIgnoringCase(_ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard position + needle.count <= bytes.count else { return false }
        return zip(bytes[position...], needle).allSatisfy { $0.asciiLowercased == $1 }
    }

    func isSpaceOrSlash(at index: Int) -> Bool {
        index < bytes.count && (bytes[index].isASCIISpace || bytes[index] == UInt8(ascii: "/"))
    }

    /// The next attribute as lower-cased (name, value), or `nil` at the tag's `>` or the end.
    mutating func attribute() -> (String, String)? {
        while let byte = peek, byte.isASCIISpace || byte == UInt8(ascii: "/") { position += 1 }
        guard let first = peek, first != UInt8(ascii: ">") else {
            if peek != nil { position += 1 }
            return nil
        }
        var name = [UInt8]()
        while let byte = peek, !byte.isASCIISpace, byte != UInt8(ascii: "/"), byte != UInt8(ascii: ">") {
            if byte == UInt8(ascii: "="), !name.isEmpty { break }
            name.append(byte.asciiLowercased)
            position += 1
        }
        while let byte = peek, byte.isASCIISpace { position += 1 }
        guard peek == UInt8(ascii: "=") else { return (String(decoding: name, as: UTF8.self), "") }
        position += 1
        while let byte = peek, byte.isASCIISpace { position += 1 }
        var value = [UInt8]()
        if let quote = peek, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            position += 1
            while let byte = peek, byte != quote { value.append(byte.asciiLowercased); position += 1 }
            position += 1
        } else {
            while let byte = peek, !byte.isASCIISpace, byte != UInt8(ascii: ">") {
                value.append(byte.asciiLowercased)
                position += 1
            }
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }
}

extension UInt8 {
    var isASCIISpace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0C || self == 0x0D }
    var isASCIILetter: Bool { (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
    var asciiLowercased: UInt8 { (0x41...0x5A).contains(self) ? self + 0x20 : self }
}
