import Foundation

/// What sync remembers about one source between runs.
public struct SourceState: Sendable, Equatable {
    public var name: String
    /// Validators of the polled URL.
    public var validators: Validators
    /// For an `auto` HTML homepage: the feed it announced, polled directly from then on.
    public var feedURL: String?
    /// Validators of child sitemaps, by URL.
    public var children: [String: Validators]
    public var lastPolled: Date?
    /// Not polled again before this (unless `--force` or `--revalidate`).
    public var nextPoll: Date?
    /// Why the last poll failed (nil: it did not).
    public var lastError: String?
    /// When the current run of failed polls began (nil: the last poll succeeded, or unknown
    /// for a store written before it was kept).
    public var failingSince: Date?
    /// Failed polls in a row; sets the backoff (0 after a success).
    public var failures: Int

    public init(name: String, validators: Validators = Validators(), feedURL: String? = nil,
                children: [String: Validators] = [:], lastPolled: Date? = nil, nextPoll: Date? = nil,
                lastError: String? = nil, failingSince: Date? = nil, failures: Int = 0) {
        self.name = name
        self.validators = validators
        self.feedURL = feedURL
        self.children = children
        self.lastPolled = lastPolled
        self.nextPoll = nextPoll
        self.lastError = lastError
        self.failingSince = failingSince
        self.failures = failures
    }
}
