import Foundation
import IngestCore
import Testing

@Suite struct ArticleCodingTests {
    static let article = Article(
        metadata: ArticleMetadata(title: "Tram line approved", authors: ["Ana Lima", "Tom Berg"], published: "2026-01-02",
                                  site: "Example News", language: "en"),
        text: "First paragraph.\n\nSecond.", canonicalURL: "https://a.test/2026/01/02/tram")

    /// The metadata's keys stand flat beside the article's own, as when they were its fields;
    /// absent ones are left out.
    @Test func anArticleIsOneFlatObject() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(Self.article), as: UTF8.self)
        #expect(json == #"{"authors":["Ana Lima","Tom Berg"],"canonicalURL":"https://a.test/2026/01/02/tram","#
            + #""kind":"article","language":"en","published":"2026-01-02","site":"Example News","#
            + #""text":"First paragraph.\n\nSecond.","title":"Tram line approved"}"#)
        #expect(try JSONDecoder().decode(Article.self, from: Data(json.utf8)) == Self.article)
    }

    @Test func aNotArticleWithoutMetadataReadsBack() throws {
        let refused = Article(kind: .notArticle, reason: "listing page")
        let json = try JSONEncoder().encode(refused)
        #expect(try JSONDecoder().decode(Article.self, from: json) == refused)
        let written = #"{"kind":"not-article","reason":"listing page","text":"","authors":[]}"#
        #expect(try JSONDecoder().decode(Article.self, from: Data(written.utf8)) == refused)
    }

    @Test(arguments: [([String](), nil as String?), (["Ana Lima"], "Ana Lima"), (["Ana Lima", "Tom Berg"], "Ana Lima, Tom Berg")])
    func authorsExportAsOneField(authors: [String], author: String?) {
        #expect(ArticleMetadata(authors: authors).author == author)
    }

    /// The byline as the page joins its names is the exported field; the list keeps the names.
    @Test func aShownBylineIsTheExportedAuthor() throws {
        let metadata = ArticleMetadata(authors: ["Ana Lima", "Tom Berg"], byline: "Ana Lima and Tom Berg")
        #expect(metadata.author == "Ana Lima and Tom Berg")
        let json = try JSONEncoder().encode(metadata)
        #expect(try JSONDecoder().decode(ArticleMetadata.self, from: json) == metadata)
        #expect(ArticleMetadata(authors: [], byline: "Ana Lima and Tom Berg").author == nil)
    }
}
