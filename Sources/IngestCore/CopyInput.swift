import Foundation

/// A copy (one article at one canonical URL) as the pipeline has it now, to be stored as the
/// copy's next revision: the store numbers and dates revisions, and keeps none identical to
/// the latest.
public struct CopyInput: Sendable, Equatable {
    /// The copy id (stable for one canonical URL; chosen by the caller).
    public var id: String
    /// The story (dedup cluster) this copy belongs to.
    public var story: String
    /// The canonical URL, tracking parameters removed.
    public var url: String
    /// The feed name, or "import".
    public var source: String
    /// The content hash of the normalised text ("sha256:…").
    public var contentHash: String
    /// What the extractor found: title, text, authors, dates, site, language, description.
    public var article: Article
    /// When the page was fetched, if not now (a page from a WARC archive): the revision is
    /// dated then instead of by the store's clock.
    public var fetchedAt: Date?

    /// A copy of an extracted article.
    public init(id: String, story: String, url: String, source: String, contentHash: String, article: Article,
                fetchedAt: Date? = nil) {
        self.id = id; self.story = story; self.url = url; self.source = source
        self.contentHash = contentHash; self.article = article; self.fetchedAt = fetchedAt
    }

    /// A copy with its fields given one by one (tests, benchmarks); metadata defaults to none.
    public init(id: String, story: String, url: String, metadata: ArticleMetadata = ArticleMetadata(), text: String,
                source: String, contentHash: String) {
        self.init(id: id, story: story, url: url, source: source, contentHash: contentHash,
                  article: Article(metadata: metadata, text: text))
    }
}
