import Foundation
import Testing
@testable import IngestExtract
import IngestMarkup

/// Hostile or broken input: every case gets a clear kind and reason, in bounded time and
/// memory, and never a crash.
@Suite struct BadInputTests {
    let extractor = Extractor()

    @Test func emptyBody() throws {
        let article = extractor.extract(html: try Fixtures.bytes("empty-body.html"), url: nil)
        #expect(article.kind == .notArticle)
        #expect(article.reason == "empty page")
        #expect(article.text.isEmpty)
    }

    @Test func binaryPNG() throws {
        let article = extractor.extract(html: try Fixtures.bytes("binary-png.png"), url: "https://example.com/logo")
        #expect(article.kind == .notArticle)
        #expect(article.reason == "not HTML (PNG image)")
    }

    /// Decodes every byte as the code point of the same value, as windows-1252 mostly does.
    static let latin1: @Sendable ([UInt8], String) -> [UInt8] = { bytes, _ in
        Array(String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) })).utf8)
    }

    @Test func pngDeclaringWindows1252IsRefusedBeforeItIsDecoded() throws {
        let bytes = try Fixtures.bytes("binary-png-meta-windows-1252.png")
        // Decoded, the bytes lose the PNG signature: the check must come first to name the format.
        #expect(InputCheck.binaryFormat(Self.latin1(bytes, "windows-1252")) != "PNG image")
        let article = Extractor(transcode: Self.latin1).extract(html: bytes, url: nil, encoding: "windows-1252")
        #expect(article.kind == .notArticle)
        #expect(article.reason == "not HTML (PNG image)")
        #expect(article.text.isEmpty)
    }

    @Test func gzipFileIsRefused() throws {
        let article = Extractor(transcode: Self.latin1).extract(html: try Fixtures.bytes("binary-gzip.gz"), url: nil,
                                                                 encoding: "windows-1252")
        #expect(article.reason == "not HTML (gzip data)")
    }

    @Test func jpegWithAnHTMLTailIsRefused() throws {
        let bytes = try Fixtures.bytes("binary-jpeg-html-tail.jpg")
        let article = Extractor(transcode: Self.latin1).extract(html: bytes, url: nil, encoding: "windows-1252")
        #expect(article.reason == "not HTML (JPEG image)")
        #expect(!article.text.contains("tram"))
    }

    @Test func randomBytesAreRefused() throws {
        // One byte in ten of random data is a control byte; that must be enough.
        let article = extractor.extract(html: try Fixtures.bytes("binary-random.bin"), url: nil, encoding: "windows-1252")
        #expect(article.reason == "not HTML (binary data)")
    }

    @Test func aStrayNULDoesNotMakeAPageBinary() {
        let page = "<html><body><p>\u{0}" + String(repeating: "A paragraph of plain story text. ", count: 30) + "</p></body></html>"
        #expect(InputCheck.binaryFormat(Array(page.utf8)) == nil)
    }

    static let feedReason = "a feed, not an article page: add it to feeds.json"

    /// RSS 2.0, RSS 0.91 behind a doctype, RSS 1.0 (rdf:RDF), Atom, and a doctype with an
    /// internal subset.
    @Test(arguments: ["rss2-mixed-links.xml", "rss091.xml", "rss1-rdf.xml", "atom.xml", "xxe-rss.xml"])
    func feedIsRefusedByItsRootElement(name: String) throws {
        let article = extractor.extract(html: try Fixtures.feed(name), url: "https://example.com/feed")
        #expect(article.kind == .notArticle)
        #expect(article.reason == Self.feedReason)
        #expect(article.metadata.title == nil)
    }

    /// A sitemap or a sitemap index given to `ingest import` is a source too (`kind: sitemap`).
    @Test func sitemapIsRefusedAsASource() {
        let sitemap = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            + "<url><loc>https://example.com/news/harbour-stays-open</loc><lastmod>2024-01-01</lastmod></url></urlset>"
        #expect(extractor.extract(html: Array(sitemap.utf8), url: nil).reason == "a sitemap, not an article page: add it to feeds.json")
        let index = "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>https://example.com/s1.xml</loc></sitemap></sitemapindex>"
        #expect(extractor.extract(html: Array(index.utf8), url: nil).reason == "a sitemap, not an article page: add it to feeds.json")
    }

    @Test func feedRootIsFoundAfterBOMCommentsAndAStylesheet() {
        let feed = "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- generated -->\n<?xml-stylesheet href=\"feed.xsl\"?>\n"
            + "<atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\"><atom:title>A</atom:title></atom:feed>"
        #expect(extractor.extract(html: Array(feed.utf8), url: nil).reason == Self.feedReason)
    }

    @Test func feedIsRefusedByItsContentType() throws {
        let json = Array(#"{"version": "https://jsonfeed.org/version/1.1", "title": "A", "items": []}"#.utf8)
        let article = extractor.extract(html: json, url: nil, contentType: "application/feed+json; charset=utf-8")
        #expect(article.reason == Self.feedReason)
        let rss = extractor.extract(html: try Fixtures.bytes("no-body.html"), url: nil, contentType: "Application/RSS+XML")
        #expect(rss.reason == Self.feedReason)
    }

    /// Code, styles, data and media a feed, a redirect or a user's URL can lead to: the HTML
    /// parser would read them as one long paragraph of a story.
    @Test(arguments: [
        ("application/json", "not HTML (JSON data)"), ("application/ld+json", "not HTML (JSON data)"),
        ("text/javascript; charset=utf-8", "not HTML (JavaScript)"), ("application/x-javascript", "not HTML (JavaScript)"),
        ("text/css", "not HTML (a CSS stylesheet)"), ("image/svg+xml", "not HTML (image/svg+xml)"),
    ])
    func codeAndDataAreRefusedByTheirContentType(type: String, reason: String) {
        let code = String(repeating: "function story() { return 'The council met on Tuesday evening and voted to keep the harbour open to boats.'; }\n", count: 8)
        let article = extractor.extract(html: Array(code.utf8), url: nil, contentType: type)
        #expect(article.kind == .notArticle)
        #expect(article.reason == reason)
        #expect(extractor.extract(html: Array(code.utf8), url: nil, contentType: "text/plain").kind == .article)
    }

    /// A saved JSON file has no content type: its bytes say what it is. A JSON Feed is a feed;
    /// a text that only opens with a bracket is text.
    @Test func jsonIsKnownByItsBytes() {
        let body = String(repeating: "The council met on Tuesday evening and voted to keep the harbour open to fishing boats. ", count: 5)
        let json = #"{"title": "Harbour stays open", "body": "\#(body)"}"#
        #expect(extractor.extract(html: Array(("\u{FEFF}\n " + json).utf8), url: nil).reason == "not HTML (JSON data)")
        let feed = #"{"version": "https://jsonfeed.org/version/1.1", "title": "A", "items": [{"id": "1", "content_text": "\#(body)"}]}"#
        #expect(extractor.extract(html: Array(feed.utf8), url: nil).reason == Self.feedReason)
        let text = "[Update] " + body + "\n\nFishermen had asked for the change for years, the harbour master said."
        #expect(extractor.extract(html: Array(text.utf8), url: nil).kind == .article)
    }

    @Test func pageStartingWithACommentAndDoctypeIsNoFeed() throws {
        let page = "<!-- cached 2024-05-01 -->\n<!DOCTYPE html>\n" + (try Fixtures.text("no-body.html"))
        let article = extractor.extract(html: Array(page.utf8), url: nil, contentType: "text/html")
        #expect(article.kind == .article)
        #expect(article.metadata.title == "Harbour tram line approved after decade of debate")
    }

    /// A four-paragraph story page; the tests put NUL bytes in it, which libxml2's HTML parser
    /// takes for the end of the input.
    static func pageWithNUL(headline: String, firstParagraph: String) -> [UInt8] {
        let rest = [
            "Supporters said the line would cut commuting times by a third; opponents warned of rising costs "
                + "and years of roadworks in the old town, where the streets are narrow and the shops are small.",
            "The route follows the old railway along the river before it turns towards the ferry terminal, "
                + "where a new interchange will let passengers change between trams, buses and boats.",
            "Work on the first section is due to start in the spring, the city said in a statement on Tuesday.",
        ]
        let page = "<html><head><title>City News</title></head><body><article><h1>\(headline)</h1>"
            + "<p>\(firstParagraph)</p>" + rest.map { "<p>\($0)</p>" }.joined() + "</article></body></html>"
        return Array(page.utf8)
    }

    static let firstParagraph = "The council voted on Tuesday to extend the tram line to the harbour district, ending a debate."

    @Test func nulRightAfterAParagraphTagIsDropped() throws {
        let bytes = Self.pageWithNUL(headline: "Harbour tram line approved", firstParagraph: "\u{0}" + Self.firstParagraph)
        let article = extractor.extract(html: bytes, url: nil)
        #expect(article.kind == .article)
        #expect(article.text.hasPrefix(Self.firstParagraph + "\n\n"))
        #expect(article.text.hasSuffix("the city said in a statement on Tuesday."))
    }

    @Test func nulInsideTheHeadlineIsDropped() throws {
        // Right after <h1> it ends the page; inside a word libxml2 would make it a space.
        let bytes = Self.pageWithNUL(headline: "\u{0}Harbour tr\u{0}am line approved", firstParagraph: Self.firstParagraph)
        let article = extractor.extract(html: bytes, url: nil)
        #expect(article.kind == .article)
        #expect(article.metadata.title == "Harbour tram line approved")
        #expect(article.text.split(separator: "\n\n").count == 4)
    }

    /// An XHTML habit in an HTML page: `<script …/>` then its code and `</script>`. A browser
    /// runs the code; libxml2 closed the script at once and the code became the story's text.
    @Test func codeAfterASelfClosedScriptIsNotText() {
        let script = "<script type=\"text/javascript\"/>\n(function() { document.addEventListener('DOMContentLoaded', function() { var config = {\"newsletter\": \"Sign Up\"}; }); })();</script>"
        let page = String(decoding: Self.pageWithNUL(headline: "Harbour tram line approved", firstParagraph: Self.firstParagraph), as: UTF8.self)
            .replacingOccurrences(of: "ending a debate.</p>", with: "ending a debate.</p>\(script)")
        let article = extractor.extract(html: Array(page.utf8), url: nil)
        #expect(article.kind == .article)
        #expect(article.text.hasPrefix(Self.firstParagraph))
        #expect(!article.text.contains("addEventListener"))
    }

    @Test func nulInUTF16IsDecodedNotDropped() throws {
        // In UTF-16 every ASCII character has a NUL byte; dropping them would garble the page.
        let page = String(decoding: Self.pageWithNUL(headline: "Harbour tram line approved", firstParagraph: Self.firstParagraph),
                          as: UTF8.self)
        let bytes: [UInt8] = [0xFF, 0xFE] + page.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let article = extractor.extract(html: bytes, url: nil, encoding: nil)
        #expect(article.metadata.title == "Harbour tram line approved")
        #expect(article.text.hasPrefix(Self.firstParagraph + "\n\n"))
    }

    @Test func fiftyMegabytePageIsRefusedWithoutParsing() {
        let paragraph = Array("<p>The council voted on Tuesday to extend the tram line to the harbour.</p>\n".utf8)
        var page = Array("<html><body>".utf8)
        page.reserveCapacity(50 << 20)
        while page.count < 50 << 20 { page += paragraph }
        let start = ContinuousClock.now
        let article = extractor.extract(html: page, url: nil)
        #expect(article.kind == .notArticle)
        #expect(article.reason?.hasPrefix("page too large") == true)
        // A hang guard with a generous bound, not a speed test (the benchmarks measure speed):
        // parsing it all would take far longer than the refusal, which takes milliseconds.
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func pageJustUnderTheLimitIsExtracted() {
        let small = Extractor(maxBytes: 4096)
        let html = "<html><body><article>" + String(repeating: "<p>Text of the story, long enough to read as prose here.</p>", count: 100)
        let article = small.extract(html: Array(html.utf8), url: nil)
        #expect(article.reason?.hasPrefix("page too large") == true)
        let roomy = Extractor(maxBytes: 1 << 20).extract(html: Array(html.utf8), url: nil)
        #expect(roomy.kind == .article)
    }

    /// A story of four paragraphs inside `depth` nested `<div>`s.
    static func nested(depth: Int) -> [UInt8] {
        let paragraphs = (1...4).map { "<p>Paragraph \($0) of the story, deep inside the page: the council voted on Tuesday to extend the tram line.</p>" }
        return Array(("<html><body>" + String(repeating: "<div>", count: depth) + paragraphs.joined()
            + String(repeating: "</div>", count: depth) + "</body></html>").utf8)
    }

    @Test func aThousandNestedDivsKeepTheText() {
        // libxml2's default limit of 256 levels dropped the whole story here.
        let article = extractor.extract(html: Self.nested(depth: 1000), url: nil)
        #expect(article.kind == .article)
        #expect(article.text == (1...4).map {
            "Paragraph \($0) of the story, deep inside the page: the council voted on Tuesday to extend the tram line."
        }.joined(separator: "\n\n"))
    }

    @Test func nestingPastTheLimitIsRefusedWithAReason() {
        let article = extractor.extract(html: Self.nested(depth: Document.maxDepth), url: nil)
        #expect(article.kind == .notArticle)
        #expect(article.reason == "nested too deep (over 1024 elements)")
        #expect(article.text.isEmpty)
    }

    @Test func hundredThousandNestedDivsAreRefusedQuickly() {
        let start = ContinuousClock.now
        let article = extractor.extract(html: Self.nested(depth: 100_000), url: nil)
        #expect(article.reason == "nested too deep (over 1024 elements)")
        // A hang guard with a generous bound, not a speed test (the benchmarks measure speed):
        // parsing it all would take far longer than the refusal, which takes milliseconds.
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    /// Tens of thousands of dated boxes side by side below a story: each date's label is read
    /// from its neighbour, not from a walk over all its siblings (that was quadratic: 100,000
    /// took 12 s in a release build, a 16 MiB page would take minutes).
    @Test func fortyThousandSiblingDatesAreReadQuickly() {
        let story = String(repeating: "<p>Watch the valley from <b>four cameras</b>, refreshed every minute from sunrise to sunset.</p>", count: 200)
        let dates = String(repeating: "<div>Apr 7, 2009</div>", count: 40_000)
        let page = Array("<html><head><title>Webcams</title></head><body><main><h1>Webcams</h1>\(story)<div>\(dates)</div></main></body></html>".utf8)
        let start = ContinuousClock.now
        let article = extractor.extract(html: page, url: nil)
        #expect(article.kind == .article)
        // A hang guard with a generous bound, not a speed test (a debug build takes about 2 s).
        #expect(ContinuousClock.now - start < .seconds(20))
    }

    /// Twenty thousand dated cards, each a link and a date labelled or classed as one, below a
    /// story that dates itself nowhere: only the first dates found are looked for in cards
    /// (each look walks the card's siblings: 20,000 took 22 s in a release build).
    @Test(arguments: ["<span>Updated:</span> <span>Apr 7, 2009</span>", "<span class='date'>Apr 7, 2009</span>"])
    func twentyThousandDatedCardsAreReadQuickly(date: String) {
        let story = String(repeating: "<p>Watch the valley from <b>four cameras</b>, refreshed every minute from sunrise to sunset.</p>", count: 200)
        let cards = String(repeating: "<div><a href='/cam'>Camera</a> \(date)</div>", count: 20_000)
        let page = Array("<html><head><title>Webcams</title></head><body><main><h1>Webcams</h1>\(story)<div>\(cards)</div></main></body></html>".utf8)
        let start = ContinuousClock.now
        let article = extractor.extract(html: page, url: nil)
        #expect(article.metadata.published == nil)
        // A hang guard with a generous bound, not a speed test.
        #expect(ContinuousClock.now - start < .seconds(20))
    }

    @Test func textNodeOverTenMillionCharactersIsKeptWhole() {
        // libxml2 cut a text node to exactly 10,000,000 characters and said nothing.
        let sentence = "The council voted on Tuesday to extend the tram line to the harbour. "
        let text = String(repeating: sentence, count: 11_000_000 / sentence.utf8.count + 1)
        let article = extractor.extract(html: Array("<html><body><article><p>\(text)</p></article></body></html>".utf8), url: nil)
        #expect(article.kind == .article)
        // Lengths and ends, not the text: a failed expectation prints its operands.
        #expect(article.text.utf8.count == text.utf8.count - 1, "all of it, less the final space")
        #expect(String(article.text.suffix(15)) == "to the harbour.")
    }

    @Test func invalidUTF8IsRepairedNotTruncated() throws {
        let bytes = try Fixtures.bytes("invalid-utf8.html")
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        let article = extractor.extract(html: bytes, url: nil)
        #expect(article.kind == .article)
        #expect(article.text.contains("Tues\u{FFFD}day"))
        #expect(article.text.contains("road\u{FFFD}works"))
        #expect(article.text.hasSuffix("the city said."))
    }

    @Test func noBodyElement() throws {
        let article = extractor.extract(html: try Fixtures.bytes("no-body.html"), url: nil)
        #expect(article.kind == .article)
        #expect(article.metadata.title == "Harbour tram line approved after decade of debate")
        #expect(article.text.split(separator: "\n\n").count == 3)
    }

    @Test func textOnlyInNoscript() throws {
        let article = extractor.extract(html: try Fixtures.bytes("noscript-only.html"), url: nil)
        #expect(article.kind == .notArticle)
        #expect(article.reason == "empty page: no main text")
        #expect(article.text.isEmpty)
    }

    @Test func textOnlyInAScriptBlob() throws {
        let article = extractor.extract(html: try Fixtures.bytes("script-blob-only.html"), url: nil)
        #expect(article.kind == .notArticle)
        #expect(article.reason == "empty page: no main text")
        #expect(!article.text.contains("council"))
    }

    @Test func frameset() throws {
        let article = extractor.extract(html: try Fixtures.bytes("frameset.html"), url: nil)
        #expect(article.kind == .notArticle)
        #expect(article.reason == "frameset page: its content lives in other documents")
    }

    @Test func utf16PageIsNotMistakenForBinary() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "<html><body><p>Hello</p></body></html>".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(InputCheck.binaryFormat(bytes) == nil)
    }

    @Test func utf16LabelledByItsCharsetAloneIsText() {
        // No BOM: only the charset (from a Content-Type header) says these bytes are UTF-16.
        let html = "<html><body><p>" + String(repeating: "Plain story text in UTF-16 without a byte-order mark. ", count: 8)
            + "</p></body></html>"
        let bytes = html.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(InputCheck.binaryFormat(bytes) == "binary data")
        let article = extractor.extract(html: bytes, url: nil, encoding: "UTF-16LE")
        #expect(article.reason == nil)
        #expect(article.text.hasPrefix("Plain story text in UTF-16 without a byte-order mark."))
    }
}
