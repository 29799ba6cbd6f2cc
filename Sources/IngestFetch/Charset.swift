import IngestCore

/// Charset detection and transcoding to UTF-8 for fetched HTML, independent of the network.
///
/// Detection follows the browser order (byte-order mark, then the HTTP `Content-Type`
/// charset, then a `<meta>` prescan of the first 1024 bytes, then "is it valid UTF-8?",
/// then a guess from the bytes, windows-1252 unless another charset reads clearly better:
/// `CharsetGuess`), except that valid multi-byte UTF-8 beats a label (`detect`). Labels are normalised the way the WHATWG Encoding standard does
/// (`latin1`, `iso-8859-1` and `ascii` all mean windows-1252).
///
///     let (utf8, charset) = Charset.decode(bytes, contentType: "text/html; charset=koi8-r")
public enum Charset {
    /// The canonical name of UTF-8, as returned by detection.
    public static let utf8 = "UTF-8"
    /// The fallback for unlabelled bytes that are not valid UTF-8.
    public static let fallback = "windows-1252"

    /// Detects the charset and transcodes `bytes` to UTF-8 (BOM removed, invalid
    /// sequences replaced by U+FFFD). Never fails.
    public static func decode(_ bytes: [UInt8], contentType: String?) -> (utf8: [UInt8], charset: String) {
        let charset = detect(bytes, contentType: contentType)
        return (transcode(bytes, from: charset), charset)
    }

    /// The charset of `bytes`: BOM → UTF-8 when they are valid UTF-8 with multi-byte
    /// sequences → `Content-Type` charset → `<meta>` prescan → an XML declaration's
    /// `encoding` (feeds, XHTML) → UTF-8 if valid → a guess (`CharsetGuess`: windows-1252
    /// unless another legacy charset reads clearly better). Always a canonical WHATWG name.
    ///
    /// Valid multi-byte UTF-8 beats a label, as Python's extractors decode: text in a legacy
    /// charset (windows-1252, GBK, Shift_JIS) almost never forms valid UTF-8 sequences, while
    /// pages that moved to UTF-8 and kept an old label (a template's `charset=gb2312`, a
    /// server's default `charset=ISO-8859-1`) are common, and read in that label garble
    /// every non-ASCII letter. For the same reason a windows-1252 label (`ISO-8859-1`,
    /// `ascii`: servers' and templates' old default) gives way to bytes that read clearly
    /// better in another legacy charset (`CharsetGuess`): Cyrillic or Chinese text under
    /// a default Latin-1 header; and a UTF-8 label on bytes without a single UTF-8 sequence
    /// gives way to the guess too.
    public static func detect(_ bytes: [UInt8], contentType: String?) -> String {
        if let bom = BOM.sniff(bytes) { return bom.charset }
        let utf8Kind = UTF8Bytes.kind(of: bytes)
        if utf8Kind == .multibyte { return utf8 }
        func checked(_ name: String) -> String {
            guard utf8Kind == .invalid else { return name }
            // A UTF-8 label on bytes with no UTF-8 sequence at all is a template's, over text
            // in a legacy charset: read as UTF-8, every letter of it would be lost to U+FFFD.
            if name == utf8 { return UTF8Bytes.hasMultibyteSequence(bytes) ? name : CharsetGuess.guess(bytes) }
            return name == fallback ? CharsetGuess.guess(bytes) : name
        }
        if let contentType, let label = parameter("charset", in: contentType), let name = normalize(label) {
            return checked(name)
        }
        if let label = MetaPrescan.charsetLabel(in: bytes), let name = normalize(label) {
            // A <meta> cannot honestly declare UTF-16: the bytes were read as ASCII to find it.
            return name.hasPrefix("UTF-16") ? utf8 : checked(name)
        }
        if let label = xmlDeclarationEncoding(bytes), let name = normalize(label), !name.hasPrefix("UTF-16") {
            return checked(name)
        }
        switch utf8Kind {
        case .invalid: return CharsetGuess.guess(bytes)
        case .ascii where CharsetGuess.isISO2022JP(bytes): return "ISO-2022-JP"
        default: return utf8
        }
    }

    /// The `encoding` of an `<?xml … ?>` declaration at the very start of `bytes`.
    static func xmlDeclarationEncoding(_ bytes: [UInt8]) -> String? {
        guard bytes.starts(with: "<?xml".utf8), let end = bytes.prefix(MetaPrescan.window).firstIndex(of: UInt8(ascii: ">")) else {
            return nil
        }
        var scanner = ByteScanner(Array(bytes[5..<end]))
        while let (name, value) = scanner.attribute() {
            if name == "encoding" { return value }
        }
        return nil
    }

    /// Transcodes `bytes` in `charset` (any label) to UTF-8. A leading BOM is dropped;
    /// invalid sequences become U+FFFD; an unknown charset is read as windows-1252.
    public static func transcode(_ bytes: [UInt8], from charset: String) -> [UInt8] {
        let name = normalize(charset) ?? fallback
        var body = bytes[...]
        if let bom = BOM.sniff(bytes), bom.charset == name { body = body.dropFirst(bom.length) }
        if name == utf8 { return Array(String(decoding: body, as: UTF8.self).utf8) }
        return Iconv.toUTF8(Array(body), from: name) ?? Iconv.toUTF8(Array(body), from: fallback) ?? []
    }

    /// The canonical WHATWG name for a label (`"latin1"` → `"windows-1252"`), or `nil`
    /// for a label no browser knows.
    public static func normalize(_ label: String) -> String? {
        let key = label.trimmingASCIIWhitespace().lowercased()
        return labels[key]
    }

    /// Whether `bytes` are well-formed UTF-8 (no overlongs, surrogates or truncation).
    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        UTF8Bytes.isValid(bytes)
    }

    /// The value of `name=` in a header such as `text/html; charset="utf-8"`.
    static func parameter(_ name: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingASCIIWhitespace().lowercased() == name else { continue }
            let value = pair[1].trimmingASCIIWhitespace()
            let unquoted = value.trimmingQuotes()
            return unquoted.isEmpty ? nil : unquoted
        }
        return nil
    }
}

/// A byte-order mark at the start of a body.
struct BOM {
    let charset: String
    let length: Int

    static func sniff(_ bytes: [UInt8]) -> BOM? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return BOM(charset: Charset.utf8, length: 3) }
        if bytes.starts(with: [0xFE, 0xFF]) { return BOM(charset: "UTF-16BE", length: 2) }
        if bytes.starts(with: [0xFF, 0xFE]) { return BOM(charset: "UTF-16LE", length: 2) }
        return nil
    }
}

extension StringProtocol where UTF8View: BidirectionalCollection {
    /// Without leading and trailing ASCII whitespace (space, tab, CR, LF, FF); works on
    /// UTF-8 bytes, so it is cheap enough for every header line.
    func trimmingASCIIWhitespace() -> String { trimming { $0.isASCIISpace } }

    /// Without leading and trailing quote characters.
    func trimmingQuotes() -> String { trimming { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") } }

    private func trimming(_ drop: (UInt8) -> Bool) -> String {
        let bytes = utf8
        guard let start = bytes.firstIndex(where: { !drop($0) }) else { return "" }
        let end = bytes.lastIndex(where: { !drop($0) })!
        return String(decoding: bytes[start...end], as: UTF8.self)
    }
}

extension FetchResponse {
    /// The body transcoded from `charset` (detected now when unknown) to UTF-8.
    public func utf8Body() -> [UInt8] {
        Charset.transcode(body, from: charset ?? Charset.detect(body, contentType: contentType))
    }
}
