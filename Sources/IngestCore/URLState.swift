import Foundation

/// What sync remembers about one URL between runs.
///
/// A copy has one primary state (the URL it is revalidated at, with its validators) and
/// alias states (the feed's URL, the canonical URL, the feed GUID as `guid:<source>|<id>`)
/// that lead to the same `copyID`. A state without `copyID` is a URL that was fetched and
/// not stored (not an article, refused, gone), so it is not fetched again.
public struct URLState: Sendable, Equatable {
    public var url: String
    public var copyID: String?
    public var isAlias: Bool
    public var source: String
    public var etag: String?
    public var lastModified: String?
    public var allowPrivateAddresses: Bool
    public var firstSeen: Date
    public var lastChecked: Date?
    /// The article's published date, which drives the revalidation schedule.
    public var published: Date?
    /// The URL answered 404 or 410.
    public var gone: Bool

    /// The source name of pages a user imported (`ingest import`), as the export shows it.
    public static let importSource = "import"

    public init(url: String, copyID: String?, isAlias: Bool = false, source: String, etag: String? = nil,
                lastModified: String? = nil, allowPrivateAddresses: Bool = false, firstSeen: Date,
                lastChecked: Date? = nil, published: Date? = nil, gone: Bool = false) {
        self.url = url
        self.copyID = copyID
        self.isAlias = isAlias
        self.source = source
        self.etag = etag
        self.lastModified = lastModified
        self.allowPrivateAddresses = allowPrivateAddresses
        self.firstSeen = firstSeen
        self.lastChecked = lastChecked
        self.published = published
        self.gone = gone
    }
}
