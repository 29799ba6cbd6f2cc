/// Conditional-request validators of one polled URL, as the store keeps them for a source
/// and for each of its child sitemaps.
///
///     Validators(etag: "\"v2\"", lastModified: "Wed, 01 May 2024 10:00:00 GMT")
public struct Validators: Codable, Sendable, Equatable {
    public var etag: String?
    public var lastModified: String?
    /// For a child sitemap: the `lastmod` its index gave it when it was last read (a store
    /// timestamp), so that "changed" means "the index says something new", whatever the
    /// publisher's clock.
    public var lastmod: String?

    /// Validators; any may be absent.
    public init(etag: String? = nil, lastModified: String? = nil, lastmod: String? = nil) {
        self.etag = etag; self.lastModified = lastModified; self.lastmod = lastmod
    }

    enum CodingKeys: String, CodingKey {
        case etag, lastmod
        case lastModified = "last_modified"
    }
}
