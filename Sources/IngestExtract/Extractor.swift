import IngestMarkup

/// Extracts a news page's main text and metadata from its HTML bytes; a pure function of
/// its inputs, safe to call from many tasks at once.
///
///     let article = Extractor().extract(html: bytes, url: "https://example.com/2024/05/01/story")
///     print(article.kind, article.title ?? "", article.text)
public struct Extractor: Sendable {
    /// Pages larger than this are refused with a `not-article` result instead of parsed,
    /// which bounds the time and memory one page can take.
    public var maxBytes: Int

    /// Creates an extractor; `maxBytes` defaults to 16 MB (a news page is rarely over 2 MB).
    public init(maxBytes: Int = 16 << 20) {
        self.maxBytes = maxBytes
    }

    /// Extracts one page.
    ///
    /// - Parameters:
    ///   - html: the page's bytes.
    ///   - url: the page's URL, to resolve the canonical URL and read a date from its path.
    ///   - encoding: the charset label for libxml2; the fetcher passes "UTF-8" after transcoding.
    public func extract(html: [UInt8], url: String?, encoding: String? = "UTF-8") -> Article {
        if let refusal = InputCheck.refusal(for: html, maxBytes: maxBytes) {
            return Article(kind: .notArticle, reason: refusal, canonicalURL: url)
        }
        let bytes = encoding?.uppercased().replacingUTF8Dash() == "UTF8" ? InputCheck.validUTF8(html) : html
        guard let document = Document(html: bytes, encoding: encoding, url: url) else {
            return Article(kind: .notArticle, reason: "empty page: no HTML document", canonicalURL: url)
        }
        let tree = PageTree(document: document)
        let metadata = Metadata(tree: tree, url: url)
        var article = metadata.article()
        let blocks = TextBlocks(tree: tree)
        let paragraphs = MainText(blocks: blocks, title: article.title).paragraphs()
        article.text = paragraphs.map(\.text).joined(separator: "\n\n")
        PageKind.classify(&article, tree: tree, blocks: blocks, declaresArticle: metadata.declaresArticle)
        return article
    }
}

extension String {
    /// "UTF-8", "utf8" and "Utf_8" all compare equal to "UTF8" after this.
    func replacingUTF8Dash() -> String {
        String(filter { $0 != "-" && $0 != "_" })
    }
}
