import Testing
@testable import IngestMarkup

@Suite struct DocumentTests {
    @Test func parsesHTMLAndWalksInDocumentOrder() throws {
        let html = "<html><head><title>T</title></head><body><p class=a>One <b>two</b></p><p>three</p></body></html>"
        let doc = try #require(Document(html: Array(html.utf8)))
        let root = try #require(doc.root)
        #expect(root.name == "html")
        let names = root.descendants.filter { $0.kind == .element }.map(\.name)
        #expect(names == ["head", "title", "body", "p", "b", "p"])
        let first = try #require(root.descendants(named: "p").first)
        #expect(first.attribute("class") == "a")
        #expect(first.attribute("missing") == nil)
        #expect(first.text == "One two")
    }

    @Test func decodesWithTheEncodingItIsGiven() throws {
        // "Привет" in windows-1251.
        let bytes: [UInt8] = Array("<p>".utf8) + [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2] + Array("</p>".utf8)
        let doc = try #require(Document(html: bytes, encoding: "windows-1251"))
        #expect(doc.root?.descendants(named: "p").first?.text == "Привет")
    }

    @Test func nulBytesAreDroppedInsteadOfEndingTheDocument() throws {
        let bytes = Array("<html><body><p>".utf8) + [0] + Array("One</p><p>t".utf8) + [0] + Array("wo</p></body></html>".utf8)
        let doc = try #require(Document(html: bytes))
        #expect(doc.root?.descendants(named: "p").map(\.text) == ["One", "two"])
    }

    @Test func withoutCodeOnlyJSONLDScriptsKeepTheirText() throws {
        let code = String(repeating: "var x = '<p>not markup</p>';\n", count: 200)
        let html = "<html><head><script>\(code)</script><style>p { color: red }</style>"
            + "<script type=\"Application/LD+JSON\">{\"@type\": \"NewsArticle\"}</script></head>"
            + "<body><p>Story</p></body></html>"
        let lean = try #require(Document(html: Array(html.utf8), keepsCode: false))
        let scripts = try #require(lean.root).descendants(named: "script")
        #expect(scripts.map(\.text) == ["", "{\"@type\": \"NewsArticle\"}"])
        #expect(lean.root?.descendants(named: "style").first?.text == "")
        #expect(lean.root?.descendants(named: "p").map(\.text) == ["Story"])
        // The default keeps code, for callers that read it.
        let full = try #require(Document(html: Array(html.utf8)))
        #expect(full.root?.descendants(named: "script").first?.text == code)
    }

    @Test func documentEndTagsAreRemovedWhereverTheyStand() {
        var bytes = Array("a</BODY >b<</html>c</htm</bodyx></body".utf8)
        Document.removeDocumentEndTags(&bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "ab<c</htm</bodyx></body")
    }

    /// Attributes past the limit go up to the tag's end, read as libxml2 reads it: a quoted
    /// value may hold `>`, a stray quote starts a bogus attribute, not a value; comments, end
    /// tags and script bodies hold no tags.
    @Test(arguments: [
        ("<div a=1 b=\"x>y\" c d e f>text</div>", "<div a=1 b=\"x>y\" c >text</div>"),
        ("<img a b = 'q' c d/>", "<img a b = 'q' c />"),
        ("<p a\"b c d e>", "<p a\"b c d >"),
        ("<!-- <i a b c d> --><script>if (x <y a b c d) {}</script><i a b c>", "<!-- <i a b c d> --><script>if (x <y a b c d) {}</script><i a b c>"),
        ("</i a b c d e><i a b c d e>", "</i a b c d e><i a b c >"),
    ])
    func attributesPastTheLimitAreCut(input: String, expected: String) {
        var bytes = Array(input.utf8)
        Document.mendTags(&bytes, limit: 3)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    /// HTML has no self-closing script or style: code after `<script/>` is its body, as a
    /// browser reads it, not the page's text. One a tag (or its end tag) follows stays closed.
    @Test(arguments: [
        ("<script type=\"text/javascript\"/>\n(function() { go(); })();</script><p>Story</p>",
         "<script type=\"text/javascript\">\n(function() { go(); })();</script><p>Story</p>"),
        ("<STYLE/>p { color: red }</style>", "<STYLE>p { color: red }</style>"),
        ("<script src=\"a.js\"/><p>Story</p><script>x()</script>", "<script src=\"a.js\"/><p>Story</p><script>x()</script>"),
        ("<script src=\"a.js\" />  </script><p>Story</p>", "<script src=\"a.js\" />  </script><p>Story</p>"),
        ("<div/>text", "<div/>text"),
    ])
    func aSelfClosedScriptThatCodeFollowsIsOpened(input: String, expected: String) {
        var bytes = Array(input.utf8)
        Document.mendTags(&bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    /// A tag of 100,000 attributes (libxml2 compares each with those before it) keeps the
    /// first `maxAttributes`, and the text after it is read.
    @Test func aTagOfCountlessAttributesKeepsTheFirstOnes() throws {
        let attributes = (0 ..< 100_000).map { "a\($0)=v" }.joined(separator: " ")
        let doc = try #require(Document(html: Array("<div class=story \(attributes)><p>Story</p></div>".utf8)))
        let div = try #require(doc.root?.descendants(named: "div").first)
        #expect(div.attributes.count == Document.maxAttributes)
        #expect(div.attribute("class") == "story")
        #expect(div.descendants(named: "p").map(\.text) == ["Story"])
    }

    /// A feed's CDATA sections and processing instructions hold no tags; its scripts do.
    @Test func feedAttributesPastTheLimitAreCutOutsideCDATA() throws {
        let input = "<?xml-stylesheet a b c d?><rss><item a='1' b c d e><description><![CDATA[<img a b c d e>]]></description><script a b c d></script></item></rss>"
        var bytes = Array(input.utf8)
        Document.mendTags(&bytes, limit: 3, xml: true)
        #expect(String(decoding: bytes, as: UTF8.self)
            == "<?xml-stylesheet a b c d?><rss><item a='1' b c ><description><![CDATA[<img a b c d e>]]></description><script a b c ></script></item></rss>")
        let attributes = (0 ..< 100_000).map { "a\($0)=\"v\"" }.joined(separator: " ")
        let feed = try #require(Document(xml: Array("<rss><channel><item \(attributes)><title>One</title></item></channel></rss>".utf8)))
        let item = try #require(feed.root?.descendants(named: "item").first)
        #expect(item.attributes.count == Document.maxAttributes)
        #expect(item.descendants(named: "title").map(\.text) == ["One"])
    }

    /// `depth` nested `<div>`s around a text, inside the implied `<html><body>`.
    func nested(_ depth: Int) -> [UInt8] {
        Array((String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth)).utf8)
    }

    @Test func deepNestingIsBuiltAndWalkedWithoutRecursion() throws {
        let doc = try #require(Document(html: nested(Document.maxDepth - 2)))
        #expect(!doc.tooDeep)
        let divs = try #require(doc.root).descendants(named: "div")
        #expect(divs.count == Document.maxDepth - 2)
        #expect(divs.last?.text == "deep")
    }

    @Test func nestingPastTheLimitStopsTheParseAndSaysSo() throws {
        let doc = try #require(Document(html: nested(20_000)))
        #expect(doc.tooDeep)
        #expect(try #require(doc.root).descendants(named: "div").count == Document.maxDepth - 2)
    }

    @Test func xmlDoesNotExpandExternalEntities() throws {
        let xml = """
        <?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <rss><channel><title>&x;</title></channel></rss>
        """
        let doc = try #require(Document(xml: Array(xml.utf8)))
        let title = doc.root?.descendants(named: "title").first?.text ?? ""
        #expect(!title.contains("root:"))
    }

    @Test func xmlExposesNamespaces() throws {
        let xml = #"<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="https://e.com/a"/></entry></feed>"#
        let doc = try #require(Document(xml: Array(xml.utf8)))
        let link = try #require(doc.root?.descendants(named: "link").first)
        #expect(link.namespace == "http://www.w3.org/2005/Atom")
        #expect(link.attribute("href") == "https://e.com/a")
        #expect(link.parent?.name == "entry")
    }
}
