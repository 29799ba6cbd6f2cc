import Foundation
import LoopbackServer

/// A small loopback news world for the sync and import tests: an RSS site (site 0) and an
/// Atom site (site 1), each with one story of its own and a copy of one wire story (the
/// Atom copy has another headline and an added line). Every page and feed has an ETag and
/// answers `If-None-Match` with 304, like a well-behaved origin.
struct SmallWorld {
    let server: LoopbackServer
    /// Site B's feed (`/atom.xml`), for tests that take it down and bring it back.
    let atomFeed: String

    init() throws {
        server = try LoopbackServer(sites: 2)
        atomFeed = """
            <?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Site B</title>
            <entry><title>Ports</title><id>b-1</id><link href="\(server.url("/world/ports-shut-by-storm", site: 1))"/></entry>
            <entry><title>Orchestra</title><id>b-2</id><link href="\(server.url("/world/orchestra-new-season", site: 1))"/></entry>
            </feed>
            """
        let wire = SmallWorld.paragraphs(seed: 1)
        route("/news/wire-story-one", site: 0, SmallWorld.page(
            title: "Storm closes northern ports", paragraphs: wire,
            canonical: server.url("/news/wire-story-one", site: 0)))
        route("/news/harbour-council-vote", site: 0, SmallWorld.page(
            title: "Harbour council delays vote", paragraphs: SmallWorld.paragraphs(seed: 2),
            canonical: nil))
        route("/world/ports-shut-by-storm", site: 1, SmallWorld.page(
            title: "Ports shut as storm hits the north", paragraphs: wire + ["Reporting by the wire desk."],
            canonical: nil))
        route("/world/orchestra-new-season", site: 1, SmallWorld.page(
            title: "Orchestra opens its new season", paragraphs: SmallWorld.paragraphs(seed: 3),
            canonical: nil))
        route("/feed.xml", site: 0, """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Site A</title>
            <item><title>Storm</title><link>\(server.url("/news/wire-story-one?utm_source=rss", site: 0))</link></item>
            <item><title>Council</title><link>\(server.url("/news/harbour-council-vote", site: 0))</link></item>
            </channel></rss>
            """)
        route("/atom.xml", site: 1, atomFeed)
    }

    /// Serves `body` at `path` with a fixed ETag, answering a matching `If-None-Match` with 304.
    func route(_ path: String, site: Int, _ body: String) {
        let etag = "\"\(path.utf8.reduce(UInt32(2166136261)) { ($0 ^ UInt32($1)) &* 16777619 })-\(body.utf8.count)\""
        let type = path.hasSuffix(".xml") ? "application/xml" : "text/html; charset=utf-8"
        server.route(path, site: site) { request in
            if request.headers["if-none-match"] == etag { return .status(304, headers: [("ETag", etag)]) }
            var response = LoopbackResponse.text(body, contentType: type)
            response.headers.append(("ETag", etag))
            return response
        }
    }

    /// The feeds.json for the two sites, without politeness delay.
    var feedsJSON: String {
        """
        {"settings": {"perHostDelayMs": 0, "timeoutSeconds": 5},
         "sources": [{"name": "site-a", "url": "\(server.url("/feed.xml", site: 0))", "kind": "rss"},
                     {"name": "site-b", "url": "\(server.url("/atom.xml", site: 1))", "kind": "atom"}]}
        """
    }

    /// Requests for article pages (not feeds, not robots.txt).
    func articleRequests() -> [LoopbackRequest] {
        server.requests().filter { !$0.path.hasSuffix(".xml") && $0.path != "/robots.txt" }
    }

    /// A news article page.
    static func page(title: String, paragraphs: [String], canonical: String?) -> String {
        let link = canonical.map { "<link rel=\"canonical\" href=\"\($0)\">" } ?? ""
        return """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>\(title)</title>\(link)
            <meta property="og:title" content="\(title)"></head><body>
            <nav><a href="/">Home</a> <a href="/about">About</a></nav>
            <article><h1>\(title)</h1><p class="byline">By Staff Reporter</p>
            \(paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n"))
            </article><footer>Copyright Example News</footer></body></html>
            """
    }

    /// Five paragraphs of distinct, deterministic prose for `seed`.
    static func paragraphs(seed: UInt64) -> [String] {
        let words = """
            harbour council storm minister river winter market shipping port northern village festival \
            police report budget school teacher hospital doctor election mayor railway bridge farmer \
            harvest weather coast fishing museum orchestra season concert ticket workers union strike \
            company profit export factory energy prices families residents emergency rescue volunteers \
            government committee inquiry evidence court judge statement agreement talks officials
            """.split(separator: " ").map(String.init)
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(words.count))
        }
        return (0..<5).map { _ in
            (0..<4).map { _ in
                let sentence = (0..<14).map { _ in words[next()] }.joined(separator: " ")
                return sentence.prefix(1).uppercased() + sentence.dropFirst() + "."
            }.joined(separator: " ")
        }
    }
}
