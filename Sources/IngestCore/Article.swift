/// What the extractor made of one page: its kind, main text and metadata.
///
/// The export record and `ingest extract --format jsonl` are built from these fields.
public struct Article: Sendable, Equatable, Codable {
    /// Whether the page is an article; sync skips or flags `notArticle` pages.
    public enum Kind: String, Sendable, Equatable, Codable {
        case article
        case notArticle = "not-article"
    }

    public var kind: Kind
    /// Why the page is not an article (`nil` for articles): listing page, error page, empty…
    public var reason: String?
    public var title: String?
    /// Main body text, paragraphs separated by one blank line.
    public var text: String
    public var authors: [String]
    /// ISO 8601 dates as the page states them, normalised.
    public var published: String?
    public var modified: String?
    public var site: String?
    /// `rel=canonical` (or og:url) resolved against the page URL.
    public var canonicalURL: String?
    public var language: String?
    public var description: String?

    public init(kind: Kind = .article, reason: String? = nil, title: String? = nil, text: String = "",
                authors: [String] = [], published: String? = nil, modified: String? = nil,
                site: String? = nil, canonicalURL: String? = nil, language: String? = nil,
                description: String? = nil) {
        self.kind = kind
        self.reason = reason
        self.title = title
        self.text = text
        self.authors = authors
        self.published = published
        self.modified = modified
        self.site = site
        self.canonicalURL = canonicalURL
        self.language = language
        self.description = description
    }
}
