import Foundation
import Testing
@testable import IngestExtract

/// The five seed stories rendered into realistic site templates (navigation, share bars,
/// comments, the JPost "Dear Reader … $5 a month" plea, "Related Content") must come back as
/// exactly their story paragraphs, and nothing else.
@Suite struct SeedTemplateTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var seed: String
        var template: String
        /// The headline; `nil` takes the seed's first line.
        var headline: String?
        /// Prefixes of the story's first and last lines in the seed.
        var first: String
        var last: String
        /// Lines inside the story that the site shows as promotional links, not story.
        var promos: [String] = []
        /// Other placeholders: seed-line prefix to fill them from.
        var extras: [String: String] = [:]
        var testDescription: String { "\(seed) in \(template)" }
    }

    static let cases: [Case] = [
        Case(seed: "000_9de8ca7f955f3237.txt", template: "blogspot-with-comments.html",
             first: "rime Minister Benjamin", last: "Their meeting in the Kremlin"),
        Case(seed: "001_39338f6e4db38bf7.txt", template: "jpost-dear-reader.html",
             first: "Prime Minister Benjamin Netanyahu and Russian", last: "Putin stressed that",
             promos: ["Be the first to know"], extras: ["{{DEK}}": "The last time the two leaders", "{{DATE}}": "January 1, 2018"]),
        Case(seed: "002_4ce724c1e808eaeb.txt", template: "wordpress-leave-a-reply.html",
             first: "Russian President Vladimir Putin affirmed", last: "Russia however maintained"),
        Case(seed: "003_4020e526ab033ce2.txt", template: "jpost-dear-reader.html",
             first: "Prime Minister Benjamin Netanyahu spoke on Saturday", last: "This statement reflected",
             promos: ["Be the first to know"], extras: ["{{DEK}}": "Last Sunday, Netanyahu phoned", "{{DATE}}": "December 31, 2016"]),
        Case(seed: "004_bfa78332eb768e03.txt", template: "news-agency-share-bar.html",
             headline: "Putin and Netanyahu discuss the Middle East by phone",
             first: "Russian President Vladimir Putin and Israeli", last: "When it comes to Syria"),
    ]

    @Test(arguments: cases)
    func seedStoryComesBackAlone(_ spec: Case) throws {
        let lines = try Fixtures.seed(spec.seed).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let start = try #require(lines.firstIndex { $0.hasPrefix(spec.first) })
        let end = try #require(lines.lastIndex { $0.hasPrefix(spec.last) })
        let storyLines = lines[start...end].filter { !$0.isEmpty }
        let story = storyLines.filter { line in !spec.promos.contains { line.hasPrefix($0) } }
        let body = storyLines.map { line in
            spec.promos.contains { line.hasPrefix($0) }
                ? "<p><a href=\"https://www.facebook.com/example\">\(escape(line))</a></p>"
                : "<p>\(escape(line))</p>"
        }.joined(separator: "\n")
        let headline = spec.headline ?? lines[0]
        var html = try Fixtures.text("seeds/" + spec.template)
            .replacingOccurrences(of: "{{HEADLINE}}", with: escape(headline))
            .replacingOccurrences(of: "{{STORY}}", with: body)
        for (placeholder, prefix) in spec.extras {
            let line = try #require(lines.first { $0.hasPrefix(prefix) })
            html = html.replacingOccurrences(of: placeholder, with: escape(line))
        }

        let article = Extractor().extract(html: Array(html.utf8), url: "https://example.com/news/story")
        #expect(article.kind == .article)
        #expect(article.metadata.title == headline)
        #expect(article.text == story.joined(separator: "\n\n"))
    }

    @Test func jpostTemplateMetadataComesFromJSONLDGraph() throws {
        let html = try Fixtures.text("seeds/jpost-dear-reader.html").replacingOccurrences(of: "{{HEADLINE}}", with: "Headline")
        let article = Extractor().extract(html: Array(html.utf8), url: "https://www.jpost.com/Israel-News/x")
        #expect(article.metadata.authors == ["Herb Keinon"])
        #expect(article.metadata.published == "2018-01-01T17:08:00+02:00")
        #expect(article.metadata.modified == "2018-01-01T18:40:00+02:00")
        #expect(article.canonicalURL == "https://www.jpost.com/Israel-News/Netanyahu-Putin-speak-477155")
        #expect(article.metadata.site == "The Jerusalem Post | JPost.com")
        #expect(article.metadata.language == "en")
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
