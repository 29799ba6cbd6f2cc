import CLibXML2

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

    /// Parses HTML with libxml2's recovering HTML parser.
    ///
    /// NUL bytes are dropped first, as browsers drop them from text: libxml2 2.9 takes one for
    /// the end of the input and loses the rest of the page. UTF-16 is left whole, its NULs
    /// are halves of characters.
    ///
    /// - Parameter encoding: the charset label the fetcher detected; `nil` lets libxml2
    ///   guess, which for unlabelled UTF-8 means Latin-1 in libxml2 2.9, so pass it.
    /// - Returns: `nil` when libxml2 builds no document at all (for example empty input).
    public init?(html bytes: some Collection<UInt8>, encoding: String? = "UTF-8", url: String? = nil) {
        Document.initializeLibrary()
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        var input = Array(bytes)
        if !Document.isUTF16(input, encoding: encoding) { input.removeAll { $0 == 0 } }
        let parsed: xmlDocPtr? = input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), url, encoding, options)
            }
        }
        guard let parsed else { return nil }
        pointer = parsed
    }

    /// Parses XML (feeds, sitemaps) with recovery from small errors, no network, no DTD
    /// loading and no entity substitution.
    public init?(xml bytes: some Collection<UInt8>, url: String? = nil) {
        Document.initializeLibrary()
        let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue
            | XML_PARSE_NOCDATA.rawValue)
        let parsed: xmlDocPtr? = Array(bytes).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlReadMemory(chars.baseAddress, Int32(chars.count), url, nil, options)
            }
        }
        guard let parsed else { return nil }
        pointer = parsed
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

    /// `xmlInitParser` must run once before parsing on several threads; never
    /// `xmlCleanupParser`, which would pull global state from under other threads.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    private static func initializeLibrary() { _ = initialized }
}
