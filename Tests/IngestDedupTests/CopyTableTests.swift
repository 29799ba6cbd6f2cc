import Testing
@testable import IngestDedup

@Suite struct CopyTableTests {
    /// Past several rehashes, removed copies vanish, the others stay findable, re-added ones return.
    @Test func copiesStayFindableAcrossRehashesAndRemovals() {
        var index = StoryIndex()
        let ids = (0..<3_000).map { "https://site\($0 % 7).example/a/\($0)" }
        for (n, id) in ids.enumerated() { index.add(copyID: id, text: "Brief number \(n) about nothing in particular.") }
        for id in ids.enumerated().filter({ $0.offset % 3 == 0 }).map(\.element) {
            let story = index.storyID(ofCopy: id)
            #expect(story != nil && index.remove(copyID: id) == story, "removing returns the story the copy was in")
        }
        #expect(index.copyCount == 2_000)
        for (n, id) in ids.enumerated() { #expect((index.storyID(ofCopy: id) == nil) == (n % 3 == 0)) }
        index.add(copyID: ids[0], text: "Brief number 0 again.")
        // Findable again; which story it joins is the clustering's business (StoryIndexTests).
        #expect(index.storyID(ofCopy: ids[0]) != nil)
        #expect(index.copyCount == 2_001)
        #expect(index.remove(copyID: "https://never.example/") == nil)
    }
}
