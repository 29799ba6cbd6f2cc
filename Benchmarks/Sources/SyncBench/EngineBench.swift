// SyncBench engine mode: the sync engine's own cost on an in-memory world of 10,000 articles on 20
// hosts (IngestTesting's doubles, as the engine's tests use them: zero-latency web, line-format
// extractor, first-line clusterer, dictionary store): what the engine adds on top of the real
// fetcher/extractor/store, first sync versus no-change re-syncs.
// The end-to-end benchmark with the real binary is `scripts/bench-sync` (see main.swift).
import Foundation
import IngestCore
import IngestDiscover
import IngestSync
import IngestTesting

/// The engine-only benchmark: 10,000 articles on 20 hosts, median of 5 runs.
enum EngineBench {
    static func run() async throws {
        let hosts = 20, perHost = 500, repetitions = 5
        var pages: [String: (body: String, etag: String)] = [:]
        var sources: [FeedsConfig.Source] = []
        for host in 0..<hosts {
            var items = ""
            for n in 0..<perHost {
                let url = "https://host\(host).example/news/2024/05/story-number-\(n)-on-this-host"
                items += "<item><title>Story \(n)</title><link>\(url)</link><guid>\(url)</guid></item>"
                // Every fifth article is a wire copy shared by all hosts (same first line).
                let lead = n % 5 == 0 ? "Wire story \(n) as distributed by the agency" : "Host \(host) story \(n) only here"
                pages[url] = (lead + "\n" + String(repeating: "Body text of the article. ", count: 80), "a\(host)-\(n)")
            }
            let feed = "https://host\(host).example/feed.xml"
            pages[feed] = ("<rss version=\"2.0\"><channel><title>h</title>\(items)</channel></rss>", "f\(host)")
            sources.append(FeedsConfig.Source(name: "host\(host)", url: feed, kind: .rss))
        }
        let world = FakeWeb()
        for (url, page) in pages { world[url] = .ok(page.body, etag: page.etag) }
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
                for source in sources { _ = try? FeedDiscovery.discover(Array(pages[source.url]!.body.utf8), url: source.url, kind: .rss) }
                for (url, page) in pages where !url.hasSuffix(".xml") {
                    _ = FakeExtractor().extract(html: Array(page.body.utf8), url: url, encoding: nil, contentType: nil)
                }
            })
            let store = FakeStore(), clusterer = FakeClusterer()
            world.resetRequests()  // the web records every request; keep one repetition's
            var now = Date(timeIntervalSince1970: 1_714_557_600)
            func run(force: Bool) async throws -> SyncSummary {
                let at = now
                return try await SyncRun(config: config, fetcher: world, discoverer: FeedDiscoverer(), extractor: FakeExtractor(), clusterer: clusterer,
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
