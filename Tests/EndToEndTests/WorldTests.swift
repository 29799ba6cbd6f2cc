import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The loopback world itself: its pages extract as articles (and its navigation does not),
/// and it answers conditional requests, so the sync tests can rely on it.
@Suite struct WorldTests {
    @Test func articlesExtractWithoutChromeAndNavigationIsNotAnArticle() throws {
        let world = try World()
        defer { world.stop() }
        let articles = world.currentArticles
        let wire = try #require(articles.first { $0.seed == World.wireSeed && $0.variant == 2 })
        let own = try #require(articles.first { $0.seed == 31 })
        let inputs = [world.url(of: wire), world.url(of: own), world.url("/about/", site: 0), world.url("/category/politics/", site: 4)]
        let result = try IngestBinary.run(["extract", "--format", "jsonl"] + inputs)
        #expect(result.status == 0, "\(result.stderr)")
        let records = try result.stdout.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(records.map { $0["kind"] as? String } == ["article", "article", "not-article", "not-article"])
        let text = try #require(records[0]["text"] as? String)
        #expect(text.hasPrefix("RIVERTON, Nov 20 (Wire) — "))
        #expect(text.split(separator: "\n\n").count == wire.paragraphs.count)
        for chrome in ["Share on Facebook", "Related content", "reader42", "subscribe", "All rights reserved"] {
            #expect(!text.contains(chrome))
        }
        #expect(records[1]["title"] as? String == own.title)
    }

    @Test func pagesAnswerConditionalRequestsAndEpochOneChangesOnlyWhatItSays() throws {
        let world = try World()
        defer { world.stop() }
        let edited = try #require(world.currentArticles.first { $0.seed == World.Epoch1.edited })
        let plain = try #require(world.currentArticles.first { $0.seed == 12 })
        func get(_ url: String, etag: String? = nil) throws -> (status: Int, etag: String?) {
            var request = URLRequest(url: URL(string: url)!)
            if let etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
            let semaphore = DispatchSemaphore(value: 0)
            // Written once by the completion handler before it signals, read only after the wait.
            nonisolated(unsafe) var outcome: (Int, String?) = (0, nil)
            URLSession.shared.dataTask(with: request) { _, response, _ in
                let http = response as? HTTPURLResponse
                outcome = (http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "ETag"))
                semaphore.signal()
            }.resume()
            #expect(semaphore.wait(timeout: .now() + 5) == .success)
            return outcome
        }
        let first = try get(world.url(of: edited))
        let plainTag = try get(world.url(of: plain)).etag
        #expect(first.status == 200)
        #expect(try get(world.url(of: edited), etag: first.etag).status == 304)
        world.advanceToEpoch1()
        #expect(try get(world.url(of: edited), etag: first.etag).status == 200)
        #expect(try get(world.url(of: plain), etag: plainTag).status == 304)
        let gone = try #require(world.currentArticles.first { $0.seed == World.Epoch1.gone })
        #expect(try get(world.url(of: gone)).status == 410)
        #expect(world.responses().filter { $0.status == 304 }.allSatisfy { $0.conditional && $0.bodyBytes == 0 })
    }
}
