import Foundation

/// One article link a source lists, its URL resolved against the source URL and normalised.
public struct DiscoveredEntry: Sendable, Equatable {
    /// Canonical absolute http(s) URL (see `CanonicalURL.normalise`).
    public var url: String
    /// The feed's own id for the item (RSS `guid`, Atom `id`, JSON Feed `id`, RDF `about`).
    public var guid: String?
    public var title: String?
    public var published: Date?
    public var updated: Date?
    /// A sitemap's `<lastmod>`.
    public var lastmod: Date?

    public init(url: String, guid: String? = nil, title: String? = nil, published: Date? = nil,
                updated: Date? = nil, lastmod: Date? = nil) {
        self.url = url
        self.guid = guid
        self.title = title
        self.published = published
        self.updated = updated
        self.lastmod = lastmod
    }

    /// The newest date the source gives for the item, a hint that it changed.
    public var newestDate: Date? { [published, updated, lastmod].compactMap { $0 }.max() }
}

/// A child sitemap listed by a sitemap index.
public struct SitemapReference: Sendable, Equatable {
    public var url: String
    public var lastmod: Date?

    public init(url: String, lastmod: Date? = nil) {
        self.url = url
        self.lastmod = lastmod
    }
}

/// What one source body yields.
public struct DiscoveryResult: Sendable, Equatable {
    /// The kind found in the content (never `.auto`).
    public var kind: FeedKind
    public var entries: [DiscoveredEntry] = []
    /// For a sitemap index: the sitemaps it lists.
    public var childSitemaps: [SitemapReference] = []
    /// For an HTML page: the feeds its `<link rel="alternate">` elements announce, best first.
    public var alternateFeeds: [String] = []
    /// RSS `<ttl>`: how long the feed may be cached.
    public var timeToLive: TimeInterval?
    /// Set when the document was read only in part (it is cut off): the entries before the
    /// cut are kept, and the source is reported as failing.
    public var problem: String?

    public init(kind: FeedKind, entries: [DiscoveredEntry] = [], childSitemaps: [SitemapReference] = [],
                alternateFeeds: [String] = [], timeToLive: TimeInterval? = nil) {
        self.kind = kind
        self.entries = entries
        self.childSitemaps = childSitemaps
        self.alternateFeeds = alternateFeeds
        self.timeToLive = timeToLive
    }
}

/// Why a source body could not be read as the expected kind; fails that source only.
public struct DiscoveryError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
