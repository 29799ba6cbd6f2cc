import Foundation
import IngestCore
import Testing
@testable import IngestSync

/// The article outcome as tables: fetch result → decision, 404 → what it deletes, text →
/// new, revision or unchanged. The engine tests (`SyncRunTests`) drive the same decisions
/// through a whole run.
@Suite struct PageDecisionTests {
    static let url = "https://a.example/news/story-one"
    static let article = Article(metadata: ArticleMetadata(title: "t"), text: "Body.")

    static func answer(_ status: Int) -> Result<FetchResponse, FetchError> {
        .success(FetchResponse(status: status, finalURL: url))
    }

    static let results: [(String, Result<FetchResponse, FetchError>, Article?, PageDecision)] = [
        ("timeout", .failure(.timeout(url: url, message: "after 20 s")), nil, .retry(reason: "timed out (after 20 s): \(url)")),
        ("robots refusal", .failure(.disallowedByRobots(url: url)), nil,
         .skip(reason: "disallowed by robots.txt: \(url)", answered: false)),
        ("missing file", .failure(.unreadable(url: "file:///x.html", reason: "no such file")), nil,
         .skip(reason: "no such file", answered: false)),
        ("304", answer(304), nil, .notModified),
        ("404", answer(404), nil, .gone(status: 404)),
        ("410", answer(410), nil, .gone(status: 410)),
        ("429", answer(429), nil, .retry(reason: "HTTP 429")),
        ("500", answer(500), nil, .retry(reason: "HTTP 500")),
        ("599", answer(599), nil, .retry(reason: "HTTP 599")),
        ("200 article", answer(200), article, .article),
        ("204 article", answer(204), article, .article),
        ("200 listing page", answer(200), Article(kind: .notArticle, reason: "listing page"),
         .skip(reason: "not an article (listing page)", answered: true)),
        ("200 not extracted", answer(200), nil, .skip(reason: "not an article", answered: true)),
        ("403", answer(403), nil, .skip(reason: "HTTP 403", answered: true)),
        ("301 left over", answer(301), nil, .skip(reason: "HTTP 301", answered: true)),
    ]

    @Test(arguments: results.map(\.0))
    func decides(_ name: String) throws {
        let (_, result, article, expected) = try #require(Self.results.first { $0.0 == name })
        #expect(PageDecision.decide(result, article: article) == expected)
    }

    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    static let known = URLState(url: url, copyID: "c1", source: "s", firstSeen: t0)
    static let stored = StoredCopy(id: "c1", storyID: "s1", url: url, contentHash: "sha256:a")

    @Test func goneDeletesAStoredLiveCopyOnce() {
        var deleted = Self.stored
        deleted.deleted = true
        #expect(GoneDecision.decide(known: nil, copy: nil) == .notStored)
        #expect(GoneDecision.decide(known: URLState(url: Self.url, copyID: nil, source: "s", firstSeen: Self.t0),
                                    copy: nil) == .notStored)
        #expect(GoneDecision.decide(known: Self.known, copy: Self.stored) == .delete(copyID: "c1"))
        #expect(GoneDecision.decide(known: Self.known, copy: deleted) == .alreadyDeleted)
        #expect(GoneDecision.decide(known: Self.known, copy: nil) == .alreadyDeleted)
    }

    @Test func aChangeIsNewARevisionOrNothing() {
        var deleted = Self.stored
        deleted.deleted = true
        #expect(CopyChange.decide(existing: nil, contentHash: "sha256:a") == .new)
        #expect(CopyChange.decide(existing: Self.stored, contentHash: "sha256:a") == .unchanged)
        #expect(CopyChange.decide(existing: Self.stored, contentHash: "sha256:b") == .revision)
        #expect(CopyChange.decide(existing: deleted, contentHash: "sha256:a") == .revision, "an answer revives it")
    }
}
