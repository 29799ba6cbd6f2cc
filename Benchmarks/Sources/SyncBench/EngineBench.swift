// SyncBench engine mode: the sync engine's own cost on an in-memory world of 10,000 articles on 20
// hosts (zero-latency fetcher, trivial extractor, dictionary store): what the engine adds
// on top of the real fetcher/extractor/store, first sync versus no-change re-syncs.
// The end-to-end benchmark with the real binary is `scripts/bench-sync` (see main.swift).
import Foundation
import IngestCore
import IngestDiscover
import IngestSync


/// Feeds and articles by URL; conditional GETs answer 304 when the ETag matches.
final class World: SyncFetching {
    let pages: [String: (body: [UInt8], etag: String)]
    init(pages: [String: (body: [UInt8], etag: String)]) { self.pages = pages }

    func fetch(_ request: FetchRequest) async -> Result<SyncResponse, SyncFetchError> {
        guard let page = pages[request.url] else { return .success(SyncResponse(status: 404, finalURL: request.url)) }
        let headers = ["etag": page.etag]
        if request.etag == page.etag { return .success(SyncResponse(status: 304, finalURL: request.url, headers: headers)) }
        return .success(SyncResponse(status: 200, finalURL: request.url, headers: headers, body: page.body))
    }
}

struct FirstLineExtractor: ArticleExtracting {
    func extract(html: [UInt8], url: String, encoding: String?, contentType: String?) -> Article {
        let text = String(decoding: html, as: UTF8.self)
        return Article(title: text.split(separator: "\n").first.map(String.init), text: text)
    }
}

final class HashClusterer: StoryClustering {
    var storyOfCopy: [String: String] = [:], copiesInStory: [String: Int] = [:]
    func contentHash(of text: String) -> String { SyncIdentity.copyID(canonicalURL: text) }
    func assign(copyID: String, text: String) -> StoryAssignment {
        let story = "s" + SyncIdentity.copyID(canonicalURL: String(text.prefix(40)))
        remove(copyID: copyID)
        let joined = copiesInStory[story, default: 0] > 0
        storyOfCopy[copyID] = story
        copiesInStory[story, default: 0] += 1
        return StoryAssignment(storyID: story, joinedExistingStory: joined)
    }
    func remove(copyID: String) {
        if let story = storyOfCopy.removeValue(forKey: copyID) { copiesInStory[story, default: 1] -= 1 }
    }
}

final class MemoryStore: SyncStore {
    var sources: [String: SourceState] = [:], urls: [String: URLState] = [:], copies: [String: StoredCopy] = [:]
    func sourceState(named name: String) -> SourceState? { sources[name] }
    func allURLStates() -> [URLState] { Array(urls.values) }
    func copy(id: String) -> StoredCopy? { copies[id] }
    func saveCopy(_ r: CopyInput) throws {
        copies[r.id] = StoredCopy(id: r.id, storyID: r.story, url: r.url, contentHash: r.contentHash)
    }
    func markCopyDeleted(id: String, at date: Date) throws { copies[id]?.deleted = true }
    func addStoryAlias(_ oldID: String, storyID: String) throws {}
    func saveURLState(_ state: URLState) throws { urls[state.url] = state }
    func saveSourceState(_ state: SourceState) throws { sources[state.name] = state }
    func saveRunSummary(_ summary: SyncSummary) throws {}
}

/// The engine-only benchmark: 10,000 articles on 20 hosts, median of 5 runs.
enum EngineBench {
    static func run() async throws {
        let hosts = 20, perHost = 500, repetitions = 5
        var pages: [String: (body: [UInt8], etag: String)] = [:]
        var sources: [FeedsConfig.Source] = []
        for host in 0..<hosts {
            var items = ""
            for n in 0..<perHost {
                let url = "https://host\(host).example/news/2024/05/story-number-\(n)-on-this-host"
                items += "<item><title>Story \(n)</title><link>\(url)</link><guid>\(url)</guid></item>"
                // Every fifth article is a wire copy shared by all hosts (same first 40 characters).
                let lead = n % 5 == 0 ? "Wire story \(n) as distributed by the agency" : "Host \(host) story \(n) only here"
                pages[url] = (Array((lead + "\n" + String(repeating: "Body text of the article. ", count: 80)).utf8), "a\(host)-\(n)")
            }
            let feed = "https://host\(host).example/feed.xml"
            pages[feed] = (Array("<rss version=\"2.0\"><channel><title>h</title>\(items)</channel></rss>".utf8), "f\(host)")
            sources.append(FeedsConfig.Source(name: "host\(host)", url: feed, kind: .rss))
        }
        let world = World(pages: pages)
        let config = FeedsConfig(sources: sources)

        func seconds(_ body: () async throws -> Void) async rethrows -> Double {
            let start = ContinuousClock.now
            try await body()
            let elapsed = ContinuousClock.now - start
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }

        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

        var baseline: [Double] = [], first: [Double] = [], quiet: [Double] = [], forced: [Double] = [], later: [Double] = []
        var laterRequests = 0, laterBodyBytes = 0, firstNew = 0
        for _ in 0..<repetitions {
            // Baseline: the parsing a first sync cannot avoid (every feed, every article body).
            baseline.append(await seconds {
                for source in sources { _ = try? FeedDiscovery.discover(pages[source.url]!.body, url: source.url, kind: .rss) }
                for (url, page) in pages where !url.hasSuffix(".xml") { _ = FirstLineExtractor().extract(html: page.body, url: url, encoding: nil, contentType: nil) }
            })
            let store = MemoryStore(), clusterer = HashClusterer()
            var now = Date(timeIntervalSince1970: 1_714_557_600)
            func run(force: Bool) async throws -> SyncSummary {
                let at = now
                return try await SyncRun(config: config, fetcher: world, discoverer: FeedDiscoverer(), extractor: FirstLineExtractor(), clusterer: clusterer,
                                         store: store, options: SyncOptions(force: force), clock: { at }).run()
            }
            try await first.append(seconds { firstNew = try await run(force: false).new })
            now += 60
            try await quiet.append(seconds { _ = try await run(force: false) })
            try await forced.append(seconds { _ = try await run(force: true) })
            now += 20 * 60
            try await later.append(seconds {
                let summary = try await run(force: false)
                laterRequests = summary.requests
                laterBodyBytes = summary.bytes
            })
        }

        let pagesPerSecond = Double(hosts * perHost) / median(first)
        print("SyncBench: \(hosts) hosts x \(perHost) articles, median of \(repetitions) runs (engine with in-memory fakes)")
        print(String(format: "  baseline (parse feeds + extract bodies only): %.3f s", median(baseline)))
        print(String(format: "  first sync:        %.3f s  (%.0f pages/s, %d new, %.2fx baseline)", median(first), pagesPerSecond, firstNew, median(first) / median(baseline)))
        print(String(format: "  re-sync, not due:  %.4f s  (%.2f %% of first)", median(quiet), 100 * median(quiet) / median(first)))
        print(String(format: "  re-sync --force, feeds 304:  %.4f s  (%.2f %% of first)", median(forced), 100 * median(forced) / median(first)))
        print(String(format: "  re-sync 20 min later (feeds 304, all articles revalidated, 304): %.3f s (%.1f %% of first), %d requests, %d body bytes",
                     median(later), 100 * median(later) / median(first), laterRequests, laterBodyBytes))
    }
}
