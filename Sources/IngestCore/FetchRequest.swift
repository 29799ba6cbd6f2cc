/// One GET: what the sync engine asks for and what the fetcher performs (one type for both).
public struct FetchRequest: Sendable, Equatable {
    /// What the request is for; the fetcher may log it, and applies `maxPageBytes` to all.
    public enum Purpose: String, Sendable, Equatable { case source, article }

    /// An absolute http or https URL.
    public var url: String
    /// The `ETag` from the last fetch, sent as `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` from the last fetch, sent as `If-Modified-Since`.
    public var lastModified: String?
    /// Whether this URL (and its redirects) may connect to loopback, private or link-local
    /// addresses: true for configured sources, for URLs a user gives and for links found on a
    /// loopback or private source; false for links found on a public source. Even when true,
    /// no hop after one answered from a public address may (`RedirectPolicy`); the fetcher
    /// checks the address it actually connects to.
    public var allowPrivateAddresses: Bool
    /// A source poll or a page (an article, a URL a user gave, robots.txt).
    public var purpose: Purpose

    /// Builds a request; see the properties.
    public init(url: String, etag: String? = nil, lastModified: String? = nil, allowPrivateAddresses: Bool,
                purpose: Purpose = .article) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.allowPrivateAddresses = allowPrivateAddresses
        self.purpose = purpose
    }
}
