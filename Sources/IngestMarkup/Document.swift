import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed HTML or XML document: the one owner of a libxml2 `xmlDoc`, freed in `deinit`.
///
/// Parsing never touches the network and never expands external entities, so hostile
/// feeds and pages cannot read files or make requests (no XXE).
///
///     let doc = Document(html: bytes, encoding: "UTF-8", url: "https://example.com/a")
///     let title = doc?.root?.descendants(named: "title").first?.text
///
/// A `Document` and its `Node`s are not `Sendable`: parse and walk on one task.
public final class Document {
    let pointer: xmlDocPtr

    /// The deepest element nesting the HTML parser builds. libxml2's own limit (256 levels,
    /// past which it drops the rest of the page without a word) is lifted with its 10 MB text
    /// node limit by `XML_PARSE_HUGE`; this one is ours, and explicit: libxml2 searches the
    /// open elements on every end tag, so parse time grows with depth × tags.
    public static let maxDepth = 1024

    /// Whether an HTML page nests elements deeper than `maxDepth`: parsing stopped there and
    /// the tree lacks the rest of the page.
    public let tooDeep: Bool

    /// Parses HTML with libxml2's recovering HTML parser.
    ///
    /// NUL bytes are dropped first, as browsers drop them from text: libxml2 2.9 takes one for
    /// the end of the input and loses the rest of the page. UTF-16 is left whole, its NULs
    /// are halves of characters. `</body>` and `</html>` end tags are dropped too: libxml2
    /// 2.9 puts what follows them in a second root element that no walk reaches, where
    /// browsers read it as more of the body (pages that print their story after a stray
    /// `</html>` were "empty"). Text nodes have no length limit: callers bound the input
    /// (`Extractor.maxBytes`, the fetcher's `maxPageBytes`); depth is bounded by `maxDepth`.
    ///
    /// - Parameters:
    ///   - encoding: the charset label the fetcher detected; `nil` lets libxml2 guess, which
    ///     for unlabelled UTF-8 means Latin-1 in libxml2 2.9, so pass it.
    ///   - keepsCode: whether `<script>` and `<style>` keep their text. Without it only JSON-LD
    ///     scripts (`type="application/ld+json"`) do: code is often a third of a page's bytes,
    ///     and libxml2 grows a text node 1000 bytes at a time to hold it.
    /// - Returns: `nil` when libxml2 builds no document at all (for example empty input).
    public init?(html bytes: some Collection<UInt8>, encoding: String? = "UTF-8", url: String? = nil, keepsCode: Bool = true) {
        Document.initializeLibrary()
        let input = Document.prepared(bytes, encoding: encoding)
        guard let context = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(context) }
        // Each context has its own SAX table; the parser's context is the callbacks' argument.
        context.pointee.sax.pointee.startElement = { context, name, attributes in
            guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self) else { return }
            guard parser.pointee.nodeNr < Document.maxDepth else { return xmlStopParser(parser) }
            xmlSAX2StartElement(context, name, attributes)
        }
        Document.closesSectionsThroughDivs(context)
        // libxml2 hands script and style text to `cdataBlock` only.
        if !keepsCode {
            context.pointee.sax.pointee.cdataBlock = { context, value, length in
                guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self),
                      let node = parser.pointee.node, Document.isJSONLD(node) else { return }
                xmlSAX2CDataBlock(context, value, length)
            }
        }
        let parsed: xmlDocPtr? = input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), url, encoding, Document.htmlOptions)
            }
        }
        guard let parsed else { return nil }
        pointer = parsed
        tooDeep = context.pointee.errNo == Int32(XML_ERR_USER_STOP.rawValue)
    }

    /// The HTML parser's options: recover from errors silently, no network, no size limits
    /// of libxml2's own (`XML_PARSE_HUGE`; callers bound the input and `maxDepth` the nesting).
    static let htmlOptions = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue
        | XML_PARSE_HUGE.rawValue)

    /// The bytes the HTML parser is given: without NULs, document end tags and attributes past
    /// `maxAttributes` in a tag, and with a `<script/>` that code follows opened (`mendTags`),
    /// except in UTF-16.
    static func prepared(_ bytes: some Collection<UInt8>, encoding: String?) -> [UInt8] {
        var input = Array(bytes)
        if !Document.isUTF16(input, encoding: encoding) {
            if input.withUnsafeBufferPointer({ buffer in buffer.baseAddress.map { memchr($0, 0, buffer.count) != nil } ?? false }) { input.removeAll { $0 == 0 } }
            Document.removeDocumentEndTags(&input)
            Document.mendTags(&input)
        }
        return input
    }

    /// Parses XML (feeds, sitemaps) with recovery from small errors, no network, no DTD
    /// loading and no entity substitution; a tag's attributes past `maxAttributes` are cut
    /// first, as in HTML.
    public init?(xml bytes: some Collection<UInt8>, url: String? = nil) {
        Document.initializeLibrary()
        let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue
            | XML_PARSE_NOCDATA.rawValue)
        var input = Array(bytes)
        Document.mendTags(&input, xml: true)
        let parsed: xmlDocPtr? = input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlReadMemory(chars.baseAddress, Int32(chars.count), url, nil, options)
            }
        }
        guard let parsed else { return nil }
        pointer = parsed
        tooDeep = false
    }

    deinit { xmlFreeDoc(pointer) }

    /// The root element (`<html>` for HTML, the feed's top element for XML).
    public var root: Node? {
        xmlDocGetRootElement(pointer).map { Node($0, in: self) }
    }

    /// Whether `bytes` are UTF-16: a byte-order mark, or an `encoding` label that says so.
    /// Their NUL bytes are then halves of characters, not stray control bytes.
    public static func isUTF16(_ bytes: some Collection<UInt8>, encoding: String?) -> Bool {
        let label = encoding?.uppercased().filter { $0 != "-" && $0 != "_" }
        return label?.hasPrefix("UTF16") == true || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
    }

    /// Whether an element is a `<script>` whose `type` names JSON-LD.
    private static func isJSONLD(_ node: xmlNodePtr) -> Bool {
        guard let name = node.pointee.name, xmlStrcasecmp(name, "script") == 0 else { return false }
        var property = node.pointee.properties
        while let current = property {
            if let attributeName = current.pointee.name, xmlStrcasecmp(attributeName, "type") == 0,
               let value = current.pointee.children?.pointee.content {
                return isJSONLDType(value)
            }
            property = current.pointee.next
        }
        return false
    }

    /// Whether a `<script>`'s `type` value names JSON-LD.
    static func isJSONLDType(_ value: UnsafePointer<xmlChar>) -> Bool {
        String(cString: value).lowercased().contains("ld+json")
    }

    /// Removes `</body>` and `</html>` (any case, spaces before `>`) in one pass over the bytes,
    /// jumping from one `<` to the next with `memchr` (this runs over every page's bytes).
    static func removeDocumentEndTags(_ bytes: inout [UInt8]) {
        func lower(_ byte: UInt8) -> UInt8 { byte | 0x20 }
        let kept = bytes.withUnsafeMutableBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            let count = buffer.count
            var write = 0, read = 0
            // Copies bytes[read..<end] down to `write`.
            func keep(upTo end: Int) {
                if write != read { memmove(base + write, base + read, end - read) }
                write += end - read
                read = end
            }
            while read < count {
                guard let found = memchr(base + read, 0x3C, count - read) else { break }
                let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                keep(upTo: at)
                guard at + 6 < count, base[at + 1] == 0x2F else {
                    keep(upTo: at + 1)
                    continue
                }
                let a = lower(base[at + 2]), b = lower(base[at + 3]), c = lower(base[at + 4]), d = lower(base[at + 5])
                var end = at + 6
                if (a, b, c, d) == (0x62, 0x6F, 0x64, 0x79) || (a, b, c, d) == (0x68, 0x74, 0x6D, 0x6C) {
                    while end < count, base[end] == 0x20 || base[end] == 0x0A || base[end] == 0x0D || base[end] == 0x09 { end += 1 }
                    if end < count, base[end] == 0x3E {
                        read = end + 1
                        continue
                    }
                }
                keep(upTo: at + 1)
            }
            keep(upTo: count)
            return write
        }
        bytes.removeLast(bytes.count - kept)
    }

    /// `xmlInitParser` must run once before parsing on several threads; never
    /// `xmlCleanupParser`, which would pull global state from under other threads.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func initializeLibrary() { _ = initialized }
}
