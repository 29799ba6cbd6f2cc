import Foundation
import IngestCore
import IngestSync

// Test doubles of the sync engine's stages, shared by the engine's tests (like NIOEmbedded):
// an in-memory web, extractor, clusterer and store, a settable clock, and feed builders.

/// An in-memory web: pages by URL, changed between "epochs"; answers conditional GETs
/// with 304 when the ETag matches, follows redirects, and records every request.
public final class FakeWeb: PageFetching {
    public enum Page: Sendable {
        case ok(String, etag: String? = nil, headers: [String: String] = [:])
        /// A body in another charset, which the fetcher found (`FetchResponse.charset`).
        case encoded([UInt8], charset: String)
        case redirect(String)
        case status(Int, headers: [String: String] = [:])
        /// No answer: a timeout, a refusal (`FetchError.isTransient` decides what sync does).
        case failure(FetchError)
    }

    private let state = Locked<(pages: [String: Page], requests: [FetchRequest])>(([:], []))

    public subscript(url: String) -> Page? {
        get { state.withLock { $0.pages[url] } }
        set { state.withLock { $0.pages[url] = newValue } }
    }

    public var requests: [FetchRequest] { state.withLock { $0.requests } }
    public func resetRequests() { state.withLock { $0.requests = [] } }
    public func requests(to url: String) -> [FetchRequest] { requests.filter { $0.url == url } }

    /// How long each request takes, and the most requests seen in flight at once.
    public let latency: Duration
    private let inFlight = Locked((now: 0, most: 0))
    public var mostInFlight: Int { inFlight.withLock { $0.most } }

    public init(latency: Duration = .zero) { self.latency = latency }

    public func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        state.withLock { $0.requests.append(request) }
        inFlight.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
        defer { inFlight.withLock { $0.now -= 1 } }
        if latency > .zero { try? await Task.sleep(for: latency) }
        var url = request.url
        for _ in 0..<5 {
            // The real fetcher checks the connected address; the fake judges by the host.
            if !request.allowPrivateAddresses, AddressPolicy.isNonPublic(host: CanonicalURL.host(of: url) ?? "") {
                return .failure(.forbiddenAddress(url: url, address: AddressPolicy.classify(host: CanonicalURL.host(of: url) ?? "") ?? .private))
            }
            switch self[url] {
            case .redirect(let target)?:
                url = target
            case .ok(let body, let etag, var headers)?:
                if let etag { headers["etag"] = etag }
                if let etag, etag == request.etag { return .success(FetchResponse(status: 304, finalURL: url, headers: headers)) }
                return .success(FetchResponse(status: 200, finalURL: url, headers: headers, body: Array(body.utf8)))
            case .encoded(let body, let charset)?:
                return .success(FetchResponse(status: 200, finalURL: url, body: body, charset: charset))
            case .status(let code, let headers)?:
                return .success(FetchResponse(status: code, finalURL: url, headers: headers, body: Array("error \(code)".utf8)))
            case .failure(let error)?:
                return .failure(error)
            case nil:
                return .success(FetchResponse(status: 404, finalURL: url))
            }
        }
        return .failure(.tooManyRedirects(url: request.url, limit: 5))
    }
}

/// Reads the fake page format: `title: …`, `canonical: …`, `kind: not-article` header lines,
/// then the text.
public struct FakeExtractor: ArticleExtracting {
    public init() {}

    public func extract(html: [UInt8], url: String, encoding: String?, contentType: String?) -> Article {
        var article = Article()
        var body: [Substring] = []
        for line in String(decoding: html, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("title: ") { article.metadata.title = String(line.dropFirst(7)) }
            else if line.hasPrefix("canonical: ") { article.canonicalURL = String(line.dropFirst(11)) }
            else if line == "kind: not-article" { article.kind = .notArticle; article.reason = "listing page" }
            else { body.append(line) }
        }
        article.text = body.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return article
    }
}

/// Clusters copies whose text starts with the same first line ("wire copies"). Constant time
/// per call, so SyncBench's engine mode can run it on 10,000 articles.
public final class FakeClusterer: StoryClustering {
    public private(set) var storyOfCopy: [String: String] = [:]
    private var copiesInStory: [String: Int] = [:]

    public init() {}

    public func contentHash(of text: String) -> String { "fnv:" + SyncIdentity.copyID(canonicalURL: text) }

    public func assign(copyID: String, text: String) -> StoryAssignment {
        let story = "s-" + (text.split(separator: "\n").first.map(String.init) ?? "")
        remove(copyID: copyID)
        let joined = copiesInStory[story, default: 0] > 0
        storyOfCopy[copyID] = story
        copiesInStory[story, default: 0] += 1
        return StoryAssignment(storyID: story, joinedExistingStory: joined)
    }

    public func remove(copyID: String) {
        if let story = storyOfCopy.removeValue(forKey: copyID) { copiesInStory[story, default: 1] -= 1 }
    }
}

/// The store in memory, with every revision kept for inspection.
public final class FakeStore: SyncStore {
    public var sources: [String: SourceState] = [:]
    public var urls: [String: URLState] = [:]
    public private(set) var revisions: [CopyInput] = []
    /// Each copy's latest revision in `revisions`, so `copy(id:)` does not scan them all.
    private var latest: [String: Int] = [:]
    public var deletedCopies: Set<String> = []
    public var storyAliases: [String: String] = [:]
    public var summaries: [SyncSummary] = []

    public init() {}

    public func sourceState(named name: String) -> SourceState? { sources[name] }
    public func allURLStates() -> [URLState] { Array(urls.values) }

    public func copy(id: String) -> StoredCopy? {
        guard let last = latest[id].map({ revisions[$0] }) else { return nil }
        return StoredCopy(id: id, storyID: last.story, url: last.url, contentHash: last.contentHash,
                          deleted: deletedCopies.contains(id))
    }

    /// The ids of a story's copies that are not deleted.
    public func liveCopyIDs(inStory storyID: String) -> [String] {
        Set(revisions.map(\.id)).filter { copy(id: $0)?.storyID == storyID && !deletedCopies.contains($0) }.sorted()
    }

    public func saveCopy(_ copy: CopyInput) throws {
        latest[copy.id] = revisions.count
        revisions.append(copy)
        deletedCopies.remove(copy.id)
    }
    public func markCopyDeleted(id: String, at date: Date) throws { deletedCopies.insert(id) }
    public func addStoryAlias(_ oldID: String, storyID: String) throws { storyAliases[oldID] = storyID }
    public func saveURLState(_ state: URLState) throws { urls[state.url] = state }
    public func saveSourceState(_ state: SourceState) throws { sources[state.name] = state }
    public func saveRunSummary(_ summary: SyncSummary) throws { summaries.append(summary) }

    /// Stories whose every copy is deleted (as the real store derives them).
    public var deletedStories: Set<String> {
        let stories = Set(revisions.map(\.story))
        return stories.filter { liveCopyIDs(inStory: $0).isEmpty }
    }

    /// Copy ids with their latest revision, live ones only.
    public var liveCopies: [String: CopyInput] {
        var latest: [String: CopyInput] = [:]
        for revision in revisions where !deletedCopies.contains(revision.id) { latest[revision.id] = revision }
        return latest
    }

    public func revisions(of url: String) -> [CopyInput] { revisions.filter { $0.url == url } }

    /// How many revisions a copy has (the number the real store gives the latest).
    public func revisionCount(ofCopy copyID: String) -> Int { revisions.filter { $0.id == copyID }.count }
}

/// A settable clock for epochs.
public final class TestClock: Sendable {
    private let current: Locked<Date>
    public init(_ start: Date) { current = Locked(start) }
    public var now: Date { current.withLock { $0 } }
    public func advance(minutes: Double) { current.withLock { $0 = $0.addingTimeInterval(minutes * 60) } }
}

/// RSS 2.0 text listing the given links (and optional GUIDs).
public func rss(_ items: [(link: String, guid: String?)]) -> String {
    let body = items.map { item in
        "<item><title>t</title><link>\(item.link.replacingOccurrences(of: "&", with: "&amp;"))</link>"
            + (item.guid.map { "<guid isPermaLink=\"false\">\($0)</guid>" } ?? "") + "</item>"
    }.joined()
    return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>f</title>\(body)</channel></rss>"
}

public func rss(_ links: String...) -> String { rss(links.map { ($0, nil) }) }

public func atom(_ links: String...) -> String {
    let entries = links.map { "<entry><id>\($0)</id><title>t</title><link href=\"\($0)\"/></entry>" }.joined()
    return "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>a</title>\(entries)</feed>"
}

/// A value behind a lock (Mutex needs macOS 15; the package supports macOS 13).
/// `@unchecked Sendable` is safe: `value` is only touched inside `lock`.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
