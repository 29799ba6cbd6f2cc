/// Every fetcher knob, with its default in one place (the README's "Fetching" table
/// mirrors this). feeds.json `settings` keys map onto the first six.
///
/// | setting | default | feeds.json key |
/// |---|---|---|
/// | `userAgent` | `ingest/0.1 (+https://github.com/ingest-news/ingest)` | `userAgent` |
/// | `concurrency` | 16 transfers in flight overall | `concurrency` |
/// | `perHostConcurrency` | 2 per origin (scheme, host, port) | `perHostConcurrency` |
/// | `perHostDelay` | 0.25 s between request starts on one origin | `perHostDelayMs` |
/// | `timeout` | 20 s per attempt, whole transfer | `timeoutSeconds` |
/// | `maxPageBytes` | 5,000,000 bytes, after decompression | `maxPageBytes` |
/// | `connectTimeout` | 10 s | |
/// | `lowSpeedLimit` / `lowSpeedTime` | abort below 1,000 B/s for 10 s | |
/// | `maxRedirects` | 5 | |
/// | `retries` | 2 (three attempts) | |
/// | `backoffBase` / `backoffCap` | 1 s / 30 s | |
/// | `retryAfterMax` | 120 s (a longer Retry-After is not retried) | |
/// | `maxCrawlDelay` | 30 s (a larger robots.txt Crawl-delay is clamped) | |
/// | `obeyRobots` | true | |
public struct FetchSettings: Sendable, Equatable {
    /// Sent on every request; names the tool and a contact URL.
    public var userAgent = "ingest/0.1 (+https://github.com/ingest-news/ingest)"
    /// Transfers in flight at once, all origins together.
    public var concurrency = 16
    /// Transfers in flight at once to one origin.
    public var perHostConcurrency = 2
    /// Minimum seconds between two request starts on one origin (robots.txt Crawl-delay may raise it).
    public var perHostDelay = 0.25
    /// Seconds one attempt may take in all.
    public var timeout = 20.0
    /// Seconds to establish a connection.
    public var connectTimeout = 10.0
    /// Bytes per second under which a transfer counts as stalled...
    public var lowSpeedLimit = 1_000
    /// ...for this many seconds, and is aborted.
    public var lowSpeedTime = 10
    /// Largest body accepted, counted after decompression; larger ones fail as `.tooLarge`.
    public var maxPageBytes = 5_000_000
    /// Redirect hops followed before `.tooManyRedirects`.
    public var maxRedirects = 5
    /// Retries after the first attempt (408, 429, 5xx, transient transport errors).
    public var retries = 2
    /// First retry backoff in seconds; doubles per attempt, with jitter.
    public var backoffBase = 1.0
    /// Largest computed backoff in seconds.
    public var backoffCap = 30.0
    /// Longest `Retry-After` in seconds that is waited for; longer ones are not retried.
    public var retryAfterMax = 120.0
    /// Largest robots.txt `Crawl-delay` honoured, in seconds.
    public var maxCrawlDelay = 30.0
    /// Fetch and obey robots.txt.
    public var obeyRobots = true

    /// The defaults above.
    public init() {}

    /// The retry part of these settings.
    public var retryPolicy: RetryPolicy {
        RetryPolicy(retries: retries, backoffBase: backoffBase, backoffCap: backoffCap, retryAfterMax: retryAfterMax)
    }
}
