import Foundation
import IngestCore

/// The fetcher's answer to a `FetchRequest` that reached a server (any status, 304 included;
/// a 5xx or 429 after the fetcher's own retries is a response too).
public struct SyncResponse: Sendable, Equatable {
    public var status: Int
    /// The URL after redirects.
    public var finalURL: String
    /// Response headers, names lower-cased.
    public var headers: [String: String]
    /// The body as received, decompressed (never transcoded: the extractor checks these bytes).
    public var body: [UInt8]
    /// The charset of `body`, from the header, a BOM, `<meta>` or the bytes (`nil`: unknown, the
    /// extractor detects it). The extractor and the HTML section-page parser decode with it;
    /// feeds and sitemaps are XML, which declares its own encoding.
    public var charset: String?
    /// Whether the address connected to was loopback/private/link-local (`nil`: unknown,
    /// the engine then judges by the host's spelling).
    public var remoteIsPrivate: Bool?
    /// When the answer was received, if not during this run (a page from a WARC archive):
    /// the copy and its URL state are dated then (`nil`: now).
    public var fetchedAt: Date?
    /// The address the answer came from, when known (kept with raw answers).
    public var remoteIP: String?

    public init(status: Int, finalURL: String, headers: [String: String] = [:], body: [UInt8] = [],
                charset: String? = nil, remoteIsPrivate: Bool? = nil, fetchedAt: Date? = nil) {
        self.status = status
        self.finalURL = finalURL
        self.headers = headers
        self.body = body
        self.charset = charset
        self.remoteIsPrivate = remoteIsPrivate
        self.fetchedAt = fetchedAt
    }

    public var etag: String? { headers["etag"] }
    public var lastModified: String? { headers["last-modified"] }
}

/// A request that got no HTTP response, or that the fetcher refused.
public struct SyncFetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// True for timeouts, DNS and connection failures: retried next run, never a deletion.
    /// False for refusals (robots.txt, page over `maxPageBytes`, private address, redirect
    /// loop, non-http scheme): reported and not retried for that URL.
    public var transient: Bool
    public var description: String

    public init(transient: Bool, description: String) {
        self.transient = transient
        self.description = description
    }
}

/// The network edge of sync: the real fetcher (libcurl, politeness, robots, retries) or a
/// test double. Called concurrently; it must queue per host itself.
public protocol SyncFetching: Sendable {
    /// Performs one GET, following redirects.
    func fetch(_ request: FetchRequest) async -> Result<SyncResponse, SyncFetchError>
}
