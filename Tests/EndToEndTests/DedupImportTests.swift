import Foundation
import IngestTesting
import Testing

/// The deduplicator as a user meets it: HTML pages through `ingest import`, the extractor's
/// text in between.
@Suite struct DedupImportTests {
    private func page(_ title: String, _ paragraphs: [String]) -> String {
        "<html><head><title>\(title)</title></head><body><article><h1>\(title)</h1>\n"
            + paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n") + "\n</article></body></html>"
    }

    /// Imports the pages (name → HTML) and returns each page's story id.
    private func importStories(_ pages: [String: String]) throws -> [String: String] {
        let temp = TemporaryDirectory("ingest-dedup")
        defer { temp.remove() }
        for (name, html) in pages { try html.write(to: temp.url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let result = try IngestBinary.run(["import"] + pages.keys.sorted(), in: temp.url)
        #expect(result.status == 0, "\(result.stderr)")
        var stories: [String: String] = [:]
        // `new STORY URL` or `joined STORY URL`, in the order pages finish.
        for line in result.stdout.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            if fields.count == 3 { stories[URL(string: fields[2])?.lastPathComponent ?? fields[2]] = fields[1] }
        }
        #expect(stories.count == pages.count, "\(result.stdout)")
        return stories
    }

    /// A site that hard-wraps its story and puts every wrapped line in its own `<p>`: the
    /// extractor hands over one paragraph per line, the deduplicator still sees the story.
    @Test func onePerLineParagraphsJoinTheOriginalThroughImport() throws {
        let story = try dedupFixture("short-ferry.txt") + dedupFixture("short-orchard.txt")
        let stories = try importStories(["original.html": page("Two towns", story),
                                         "reflowed.html": page("Two towns, again", wrappedLines(story))])
        #expect(stories["original.html"] != nil && stories["reflowed.html"] == stories["original.html"])
    }

    /// Two briefs under one long plea, as pages: four fifths of each is the plea, and they stay
    /// two stories; a copy of one brief with the plea on top joins it.
    @Test func briefsUnderOnePleaStayApartThroughImport() throws {
        let plea = try dedupFixture("plea.txt")
        let ferry = try dedupFixture("short-ferry.txt")[0], orchard = try dedupFixture("short-orchard.txt")[0]
        let stories = try importStories(["ferry.html": page("Ferry back", [ferry] + plea),
                                         "orchard.html": page("Cold store opens", [orchard] + plea),
                                         "ferry-copy.html": page("Ferry service resumes", plea + [ferry])])
        #expect(stories["ferry.html"] != stories["orchard.html"])
        #expect(stories["ferry-copy.html"] == stories["ferry.html"])
    }
}
