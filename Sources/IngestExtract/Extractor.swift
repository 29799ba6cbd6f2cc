import IngestCore
import IngestMarkup

/// Extracts a news page's main text and metadata from its HTML bytes; a pure function of
/// its inputs, safe to call from many tasks at once.
///
///     let article = Extractor().extract(html: bytes, url: "https://example.com/2024/05/01/story")
///     print(article.kind, article.metadata.title ?? "", article.text)
public struct Extractor: Sendable {
    /// Pages larger than this are refused with a `not-article` result instead of parsed,
    /// which bounds the time and memory one page can take.
    public var maxBytes: Int

    /// Converts a page from its charset (any label) to UTF-8 before parsing; `nil` leaves
    /// decoding to libxml2. Sync passes the fetcher's `Charset.transcode` (WHATWG labels,
    /// bad sequences become U+FFFD), which this module cannot import.
    public var transcode: (@Sendable (_ bytes: [UInt8], _ charset: String) -> [UInt8])?

    /// Creates an extractor; `maxBytes` defaults to 16 MB (a news page is rarely over 2 MB).
    public init(maxBytes: Int = 16 << 20, transcode: (@Sendable ([UInt8], String) -> [UInt8])? = nil) {
        self.maxBytes = maxBytes
        self.transcode = transcode
    }

    /// Extracts one page.
    ///
    /// - Parameters:
    ///   - html: the page's bytes as received, in `encoding`.
    ///   - url: the page's URL, to resolve the canonical URL and read a date from its path.
    ///   - encoding: the page's charset label; with `transcode` set the bytes are converted
    ///     to UTF-8 after the input checks, else the label is handed to libxml2.
    ///   - contentType: the HTTP `Content-Type`, when there is one (a feed's type is refused).
    public func extract(html: [UInt8], url: String?, encoding: String? = "UTF-8", contentType: String? = nil) -> Article {
        if let refusal = InputCheck.refusal(for: html, encoding: encoding, contentType: contentType, maxBytes: maxBytes) {
            return Article(kind: .notArticle, reason: refusal, canonicalURL: url)
        }
        let (bytes, label) = decoded(html, encoding: encoding)
        let tree = PageTree.parse(html: bytes, encoding: label, url: url)
        let article = extract(tree, url: url)
        guard article.kind == .notArticle, PageKind.lacksText(article) else { return article }
        // A page whose scripts build the story may give it whole in a `<noscript>`: read
        // that when the page without it has no story, and keep the refusal unless it finds one.
        if tree.hasNoscript {
            let withNoscript = extract(PageTree.parse(html: bytes, encoding: label, url: url, readsNoscript: true), url: url)
            if withNoscript.kind == .article { return withNoscript }
        }
        // A story may sit in a box named for what else it holds ("body-share-wrapper", once
        // per story of a stream): with nothing else left, such a box is read when it is prose.
        let lenient = extract(tree, url: url, lenient: true)
        if lenient.kind == .article { return lenient }
        // A page whose scripts draw the story from data may declare it whole in its
        // structured data, as trafilatura's baseline reads it: the text when nothing else is.
        if let declared = declaredStory(tree, url: url) { return declared }
        // A page that only sends the reader on says where to: the user can give that address.
        // One that only shows a cookie banner is named for it.
        var refused = article
        if let target = PageKind.refreshTarget(tree, address: url) {
            refused.reason = TextNormalizer.collapse("redirect page: its meta refresh leads to \(target.prefix(300))")
        } else if ErrorPage.showsOnlyConsent(tree) {
            refused.reason = ErrorPage.consentReason
        }
        return refused
    }

    private func extract(_ tree: PageTree, url: String?, lenient: Bool = false) -> Article {
        switch tree.outcome {
        case .noDocument:
            return Article(kind: .notArticle, reason: "empty page: no HTML document", canonicalURL: url)
        case .tooDeep:
            // The tree stops at the depth limit; a story with its end missing is not stored.
            return Article(kind: .notArticle, reason: "nested too deep (over \(Document.maxDepth) elements)", canonicalURL: url)
        case .parsed, .trimMisread:
            break
        }
        let metadata = Metadata(tree: tree, url: url)
        var (article, vouched, headline) = metadata.described()
        let blocks = TextBlocks(tree: tree, lenient: lenient)
        // The story's wrappers, read by the text and by the page-kind rules that ask where it starts.
        let roots = ContentSelection(blocks: blocks).roots()
        let paragraphs = MainText(blocks: blocks, title: article.metadata.title, authorBios: metadata.ld.authorDescriptions,
                                  declared: DeclaredText(metadata.ld.body))
            .paragraphs(roots: roots)
        article.text = paragraphs.map(\.text).joined(separator: "\n\n")
        Extractor.compose(&article)
        PageKind.classify(&article, address: url, tree: tree, blocks: blocks, roots: roots, declaresArticle: metadata.declaresArticle,
                          typedArticle: metadata.typesArticle, vouched: vouched, headline: headline,
                          declaredNonArticle: metadata.declaredNonArticle, offering: metadata.describedOffering)
        return article
    }

    /// The page's article as its structured data gives it (`articleBody`, `DeclaredText`),
    /// with the metadata the page shows; nil when it declares no article text of a story's
    /// length, or says the article is not free to read (its text is there for search engines).
    private func declaredStory(_ tree: PageTree, url: String?) -> Article? {
        let metadata = Metadata(tree: tree, url: url)
        guard !metadata.ld.isPaywalled, let declared = DeclaredText(metadata.ld.body) else { return nil }
        var article = metadata.described().article
        article.text = declared.paragraphs.joined(separator: "\n\n")
        Extractor.compose(&article)
        return article
    }

    /// Text and metadata in Unicode NFC, as trafilatura gives them and truths are written.
    private static func compose(_ article: inout Article) {
        article.text = TextNormalizer.composed(article.text)
        article.metadata.title = article.metadata.title.map(TextNormalizer.composed)
        article.metadata.authors = article.metadata.authors.map(TextNormalizer.composed)
        article.metadata.byline = article.metadata.byline.map(TextNormalizer.composed)
        article.metadata.description = article.metadata.description.map(TextNormalizer.composed)
    }

    /// The bytes to parse and the label to parse them with. Decoding comes after the input
    /// checks, which must see the bytes as received.
    private func decoded(_ html: [UInt8], encoding: String?) -> ([UInt8], String?) {
        let isUTF8 = encoding?.uppercased().replacingUTF8Dash() == "UTF8"
        // UTF-8, most pages, needs no transcoder: its BOM goes and bad sequences become U+FFFD
        // (what `transcode` does too, with two more copies of the page).
        if isUTF8, transcode != nil {
            let body = html.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(html.dropFirst(3)) : html
            return (InputCheck.validUTF8(body), "UTF-8")
        }
        if let transcode, let encoding { return (transcode(html, encoding), "UTF-8") }
        return (isUTF8 ? InputCheck.validUTF8(html) : html, encoding)
    }
}

extension String {
    /// "UTF-8", "utf8" and "Utf_8" all compare equal to "UTF8" after this.
    func replacingUTF8Dash() -> String {
        String(filter { $0 != "-" && $0 != "_" })
    }
}
