import Foundation
import IngestTesting
import LoopbackServer
import Testing

/// Issue #11, things that must never be stored: binary files, whatever charset they claim,
/// refused on every path of the real binary (import of a file or URL, sync, extract) with a
/// reason naming the format, and feeds given as article pages; nothing is written to the store.
@Suite struct HostileInputTests {
    /// A file under Tests/Fixtures.
    static func fixture(_ path: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/" + path)
    }

    /// Each binary fixture and the reason the extractor gives for it.
    static let binaries = [
        ("articles/binary-png.png", "not HTML (PNG image)"),
        ("articles/binary-png-meta-windows-1252.png", "not HTML (PNG image)"),
        ("articles/binary-gzip.gz", "not HTML (gzip data)"),
        ("articles/binary-jpeg-html-tail.jpg", "not HTML (JPEG image)"),
        ("articles/binary-random.bin", "not HTML (binary data)"),
    ]

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixture(path)))
    }

    /// The copies `ingest export --copies` lists for the store in `dir`.
    private func storedCopies(in dir: URL) throws -> [Substring] {
        let export = try IngestBinary.run(["export", "--copies"], in: dir)
        #expect(export.status == 0, "\(export.stderr)")
        return export.stdout.split(separator: "\n")
    }

    @Test func importRefusesBinaryFilesAndStoresNothing() throws {
        let temp = TemporaryDirectory("ingest-hostile")
        defer { temp.remove() }
        let paths = Self.binaries.map { Self.fixture($0.0).path }
        let result = try IngestBinary.run(["import"] + paths, in: temp.url)
        #expect(result.status == 3)
        let expected = zip(paths, Self.binaries).map { "failed \($0): not an article (\($1.1))" }
        #expect(result.stdout.split(separator: "\n").map(String.init) == expected)
        #expect(try storedCopies(in: temp.url).isEmpty)
    }

    @Test func importRefusesBinaryURLsWhateverCharsetTheHeaderDeclares() throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let png = try Self.bytes("articles/binary-png.png"), random = try Self.bytes("articles/binary-random.bin")
        server.route("/logo") { _ in
            LoopbackResponse(headers: [("Content-Type", "text/html; charset=windows-1252")], body: png)
        }
        server.route("/noise") { _ in LoopbackResponse(headers: [("Content-Type", "text/html")], body: random) }
        let temp = TemporaryDirectory("ingest-hostile")
        defer { temp.remove() }
        let result = try IngestBinary.run(["import", server.url("/logo"), server.url("/noise")], in: temp.url)
        #expect(result.status == 3)
        #expect(result.stdout == """
            failed \(server.url("/logo")): not an article (not HTML (PNG image))
            failed \(server.url("/noise")): not an article (not HTML (binary data))

            """)
        #expect(try storedCopies(in: temp.url).isEmpty)
    }

    @Test func syncSkipsABinaryArticleAndStoresTheRest() throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let png = try Self.bytes("articles/binary-png-meta-windows-1252.png")
        server.route("/news/photo") { _ in
            LoopbackResponse(headers: [("Content-Type", "text/html; charset=windows-1252")], body: png)
        }
        let story = SmallWorld.page(title: "Harbour council delays vote", paragraphs: SmallWorld.paragraphs(seed: 2),
                                    canonical: nil)
        server.route("/news/story") { _ in .text(story) }
        server.route("/feed.xml") { _ in
            .text("""
                <?xml version="1.0"?><rss version="2.0"><channel><title>Site</title>
                <item><title>Photo</title><link>\(server.url("/news/photo"))</link></item>
                <item><title>Story</title><link>\(server.url("/news/story"))</link></item>
                </channel></rss>
                """, contentType: "application/rss+xml")
        }
        let temp = TemporaryDirectory("ingest-hostile")
        defer { temp.remove() }
        try """
            {"settings": {"perHostDelayMs": 0, "timeoutSeconds": 5},
             "sources": [{"name": "site", "url": "\(server.url("/feed.xml"))", "kind": "rss"}]}
            """.write(to: temp.url.appendingPathComponent("feeds.json"), atomically: true, encoding: .utf8)
        let sync = try IngestBinary.run(["sync", "--json"], in: temp.url)
        #expect(sync.status == 0, "\(sync.stderr)")
        let summary = try #require(JSONSerialization.jsonObject(with: Data(sync.stdout.utf8)) as? [String: Any])
        #expect(summary["problems"] as? [String] == ["\(server.url("/news/photo")): not an article (not HTML (PNG image))"])
        let copies = try storedCopies(in: temp.url)
        #expect(copies.count == 1 && copies[0].contains(server.url("/news/story")))
    }

    @Test func importRefusesFeedsByRootElementOrContentType() throws {
        let rss = try String(contentsOf: Self.fixture("feeds/rss2-mixed-links.xml"), encoding: .utf8)
        let atom = try String(contentsOf: Self.fixture("feeds/atom.xml"), encoding: .utf8)
        let server = try LoopbackServer()
        defer { server.stop() }
        // Served as HTML, a feed is known by its root; served as Atom, by its type alone.
        server.route("/rss") { _ in .text(rss) }
        server.route("/atom") { _ in .text(atom, contentType: "application/atom+xml") }
        let temp = TemporaryDirectory("ingest-hostile")
        defer { temp.remove() }
        let file = temp.url.appendingPathComponent("feed.xml")
        try rss.write(to: file, atomically: true, encoding: .utf8)
        let result = try IngestBinary.run(["import", "feed.xml", server.url("/rss"), server.url("/atom")], in: temp.url)
        #expect(result.status == 3, "refused like any page that is not an article")
        let why = "not an article (a feed, not an article page: add it to feeds.json)"
        #expect(result.stdout == """
            failed feed.xml: \(why)
            failed \(server.url("/rss")): \(why)
            failed \(server.url("/atom")): \(why)

            """)
        #expect(try storedCopies(in: temp.url).isEmpty)
    }

    /// Scripts, styles and JSON, saved (known by their extension or bytes) or served (by their
    /// content type), are refused naming what they are, and nothing is stored.
    @Test func importRefusesScriptsStylesAndJSON() throws {
        let code = String(repeating: "function story() { return 'The council met on Tuesday evening and voted to keep the harbour open.'; }\n", count: 8)
        let json = #"{"title": "Harbour stays open", "body": "\#(String(repeating: "The council met and voted to keep the harbour open. ", count: 8))"}"#
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/app") { _ in .text(code, contentType: "text/javascript") }
        server.route("/api/story") { _ in .text(json, contentType: "application/json; charset=utf-8") }
        let temp = TemporaryDirectory("ingest-hostile")
        defer { temp.remove() }
        try code.write(to: temp.url.appendingPathComponent("app.js"), atomically: true, encoding: .utf8)
        try code.write(to: temp.url.appendingPathComponent("site.css"), atomically: true, encoding: .utf8)
        try json.write(to: temp.url.appendingPathComponent("story.txt"), atomically: true, encoding: .utf8)
        let result = try IngestBinary.run(["import", "app.js", "site.css", "story.txt", server.url("/app"), server.url("/api/story")], in: temp.url)
        #expect(result.status == 3)
        #expect(result.stdout == """
            failed app.js: not an article (not HTML (JavaScript))
            failed site.css: not an article (not HTML (a CSS stylesheet))
            failed story.txt: not an article (not HTML (JSON data))
            failed \(server.url("/app")): not an article (not HTML (JavaScript))
            failed \(server.url("/api/story")): not an article (not HTML (JSON data))

            """)
        #expect(try storedCopies(in: temp.url).isEmpty)
    }

    @Test func extractNamesTheBinaryFormat() throws {
        let paths = Self.binaries.map { Self.fixture($0.0).path }
        let result = try IngestBinary.run(["extract", "--format", "jsonl"] + paths)
        #expect(result.status == 0)
        let records = try result.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(records.map { $0["reason"] as? String } == Self.binaries.map(\.1))
        #expect(records.allSatisfy { $0["kind"] as? String == "not-article" && $0["text"] as? String == "" })
    }
}
