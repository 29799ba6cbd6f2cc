/// What a `LoopbackServer` route answers: a status, headers and body, optionally delayed,
/// dripped slowly, cut short, or replaced by raw bytes.
public struct LoopbackResponse: Sendable {
    /// Sends the body `chunk` bytes at a time, sleeping `interval` between chunks.
    public struct Drip: Sendable {
        public var chunk: Int
        public var interval: Duration
        public init(chunk: Int, interval: Duration) { self.chunk = chunk; self.interval = interval }
    }

    public var status: Int
    /// Header lines in order; `Content-Length` is added unless present.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Wait this long before sending anything.
    public var delay: Duration = .zero
    public var drip: Drip?
    /// Announce the full length but send only this many body bytes, then close.
    public var truncateAfter: Int?
    /// Send exactly these bytes (no status line or headers added), then close.
    public var raw: [UInt8]?

    /// A response with the given parts.
    public init(status: Int = 200, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A text body with a content type (HTML by default).
    public static func text(_ text: String, status: Int = 200, contentType: String = "text/html; charset=utf-8",
                            headers: [(name: String, value: String)] = []) -> LoopbackResponse {
        LoopbackResponse(status: status, headers: [("Content-Type", contentType)] + headers, body: Array(text.utf8))
    }

    /// A redirect to `location` (absolute or relative).
    public static func redirect(to location: String, status: Int = 302) -> LoopbackResponse {
        LoopbackResponse(status: status, headers: [("Location", location)])
    }

    /// A bare status with an empty body.
    public static func status(_ status: Int, headers: [(name: String, value: String)] = []) -> LoopbackResponse {
        LoopbackResponse(status: status, headers: headers)
    }

    /// Returns a copy with `delay` set.
    public func delayed(by delay: Duration) -> LoopbackResponse {
        var copy = self
        copy.delay = delay
        return copy
    }

    /// The status line's reason phrase (cosmetic).
    var reason: String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

/// One request the server received, as recorded for assertions.
public struct LoopbackRequest: Sendable {
    public let method: String
    /// Path and query as sent (`/a?b=1`).
    public let target: String
    /// Path without the query.
    public let path: String
    /// Header names lower-cased.
    public let headers: [String: String]
    /// Which of the server's ports (sites) it came in on, from 0.
    public let site: Int
    /// When it arrived.
    public let receivedAt: ContinuousClock.Instant
}

extension LoopbackResponse {
    /// Returns a copy that announces the full body but sends only `count` bytes, then closes.
    public func truncated(at count: Int) -> LoopbackResponse {
        var copy = self
        copy.truncateAfter = count
        return copy
    }

    /// Returns a copy that sends its body `chunk` bytes at a time, `interval` apart.
    public func dripped(_ chunk: Int, every interval: Duration) -> LoopbackResponse {
        var copy = self
        copy.drip = Drip(chunk: chunk, interval: interval)
        return copy
    }
}
