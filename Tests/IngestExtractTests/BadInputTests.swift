import Foundation
import Testing
@testable import IngestExtract

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

    @Test func fiftyMegabytePageIsRefusedWithoutParsing() {
        let paragraph = Array("<p>The council voted on Tuesday to extend the tram line to the harbour.</p>\n".utf8)
        var page = Array("<html><body>".utf8)
        page.reserveCapacity(50 << 20)
        while page.count < 50 << 20 { page += paragraph }
        let start = ContinuousClock.now
        let article = extractor.extract(html: page, url: nil)
        #expect(article.kind == .notArticle)
        #expect(article.reason?.hasPrefix("page too large") == true)
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

    @Test func hundredThousandNestedDivs() {
        let depth = 100_000
        let html = "<html><body>" + String(repeating: "<div>", count: depth)
            + "<p>Deep inside the page, a single paragraph of story text that nobody will ever read in full.</p>"
            + String(repeating: "</div>", count: depth) + "</body></html>"
        let start = ContinuousClock.now
        let article = extractor.extract(html: Array(html.utf8), url: nil)
        // libxml2 builds only the first few hundred levels, so the paragraph is lost; what
        // matters is a clear result in bounded time, from passes that never recurse.
        #expect(article.kind == .notArticle)
        #expect(article.reason != nil)
        #expect(ContinuousClock.now - start < .seconds(20))
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
        #expect(article.title == "Harbour tram line approved after decade of debate")
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
}
