import Foundation
import Testing
@testable import IngestMarkup

/// `Document.walkHTML` streams the parser's events without libxml2's tree; it must give the
/// very events the tree walk gives (`Document(keepsCode: false).walk`), which the extractor
/// was built and measured on.
@Suite struct DocumentStreamTests {
    static let attributes: Set<String> = ["class", "id", "type", "href", "hidden", "checked", "title"]

    func render(_ event: WalkEvent, into result: inout [String]) {
        switch event {
        case .open(let name, let attributes):
            result.append("<\(name)" + attributes.map { " \($0.name)=\($0.value)" }.joined() + ">")
        case .text(let text):
            result.append("'\(text)'")
        case .close:
            result.append("</>")
        }
    }

    /// The tree walk's events, or nil without a document; "!" at the end when parsing stopped.
    func treeEvents(_ bytes: [UInt8], encoding: String? = "UTF-8", skipping: Set<String> = []) -> [String]? {
        guard let document = Document(html: bytes, encoding: encoding, keepsCode: false) else { return nil }
        var result: [String] = []
        document.walk(attributes: Self.attributes) { event in
            render(event, into: &result)
            if case .open(let name, _) = event, skipping.contains(name) { return .skipContent }
            return .descend
        }
        return document.tooDeep ? result + ["!"] : result
    }

    func streamEvents(_ bytes: [UInt8], encoding: String? = "UTF-8", skipping: Set<String> = [], trimsCode: Bool = false) -> [String]? {
        streamWalk(bytes, encoding: encoding, skipping: skipping, trimsCode: trimsCode).events
    }

    func streamWalk(_ bytes: [UInt8], encoding: String? = "UTF-8", skipping: Set<String> = [],
                    trimsCode: Bool) -> (events: [String]?, outcome: Document.StreamOutcome) {
        var result: [String] = []
        let outcome = Document.walkHTML(bytes, encoding: encoding, trimsCode: trimsCode, attributes: Self.attributes) { event in
            render(event, into: &result)
            if case .open(let name, _) = event, skipping.contains(name) { return .skipContent }
            return .descend
        }
        switch outcome {
        case .noDocument: return (nil, outcome)
        case .tooDeep: return (result + ["!"], outcome)
        case .parsed, .trimMisread: return (result, outcome)
        }
    }

    /// The events with script bodies trimmed, walked again whole after a misread (as
    /// `PageTree.parse` does), and whether that was needed.
    func trimmedEvents(_ bytes: [UInt8]) -> (events: [String]?, misread: Bool) {
        let first = streamWalk(bytes, trimsCode: true)
        guard first.outcome == .trimMisread else { return (first.events, false) }
        return (streamWalk(bytes, trimsCode: false).events, true)
    }

    func expectSameEvents(_ html: String, skipping: Set<String> = [], sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = Array(html.utf8)
        let tree = treeEvents(bytes, skipping: skipping), stream = streamEvents(bytes, skipping: skipping)
        #expect(stream == tree, sourceLocation: sourceLocation)
    }

    @Test func textIsOneNodeUntilAnElementCommentOrInstruction() {
        expectSameEvents("<p>a &amp; b&#32;c<b>d</b>e<!-- note -->f<?php echo 1 ?>g</p>")
        expectSameEvents("<div>\n  <p>one</p>\n  <p>two</p> <span>three</span>\n</div>")
    }

    /// libxml2 knows HTML 4's names only and leaves "&mldr;" as written; a browser shows "…".
    @Test func htmlFiveNamedReferencesAreDecodedInTextOnly() {
        let html = #"<p>wait&mldr; &num;1 &hellip; &nosuch; AT&T</p><script type="application/ld+json">"&mldr;"</script>"#
        #expect(streamEvents(Array(html.utf8)) == ["<html>", "<body>", "<p>", "'wait… #1 … &nosuch; AT&T'", "</>",
                                                   "<script type=application/ld+json>", #"'"&mldr;"'"#, "</>", "</>", "</>"])
        expectSameEvents(html)
        #expect(HTML5Entities.decode(Array("&Lopf;&fjlig;&mldr".utf8)) == Array("𝕃fj&mldr".utf8))
    }

    /// A section's end tag closes a `<div>` left open inside it, as browsers do (libxml2 2.9
    /// alone drops the end tag), but not through a table cell; both walks agree.
    @Test func aSectionEndTagClosesADivLeftOpenButNotACell() {
        let html = "<aside><div>ad</aside><p>story</p>"
        #expect(streamEvents(Array(html.utf8)) == ["<html>", "<body>", "<aside>", "<div>", "'ad'", "</>", "</>",
                                                   "<p>", "'story'", "</>", "</>", "</>"])
        expectSameEvents(html)
        expectSameEvents("<div><section><ul><li><div class=x><b>menu</section><p>story</p></div><footer>f</footer>")
        #expect(streamEvents(Array("<button><div>Menu</button><p>story</p>".utf8)) == ["<html>", "<body>", "<button>", "<div>", "'Menu'",
                                                                                       "</>", "</>", "<p>", "'story'", "</>", "</>", "</>"])
        let cell = "<aside><table><tr><td><div>ad</aside><p>story</p>"
        // The paragraph stays inside the cell's <div>: no element closes between them.
        let events = streamEvents(Array(cell.utf8)) ?? []
        let div = events.firstIndex(of: "<div>") ?? 0, paragraph = events.firstIndex(of: "<p>") ?? 0
        #expect(div < paragraph && !events[div..<paragraph].contains("</>"))
        expectSameEvents(cell)
    }

    @Test func tagsTheParserDiscardsDoNotSplitText() {
        expectSameEvents("<html><body><p>x<body class=y>z<html lang=en>w<head>v</p></body></html>")
    }

    @Test func prefixedNamesLoseTheirPrefixAsInTheTree() {
        expectSameEvents("<p><fb:like href=x>a</fb:like><o:p>b</o:p><:odd>c</:odd><ns:>d</ns:></p>")
    }

    @Test func valuelessAttributesReadAsTheTreeHasThem() {
        expectSameEvents("<div hidden class><input checked type=checkbox><p title>t</p></div>")
    }

    @Test func onlyJSONLDScriptsKeepTheirText() {
        let code = String(repeating: "var x = '<p>not markup</p>';\n", count: 200)
        expectSameEvents("<html><head><script>\(code)</script><style>p { color: red }</style>"
            + "<script type=\"Application/LD+JSON\">{\"@type\": \"NewsArticle\"}</script></head><body><p>Story</p></body></html>")
    }

    @Test func onlyTheFirstRootIsWalked() {
        expectSameEvents("text before <b>any element</b> and after")
        expectSameEvents("<!-- c --><html><body><p>a</p></body></html><p>b</p>")
        expectSameEvents("<!DOCTYPE html><html><body><p>a</p></body></html > <p>b</p>")
        expectSameEvents("<p>a</p><!DOCTYPE html><p>b</p>")
        expectSameEvents("<frameset><frame src=a></frameset><p>after</p>")
        // Only UTF-16 keeps its `</html>` (NULs and end tags are removed from other input):
        // what follows joins the root when it is the document's first node, else is lost.
        for html in ["<html><p>a</p></html><p>b</p>", "<!DOCTYPE html><html><p>a</p></html><p>b</p>",
                     "<html><p>a</p></html><!DOCTYPE html><p>b</p>"] {
            let utf16 = utf16LE(html)
            #expect(streamEvents(utf16, encoding: "UTF-16") == treeEvents(utf16, encoding: "UTF-16"))
        }
        #expect(streamEvents(utf16LE("<html><p>a</p></html><p>b</p>"), encoding: "UTF-16")?.contains("'b'") == true)
    }

    func utf16LE(_ text: String) -> [UInt8] {
        [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    @Test func skippedElementsCloseWithoutTheirContent() {
        expectSameEvents("<body><nav>menu <a href=/>home</a></nav>story<nav></nav></body>", skipping: ["nav"])
        expectSameEvents("<html><p>x</p></html>", skipping: ["html"])
    }

    @Test func nulsEncodingsAndEmptyInputAsTheTreeHasThem() throws {
        let nul = Array("<p>a".utf8) + [0] + Array("b</p><h1>t".utf8) + [0] + Array("</h1>".utf8)
        #expect(streamEvents(nul) == treeEvents(nul))
        let cyrillic: [UInt8] = Array("<p>".utf8) + [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2] + Array("</p>".utf8)
        #expect(streamEvents(cyrillic, encoding: "windows-1251") == treeEvents(cyrillic, encoding: "windows-1251"))
        let utf16 = utf16LE("<p>Grüße</p>")
        #expect(streamEvents(utf16, encoding: "UTF-16") == treeEvents(utf16, encoding: "UTF-16"))
        #expect(streamEvents([]) == treeEvents([]))
        #expect(streamEvents(Array(" ".utf8)) == treeEvents(Array(" ".utf8)))
    }

    @Test func nestingPastTheCapStopsBothTheSameWay() {
        for depth in [Document.maxDepth - 3, Document.maxDepth + 5] {
            let html = String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth)
            let stream = streamEvents(Array(html.utf8))
            #expect(stream?.last == (depth > Document.maxDepth ? "!" : "</>"))
            if depth < Document.maxDepth { #expect(stream == treeEvents(Array(html.utf8))) }
        }
    }

    static let code = String(repeating: "if (a < b && c > d) { render('<p>' + x + '</p>'); }\n", count: 8)

    @Test func trimmedScriptBodiesGiveTheSameEvents() {
        let code = Self.code
        let cases = [
            "<html><head><script>\(code)</script><STYLE media=x>\(code)</STYLE></head><body><p>Story</p></body></html>",
            "<p>a</p><script type='text/javascript' data-x=\"a>b\">\(code)</script><p>b</p>",
            "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"x\": \"\(code)\"}</script><p>c</p>",
            "<script src=x />\(code)<p>after a self-closed script</p>",
            "<script><p>\(code)</p></script><p>a body that starts with markup</p>",
            "<script>\(code)</scripts><p>a prefix of the name ends it</p>",
            "<!-- <script> --><p>\(code)</p><!-- </script> -->",
            "<script>\(code)",
        ]
        for html in cases {
            let bytes = Array(html.utf8)
            #expect(trimmedEvents(bytes).events == treeEvents(bytes), "\(html.prefix(60))")
        }
        let plain = Array("<script>\(code)</script><p>x</p>".utf8)
        #expect(CodeTrimmer(plain).replaced == 1 && CodeTrimmer(plain).bytes.count < plain.count)
        #expect(!trimmedEvents(plain).misread)
        // JSON-LD is read, never cut; short bodies are not worth it.
        #expect(CodeTrimmer(Array(cases[2].utf8)).replaced == 0)
        #expect(CodeTrimmer(Array("<script>var a = 1;</script>".utf8)).replaced == 0)
    }

    @Test func aCutWhereTheParserReadsNoScriptIsCaughtAndUndone() {
        // The scan takes a `<script>` in an attribute value for a script; the parser does not.
        let html = "<div title=\"<script>\(Self.code)</script>\">text</div><p>after</p>"
        let bytes = Array(html.utf8)
        #expect(CodeTrimmer(bytes).replaced == 1)
        let trimmed = trimmedEvents(bytes)
        #expect(trimmed.misread)
        #expect(trimmed.events == treeEvents(bytes))
        #expect(treeEvents(bytes)?.contains { $0.contains("render(") } == true)
    }

    @Test func invalidBytesInACutBodyChangeNothingAfterIt() {
        for bad: [UInt8] in [[0xFF], [0xE2, 0x82], [0xC3]] {
            let bytes = Array("<script>\(Self.code)".utf8) + bad + Array("</script><p>é</p>".utf8)
            #expect(CodeTrimmer(bytes).replaced == 1)
            #expect(streamWalk(bytes, trimsCode: true).outcome == .parsed)
            #expect(streamEvents(bytes, trimsCode: true) == treeEvents(bytes))
        }
    }

    /// Every HTML fixture of the extractor's tests, real pages and edge cases.
    @Test func everyArticleFixtureStreamsAsItWalks() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/articles")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".html") }
        #expect(files.count > 10)
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(file)))
            #expect(streamEvents(bytes) == treeEvents(bytes), "\(file)")
            #expect(trimmedEvents(bytes).events == treeEvents(bytes), "\(file) trimmed")
        }
    }
}
