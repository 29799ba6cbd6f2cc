import IngestCore
import IngestExtract
import IngestFetch

/// The real extractor behind `ArticleExtracting`; `Extractor` is a stateless value, safe to
/// call from every fetch task at once. Every page path (sync, import, extract) comes here
/// with the bytes as received, so the extractor's binary check sees them before the
/// fetcher's charset rules convert them to UTF-8.
public struct ExtractorAdapter: ArticleExtracting {
    let extractor: Extractor

    /// Wraps an extractor (the default one unless given), decoding with `Charset.transcode`.
    public init(_ extractor: Extractor = Extractor()) {
        var extractor = extractor
        extractor.transcode = { Charset.transcode($0, from: $1) }
        self.extractor = extractor
    }

    /// The largest page the extractor parses: reading more of a saved file is pointless.
    public var maxBytes: Int { extractor.maxBytes }

    /// Extracts one page; without a charset (a saved file) it is detected from the bytes
    /// (`Charset.detect`: BOM, valid UTF-8, `<meta charset>`, a guess from the bytes).
    public func extract(html: [UInt8], url: String, encoding: String?, contentType: String?) -> Article {
        extractor.extract(html: html, url: url, encoding: encoding ?? Charset.detect(html, contentType: contentType),
                          contentType: contentType)
    }
}
