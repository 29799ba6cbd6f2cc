import Foundation

/// Writes the end-to-end benchmark's world as static files, one directory per host (`h00`…)
/// for nginx to serve on 127.0.0.1 ports: each host has a feed of its own kind (RSS, Atom,
/// JSON Feed, sitemap index → news sitemap, HTML section page) listing its articles; a tenth
/// of the stories are wire stories published on three hosts each (other headline, a
/// dateline, a trimmed ending, each host's own chrome). Deterministic for given arguments.
/// Beside the host directories it writes `truth.jsonl`: each article URL with its gold story
/// (`wire-N` for the copies of wire story N, `own-SEED` for a story one host alone ran), so
/// `scripts/score-sync-dedup` can score the clustering a sync makes.
struct WorldGenerator {
    let root: URL
    let ports: [Int]
    let articles: Int
    /// The stories' text: `Prose` (pseudo-words, the default) or `NewsProse` (templated English).
    var prose: Style = .words
    /// Whether stories run from one to six paragraphs (briefs too) and carry text other stories
    /// carry as well, in plain paragraphs an extractor keeps: each wire copy ends with the
    /// agency's disclaimer, each page with its author's box (three authors per host).
    var boilerplate = false

    enum Style: String {
        case words, news

        func paragraphs(seed: Int) -> [String] {
            self == .news ? NewsProse.paragraphs(seed: seed) : Prose.paragraphs(seed: seed)
        }
    }

    static let kinds = ["rss", "atom", "jsonfeed", "sitemap", "html"]
    static let feedPaths = ["rss": "/feed.xml", "atom": "/atom.xml", "jsonfeed": "/feed.json",
                            "sitemap": "/sitemap-index.xml", "html": "/world/"]

    /// One article file to write.
    struct Item {
        var path: String
        var title: String
        var paragraphs: [String]
        var published: Date
        /// The gold story this page is a copy of.
        var story: String
    }

    /// Writes every host's files and feeds.json; returns a one-line description.
    func write(feedsFile: URL) throws -> String {
        let hosts = ports.count, perHost = articles / hosts
        let wireStories = articles / 10, copiesPerWire = min(3, hosts)
        var items = Array(repeating: [Item](), count: hosts)
        var storyCount = 0
        let base = Date(timeIntervalSince1970: 1_795_000_000)
        for wire in 0..<wireStories {
            for copy in 0..<copiesPerWire {
                let host = (wire + [0, 7, 13][copy]) % hosts
                guard items[host].count < perHost else { continue }
                var paragraphs = story(seed: wire)
                paragraphs[0] = "RIVERTON, Nov 20 (Wire) — " + paragraphs[0]
                if copy > 0 { paragraphs.removeLast(min(copy, paragraphs.count - 1)) }
                if boilerplate { paragraphs.append(Self.disclaimer) }
                items[host].append(item(host: host, number: items[host].count, seed: wire, variant: copy, paragraphs: paragraphs,
                                        story: "wire-\(wire)", base: base))
            }
            storyCount += 1
        }
        for host in 0..<hosts {
            while items[host].count < perHost {
                let seed = 1_000_000 + host * 100_000 + items[host].count
                items[host].append(item(host: host, number: items[host].count, seed: seed, variant: 0,
                                        paragraphs: story(seed: seed), story: "own-\(seed)", base: base))
                storyCount += 1
            }
        }
        var sources: [[String: Any]] = []
        var bytes = 0
        var truth = ""
        for host in 0..<hosts {
            let kind = Self.kinds[host % Self.kinds.count]
            let origin = "http://127.0.0.1:\(ports[host])"
            let dir = root.appendingPathComponent(String(format: "h%02d", host))
            for item in items[host] {
                let html = Page.article(host: host, title: item.title, paragraphs: item.paragraphs, published: item.published)
                bytes += html.utf8.count
                try save(html, dir, item.path)
                let line = try JSONSerialization.data(withJSONObject: ["url": origin + item.path, "story": item.story], options: [.sortedKeys])
                truth += String(decoding: line, as: UTF8.self) + "\n"
            }
            for (path, text) in Feeds.files(kind: kind, origin: origin, host: host, items: items[host]) {
                try save(text, dir, path)
            }
            sources.append(["name": String(format: "host%02d-%@", host, kind), "url": origin + Self.feedPaths[kind]!, "kind": kind])
        }
        let settings: [String: Any] = ["userAgent": "ingest-syncbench/1.0", "concurrency": 16, "perHostConcurrency": 2,
                                       "perHostDelayMs": 0, "timeoutSeconds": 20, "maxPageBytes": 5_000_000]
        try JSONSerialization.data(withJSONObject: ["settings": settings, "sources": sources], options: [.prettyPrinted, .sortedKeys])
            .write(to: feedsFile)
        try Data(truth.utf8).write(to: root.appendingPathComponent("truth.jsonl"))
        return "world: \(hosts) hosts, \(hosts * perHost) articles, \(storyCount) stories, "
            + String(format: "%.1f MB of article pages (%.1f KB each)", Double(bytes) / 1e6, Double(bytes) / Double(hosts * perHost) / 1e3)
    }

    /// The paragraphs of story `seed`: six, or with `boilerplate` one to six.
    private func story(seed: Int) -> [String] {
        let paragraphs = prose.paragraphs(seed: seed)
        return boilerplate ? Array(paragraphs.prefix(1 + (seed / 7) % 6)) : paragraphs
    }

    static let disclaimer = "This story was produced by the Wire news agency and is published here under a syndication "
        + "agreement. The agency alone is responsible for its content, and readers who spot an error should write to its "
        + "editors in Riverton, who publish corrections within one working day."

    /// The author box under a page of `host`: one of its three authors.
    static func authorBox(host: Int, number: Int) -> String {
        let names = ["Maria Okafor", "James Lindqvist", "Aisha Moreau", "Daniel Castillo", "Elena Brennan", "Tomas Novak"]
        let name = names[(host + number % 3) % names.count]
        return "\(name) is a senior correspondent for Host \(host) News, covering politics, business and culture across "
            + "the region. Before joining the newsroom in 2015 they spent ten years at regional papers and have since "
            + "reported from more than thirty countries."
    }

    private func item(host: Int, number: Int, seed: Int, variant: Int, paragraphs: [String], story: String, base: Date) -> Item {
        let paragraphs = boilerplate ? paragraphs + [Self.authorBox(host: host, number: number)] : paragraphs
        let title = Prose.headline(seed: seed &+ variant &* 7_777)
        let slug = title.lowercased().split { !$0.isLetter }.prefix(6).joined(separator: "-")
        return Item(path: "/news/2026/11/\(slug)-\(host * 100_000 + number)", title: title, paragraphs: paragraphs,
                    published: base.addingTimeInterval(Double(-number * 97)), story: story)
    }

    private func save(_ text: String, _ dir: URL, _ path: String) throws {
        let file = dir.appendingPathComponent(path.hasSuffix("/") ? path + "index.html" : path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }
}
