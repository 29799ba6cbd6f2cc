import Foundation
import IngestCore
import IngestMarkup

/// Turns the body of a source into the article links it lists: the one entry point of
/// discovery, a pure function of the bytes.
///
///     let found = try FeedDiscovery.discover(body, url: "https://example.com/feed", kind: .auto)
///     found.entries.map(\.url)     // normalised article URLs
///     found.childSitemaps          // for a sitemap index
///     found.alternateFeeds         // for an HTML homepage given as `auto`
public enum FeedDiscovery {
    /// The most a gzipped sitemap may inflate to (the sitemaps protocol caps files at 50 MB).
    public static let defaultInflateLimit = 64 * 1024 * 1024

    /// Reads `body` as `kind` (`auto`: sniffed from the content), inflating gzip first.
    /// `charset` is the body's charset as the fetcher found it (header, BOM, `<meta>`, bytes):
    /// an HTML page is decoded with it, while XML documents declare their own.
    public static func discover(_ body: [UInt8], url: String, kind: FeedKind, charset: String? = nil,
                                inflateLimit: Int = defaultInflateLimit) throws(DiscoveryError) -> DiscoveryResult {
        let bytes = Gunzip.isGzip(body) ? try Gunzip.inflate(body, limit: inflateLimit) : body
        guard let start = bytes.firstIndex(where: { !isSpaceOrBOM($0) }) else { throw DiscoveryError("empty body") }
        // The feed kinds accept one another: a site that moves from RSS to Atom or JSON
        // Feed keeps syncing. A sitemap or an HTML page is never taken for a feed.
        if kind == .html { return try html(bytes, url: url, charset: charset, wantAlternates: false) }
        if kind != .sitemap, bytes[start] == UInt8(ascii: "{") {
            return try JSONFeedParser.parse(bytes, baseURL: url)
        }
        if let result = xml(bytes, url: url, expecting: kind) { return result }
        if kind == .sitemap, let result = SitemapParser.text(String(decoding: bytes, as: UTF8.self), baseURL: url) {
            return result
        }
        if kind == .auto { return try html(bytes, url: url, charset: charset, wantAlternates: true) }
        throw DiscoveryError("not \(article(kind)) \(kind.rawValue) document: \(describeRoot(bytes, url: url))")
    }

    /// The result when the XML root is one this `kind` accepts, else `nil`.
    private static func xml(_ bytes: [UInt8], url: String, expecting kind: FeedKind) -> DiscoveryResult? {
        guard let root = Document(xml: bytes, url: url)?.root else { return nil }
        let found: FeedKind? = switch root.name {
        case "rss", "RDF", "rdf": .rss
        case "feed" where root.namespace == nil || root.namespace?.contains("purl.org/atom") == true
            || root.namespace == XMLFeedParser.atomNamespace: .atom
        case "urlset", "sitemapindex": .sitemap
        default: nil
        }
        guard let found, kind == .auto || kind == found || (kind != .sitemap && found != .sitemap) else { return nil }
        var result = switch found {
        case .rss: XMLFeedParser.rss(root, baseURL: url)
        case .atom: XMLFeedParser.atom(root, baseURL: url)
        default: SitemapParser.xml(root, baseURL: url)
        }
        if !endsWithClosingTag(bytes, root: root.name) {
            result.problem = "truncated: the document ends before </\(root.name)> (\(result.entries.count) entries kept)"
        }
        return result
    }

    /// Whether the last bytes close the root element: the recovering parser accepts a cut-off
    /// document silently, and a cut-off feed must be reported.
    static func endsWithClosingTag(_ bytes: [UInt8], root: String) -> Bool {
        var end = bytes.endIndex
        while end > bytes.startIndex, [0x20, 0x09, 0x0A, 0x0D, 0x00].contains(bytes[end - 1]) { end -= 1 }
        let tail = String(decoding: bytes[max(bytes.startIndex, end - 64)..<end], as: UTF8.self)
        guard tail.hasSuffix(">"), let open = tail.range(of: "</", options: .backwards) else { return false }
        let name = tail[open.upperBound...].dropLast().trimmingCharacters(in: .whitespaces)
        return name == root || name.hasSuffix(":" + root)
    }

    private static func html(_ bytes: [UInt8], url: String, charset: String?,
                             wantAlternates: Bool) throws(DiscoveryError) -> DiscoveryResult {
        // Bodies come as received; without a charset, UTF-8 (libxml2 would guess Latin-1).
        guard let root = Document(html: bytes, encoding: charset ?? "UTF-8", url: url)?.root else {
            throw DiscoveryError("not an HTML page")
        }
        var result = HTMLPageParser.sectionPage(root, baseURL: url)
        if wantAlternates { result.alternateFeeds = HTMLPageParser.alternateFeeds(root, baseURL: url) }
        return result
    }

    private static func describeRoot(_ bytes: [UInt8], url: String) -> String {
        guard let root = Document(xml: bytes, url: url)?.root else { return "unreadable XML" }
        return "root element <\(root.name)>"
    }

    private static func article(_ kind: FeedKind) -> String { kind == .atom ? "an" : "a" }

    private static func isSpaceOrBOM(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0xEF || byte == 0xBB || byte == 0xBF
    }
}

/// `FeedDiscovery` as the sync engine takes it (`SourceDiscovering`), with its inflate limit.
public struct FeedDiscoverer: SourceDiscovering {
    /// The most a gzipped body may inflate to.
    public var inflateLimit: Int

    public init(inflateLimit: Int = FeedDiscovery.defaultInflateLimit) {
        self.inflateLimit = inflateLimit
    }

    public func discover(_ body: [UInt8], url: String, kind: FeedKind,
                         charset: String?) throws(DiscoveryError) -> DiscoveryResult {
        try FeedDiscovery.discover(body, url: url, kind: kind, charset: charset, inflateLimit: inflateLimit)
    }
}
