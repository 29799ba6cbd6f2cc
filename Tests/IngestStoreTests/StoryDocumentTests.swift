import Testing
@testable import IngestStore

/// The Markdown documents of `ingest export --format md`: a paragraph stays a paragraph.
@Suite struct StoryDocumentTests {
    @Test(arguments: [
        ("# Not a heading", "\\# Not a heading"), ("> not a quote", "\\> not a quote"), ("- not a list", "\\- not a list"),
        ("* not a list", "\\* not a list"), ("1. Not a list", "1\\. Not a list"), ("2024) Not a list", "2024\\) Not a list"),
        ("--- not a rule", "\\--- not a rule"), ("```", "\\```"),
        ("A plain paragraph.", "A plain paragraph."), ("1984 was a year.", "1984 was a year."), ("", ""),
    ])
    func aParagraphThatWouldStartAMarkdownBlockIsEscaped(_ paragraph: String, _ expected: String) {
        #expect(StoryDocument.escapingBlockMarker(paragraph) == expected)
    }

    @Test func fileNamesKeepIdsInsideTheDirectory() {
        #expect(StoryDocument.fileName(id: "3f9c0a1b2c3d4e5f", format: .md) == "3f9c0a1b2c3d4e5f.md")
        #expect(StoryDocument.fileName(id: "../etc/passwd", format: .txt) == "%2E%2E%2Fetc%2Fpasswd.txt")
        #expect(StoryDocument.fileName(id: "story-0_a", format: .txt) == "story-0_a.txt")
    }
}
