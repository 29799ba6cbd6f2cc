import Foundation

/// The answer to a `FetchRequest` that reached a server: whatever the final status (2xx, 304,
/// 404, a 5xx after the fetcher's retries), after redirects. The fetcher only reports it;
/// the sync engine decides what a status means (`PageDecision`, `SourceAnswer`).
public struct FetchResponse: Sendable, Equatable {
    /// One redirect on the way: the URL that answered, its status and where it pointed.
    public struct Redirect: Sendable, Equatable {
        public let url: String
        public let status: Int
        public let location: String

        /// Builds a hop record.
        public init(url: String, status: Int, location: String) {
            self.url = url
            self.status = status
            self.location = location
        }
    }

    /// The final HTTP status.
    public var status: Int
    /// The URL asked for.
    public var requestedURL: String
    /// The URL that gave the final answer (after redirects).
    public var finalURL: String
    /// Every redirect hop, in order.
    public var redirects: [Redirect]
    /// Response headers with lower-cased names; repeated headers joined with ", ".
    public var headers: [String: String]
    /// The final answer's status line and header lines exactly as received, through the empty
    /// line that ends them (order, case, repeats and reason phrase as the server sent them;
    /// nil when not known: a saved file, a test double). `headers` is parsed from the same lines.
    public var head: [UInt8]?
    /// The request head as sent for the final answer (request line, header lines, empty line), when known.
    public var requestHead: [UInt8]?
    /// The body as received, decompressed, never transcoded (the extractor checks these bytes;
    /// empty for a 304).
    public var body: [UInt8]
    /// The charset of `body` (canonical WHATWG name) as the fetcher found it: header, BOM,
    /// `<meta>` or the bytes (`nil`: unknown, as for a saved file; the extractor detects it).
    /// The extractor and the HTML section-page parser decode with it; feeds and sitemaps are
    /// XML, which declares its own encoding.
    public var charset: String?
    /// The IP address the final answer came from, when known.
    public var remoteIP: String?
    /// Whether the address connected to was loopback/private/link-local (`nil`: unknown, the
    /// engine then judges by the host's spelling).
    public var remoteIsPrivate: Bool?
    /// When the answer was received, if not just now (a page from a WARC archive): the copy
    /// and its URL state are dated then (`nil`: now).
    public var fetchedAt: Date?

    /// Builds a response (the fetcher does; archives, saved files and test doubles too).
    /// `requestedURL` defaults to `finalURL`; `remoteIsPrivate` to what `remoteIP` says.
    public init(status: Int = 200, finalURL: String, requestedURL: String? = nil, redirects: [Redirect] = [],
                headers: [String: String] = [:], body: [UInt8] = [], charset: String? = nil, remoteIP: String? = nil,
                remoteIsPrivate: Bool? = nil, fetchedAt: Date? = nil, head: [UInt8]? = nil, requestHead: [UInt8]? = nil) {
        self.status = status
        self.requestedURL = requestedURL ?? finalURL
        self.finalURL = finalURL
        self.redirects = redirects
        self.headers = headers
        self.body = body
        self.charset = charset
        self.remoteIP = remoteIP
        self.remoteIsPrivate = remoteIsPrivate
            ?? remoteIP.flatMap(AddressPolicy.classify(ipAddress:)).map { !$0.isPublic }
        self.fetchedAt = fetchedAt
        self.head = head
        self.requestHead = requestHead
    }

    /// True for a 304: the page is unchanged since `etag` / `lastModified`.
    public var notModified: Bool { status == 304 }
    /// True for a 2xx: the body is the page.
    public var isSuccess: Bool { (200..<300).contains(status) }
    /// The `ETag` header, for the next conditional request.
    public var etag: String? { headers["etag"] }
    /// The `Last-Modified` header, for the next conditional request.
    public var lastModified: String? { headers["last-modified"] }
    /// The `Content-Type` header.
    public var contentType: String? { headers["content-type"] }
}

/// Something that fetches pages: the libcurl `Fetcher`, a saved file or an archive batch in
/// `IngestPipeline`, or a test double. Called concurrently; it must queue per host itself.
public protocol PageFetching: Sendable {
    /// Performs one GET, following redirects (and, for the network, retrying transient
    /// failures and obeying robots.txt): `.success` for any final HTTP status, `.failure`
    /// when no server answered or the fetcher refused.
    func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError>
}
