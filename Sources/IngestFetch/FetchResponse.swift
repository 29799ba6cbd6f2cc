/// One answer: a 2xx with its body, or a 304 when the conditional request matched.
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

    /// The URL asked for.
    public let requestedURL: String
    /// The URL that gave the final answer (after redirects).
    public let finalURL: String
    /// Every redirect hop, in order.
    public let redirects: [Redirect]
    /// The final HTTP status (2xx, or 304).
    public let status: Int
    /// Response headers with lower-cased names; repeated headers joined with ", ".
    public let headers: [String: String]
    /// The body as received, decompressed (empty for 304).
    public let body: [UInt8]
    /// The detected charset (canonical WHATWG name, see `Charset`).
    public let charset: String
    /// The IP address the final answer came from, when curl reports it.
    public let remoteIP: String?

    /// Builds a response (the fetcher does; fakes in tests do too). `charset` defaults to
    /// the one `Charset.detect` finds in `body` and the `content-type` header.
    public init(requestedURL: String, finalURL: String? = nil, redirects: [Redirect] = [], status: Int = 200,
                headers: [String: String] = [:], body: [UInt8] = [], charset: String? = nil, remoteIP: String? = nil) {
        self.requestedURL = requestedURL
        self.finalURL = finalURL ?? requestedURL
        self.redirects = redirects
        self.status = status
        self.headers = headers
        self.body = body
        self.charset = charset ?? Charset.detect(body, contentType: headers["content-type"])
        self.remoteIP = remoteIP
    }

    /// True for a 304: the page is unchanged since `etag` / `lastModified`.
    public var notModified: Bool { status == 304 }
    /// The `ETag` header, for the next conditional request.
    public var etag: String? { headers["etag"] }
    /// The `Last-Modified` header, for the next conditional request.
    public var lastModified: String? { headers["last-modified"] }
    /// The `Content-Type` header.
    public var contentType: String? { headers["content-type"] }

    /// The body transcoded from `charset` to UTF-8.
    public func utf8Body() -> [UInt8] { Charset.transcode(body, from: charset) }
}
