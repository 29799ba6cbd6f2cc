import Foundation
import IngestDedup
import IngestExtract
import IngestTesting
import Testing

/// The deduplicator sees extracted text, not the page: a site that hard-wraps its story and puts
/// every wrapped line in its own `<p>` must still give the story the original gives.
@Suite struct ReflowThroughExtractionTests {
    private func page(_ title: String, _ paragraphs: [String]) -> [UInt8] {
        let body = paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n")
        return Array("<html><head><title>\(title)</title></head><body><article><h1>\(title)</h1>\n\(body)\n</article></body></html>".utf8)
    }

    @Test func onePerLineParagraphsJoinTheOriginal() throws {
        let story = try dedupFixture("short-ferry.txt") + dedupFixture("short-orchard.txt") + dedupFixture("short-library.txt")
        let extractor = Extractor()
        let original = extractor.extract(html: page("Three towns", story), url: "https://a.example/story")
        let reflowed = extractor.extract(html: page("Three towns", wrappedLines(story)), url: "https://b.example/story")
        // The premise: the extractor hands over one paragraph per wrapped line.
        #expect(reflowed.text.components(separatedBy: "\n\n").count > 3 * story.count)
        var index = StoryIndex()
        let first = index.add(copyID: "a", text: original.text)
        let copy = index.add(copyID: "b", text: reflowed.text)
        #expect(copy.storyID == first.storyID && copy.joinedExistingStory)
    }
}
