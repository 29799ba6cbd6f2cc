#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Document {
    /// The most attributes a start tag keeps. libxml2's HTML parser compares each attribute's
    /// name with every one before it in its tag, so a tag's parse time grows with the square
    /// of its attributes: 100,000 in one tag took 17 s, and one tag filling a 16 MiB page
    /// would take hours. Real tags have far fewer (63 at most over the 2,871 pages of the dev
    /// and check sets, where script text read as markup makes bogus tags of up to 337), so
    /// a tag's attributes past this many are cut before parsing (`mendTags`).
    public static let maxAttributes = 256

    /// Mends start tags before libxml2 reads them: cuts each one's attributes past
    /// `maxAttributes`, keeping its `>` or `/>`; and opens a `<script/>` or `<style/>` that
    /// text follows, as a browser does (HTML has no self-closing script: its code runs up to
    /// `</script>`), where libxml2 closes it at once and the code becomes the page's text.
    /// One a tag follows is left closed: its author meant it so, and a browser's reading would
    /// hide the page up to the next `</script>`.
    ///
    /// Tags are read as libxml2 2.9's HTML parser reads them, so that a cut falls between two
    /// attributes and the tag still ends where it did: a start tag is `<` and a letter; an
    /// attribute is a name (letters, digits, `:-_.`), then `=` and a value quoted with `"` or
    /// `'` (which may hold `>`) or unquoted up to a blank or `>`; any other byte starts a bogus
    /// attribute that runs to a blank or the tag's end. Comments, end tags, processing
    /// instructions, doctypes and the bodies of `<script>` and `<style>` are skipped as the
    /// parser skips them. Input that ends inside a tag, comment or script ends the scan.
    /// libxml2's XML parser checks attributes the same way: with `xml`, for feeds, CDATA
    /// sections are skipped too, processing instructions end at `?>`, and scripts are markup.
    static func mendTags(_ bytes: inout [UInt8], limit: Int = maxAttributes, xml: Bool = false) {
        var cuts: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            var read = 0
            func jump(past needle: [UInt8], from start: Int) -> Int? {
                CodeTrimmer.find(needle, in: buffer, from: start).map { $0 + needle.count }
            }
            while read < count, let found = memchr(base + read, 0x3C, count - read) {
                let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                guard at + 1 < count else { break }
                let next = buffer[at + 1]
                if next == 0x21, at + 3 < count, buffer[at + 2] == 0x2D, buffer[at + 3] == 0x2D {
                    guard let end = jump(past: Array("-->".utf8), from: at + 4) else { break }
                    read = end
                    continue
                }
                if xml, next == 0x21, at + 9 <= count, buffer[at + 2 ..< at + 9].elementsEqual("[CDATA[".utf8) {
                    guard let end = jump(past: Array("]]>".utf8), from: at + 9) else { break }
                    read = end
                    continue
                }
                if xml, next == 0x3F {
                    guard let end = jump(past: Array("?>".utf8), from: at + 2) else { break }
                    read = end
                    continue
                }
                // An end tag, a doctype and a processing instruction run to the next `>`; any
                // other `<!` or `<?` is text.
                if (next == 0x2F && at + 2 < count && isNameStart(buffer[at + 2]))
                    || (next == 0x21 && at + 9 <= count && buffer[at + 2 ..< at + 9].map({ $0 | 0x20 }) == Array("doctype".utf8))
                    || (next == 0x3F && at + 2 < count && isNameStart(buffer[at + 2])) {
                    guard let end = jump(past: [0x3E], from: at + 2) else { break }
                    read = end
                    continue
                }
                guard isAsciiLetter(next) else {
                    read = at + 1
                    continue
                }
                guard let tag = scanStartTag(buffer, nameAt: at + 1, limit: limit) else { break }
                if let cut = tag.cut { cuts.append(cut ..< tag.end) }
                read = tag.end
                guard !xml, let raw = rawTextName(buffer, at + 1) else { continue }
                if buffer[tag.end] == 0x2F {
                    guard let next = (tag.end + 2 ..< count).first(where: { !isBlank(buffer[$0]) }), buffer[next] != 0x3C else { continue }
                    cuts.append(tag.end ..< tag.end + 1)
                }
                // The parser reads a script's or a style's body as text up to `</name`, any case.
                while true {
                    guard let lt = CodeTrimmer.find([0x3C, 0x2F], in: buffer, from: read) else { return }
                    read = lt
                    if lt + 2 + raw.count <= count, raw.indices.allSatisfy({ buffer[lt + 2 + $0] | 0x20 == raw[$0] }) { break }
                    read += 1
                }
            }
        }
        guard !cuts.isEmpty else { return }
        var write = cuts[0].lowerBound
        for (position, cut) in cuts.enumerated() {
            let keptEnd = position + 1 < cuts.count ? cuts[position + 1].lowerBound : bytes.count
            for read in cut.upperBound ..< keptEnd {
                bytes[write] = bytes[read]
                write += 1
            }
        }
        bytes.removeLast(bytes.count - write)
    }

    /// "script" or "style" when the tag name at `nameAt` is one: the elements whose body the
    /// parser reads as text.
    private static func rawTextName(_ buffer: UnsafeBufferPointer<UInt8>, _ nameAt: Int) -> [UInt8]? {
        for name in rawTextElements where nameAt + name.count <= buffer.count
            && name.indices.allSatisfy({ buffer[nameAt + $0] | 0x20 == name[$0] })
            && (nameAt + name.count == buffer.count || !isNameByte(buffer[nameAt + name.count])) {
            return name
        }
        return nil
    }

    private static let rawTextElements = [Array("script".utf8), Array("style".utf8)]

    /// Reads a start tag whose name starts at `nameAt`: where its closing `>` (or the `/` of
    /// `/>`) is, and where its attribute past `limit` starts when it has one. `nil` when the
    /// input ends inside the tag.
    private static func scanStartTag(_ buffer: UnsafeBufferPointer<UInt8>, nameAt: Int, limit: Int) -> (end: Int, cut: Int?)? {
        let count = buffer.count
        var index = nameAt
        while index < count, isNameByte(buffer[index]) { index += 1 }
        var attributes = 0
        var cut: Int?
        while true {
            while index < count, isBlank(buffer[index]) { index += 1 }
            guard index < count else { return nil }
            let byte = buffer[index]
            if byte == 0x3E || (byte == 0x2F && index + 1 < count && buffer[index + 1] == 0x3E) {
                return (index, cut)
            }
            guard isNameStart(byte) else {
                // A bogus attribute: the parser drops it up to a blank or the tag's end.
                while index < count, !isBlank(buffer[index]), buffer[index] != 0x3E,
                      !(buffer[index] == 0x2F && index + 1 < count && buffer[index + 1] == 0x3E) { index += 1 }
                continue
            }
            attributes += 1
            if attributes == limit + 1 { cut = index }
            while index < count, isNameByte(buffer[index]) { index += 1 }
            while index < count, isBlank(buffer[index]) { index += 1 }
            guard index < count, buffer[index] == 0x3D else { continue }
            index += 1
            while index < count, isBlank(buffer[index]) { index += 1 }
            guard index < count else { return nil }
            let quote = buffer[index]
            if quote == 0x22 || quote == 0x27 {
                guard let close = CodeTrimmer.find([quote], in: buffer, from: index + 1) else { return nil }
                index = close + 1
            } else {
                while index < count, !isBlank(buffer[index]), buffer[index] != 0x3E { index += 1 }
            }
        }
    }

    private static func isAsciiLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    /// The bytes libxml2's `htmlParseHTMLName` starts a name with.
    private static func isNameStart(_ byte: UInt8) -> Bool { isAsciiLetter(byte) || byte == 0x5F || byte == 0x3A || byte == 0x2E }
    private static func isNameByte(_ byte: UInt8) -> Bool { isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D }
    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}
