/// What the extractor made of one page: its kind, main text and metadata.
///
/// The export record and `ingest extract --format jsonl` are built from these fields.
public struct Article: Sendable, Equatable {
    /// Whether the page is an article; sync skips or flags `notArticle` pages.
    public enum Kind: String, Sendable, Equatable, Codable {
        case article
        case notArticle = "not-article"
    }

    public var kind: Kind
    /// Why the page is not an article (`nil` for articles): listing page, error page, empty…
    public var reason: String?
    /// Title, authors, dates, site, language, description: what a stored copy keeps of them too.
    public var metadata: ArticleMetadata
    /// Main body text, paragraphs separated by one blank line.
    public var text: String
    /// `rel=canonical` (or og:url) resolved against the page URL.
    public var canonicalURL: String?

    public init(kind: Kind = .article, reason: String? = nil, metadata: ArticleMetadata = ArticleMetadata(),
                text: String = "", canonicalURL: String? = nil) {
        self.kind = kind
        self.reason = reason
        self.metadata = metadata
        self.text = text
        self.canonicalURL = canonicalURL
    }
}

/// One flat JSON object: the metadata's keys beside the article's own, as before the metadata
/// had a type of its own.
extension Article: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, reason, text, canonicalURL
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try container.decode(Kind.self, forKey: .kind),
                  reason: try container.decodeIfPresent(String.self, forKey: .reason),
                  metadata: try ArticleMetadata(from: decoder), text: try container.decode(String.self, forKey: .text),
                  canonicalURL: try container.decodeIfPresent(String.self, forKey: .canonicalURL))
    }

    public func encode(to encoder: any Encoder) throws {
        try metadata.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encode(text, forKey: .text)
        try container.encodeIfPresent(canonicalURL, forKey: .canonicalURL)
    }
}
