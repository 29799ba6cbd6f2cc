import IngestExtract

/// The real extractor behind `ArticleExtracting`; `Extractor` is a stateless value, safe to
/// call from every fetch task at once.
public struct ExtractorAdapter: ArticleExtracting {
    let extractor: Extractor

    /// Wraps an extractor (the default one unless given).
    public init(_ extractor: Extractor = Extractor()) {
        self.extractor = extractor
    }

    /// Extracts one page.
    public func extract(html: [UInt8], url: String, encoding: String?) -> Article {
        extractor.extract(html: html, url: url, encoding: encoding)
    }
}
