/// What a page says about its article beside the text: headline, authors, dates, site,
/// language and summary. The extractor finds it (`Article.metadata`) and the store keeps it on
/// every copy revision (`CopyRevision.metadata`); both write its keys flat among their own.
public struct ArticleMetadata: Sendable, Equatable, Codable {
    public var title: String?
    public var authors: [String]
    /// The authors as the page's byline joins them ("A, B, and C", "A & B"), when it shows
    /// them all, in this order, with an "and" or "&"; nil otherwise.
    public var byline: String?
    /// ISO 8601 dates as the page states them, normalised.
    public var published: String?
    public var modified: String?
    public var site: String?
    public var language: String?
    public var description: String?

    public init(title: String? = nil, authors: [String] = [], published: String? = nil, modified: String? = nil,
                site: String? = nil, language: String? = nil, description: String? = nil, byline: String? = nil) {
        self.title = title
        self.authors = authors
        self.byline = byline
        self.published = published
        self.modified = modified
        self.site = site
        self.language = language
        self.description = description
    }

    /// The authors as one field, nil when there are none: how exports show them. The byline's
    /// own joining when the page shows one ("A and B"), else "A, B".
    public var author: String? { authors.isEmpty ? nil : byline ?? authors.joined(separator: ", ") }
}
