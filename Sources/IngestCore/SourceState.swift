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
    /// Not polled again before this (unless `--force`).
    public var nextPoll: Date?
    public var lastError: String?

    public init(name: String, validators: Validators = Validators(), feedURL: String? = nil,
                children: [String: Validators] = [:], lastPolled: Date? = nil, nextPoll: Date? = nil,
                lastError: String? = nil) {
        self.name = name
        self.validators = validators
        self.feedURL = feedURL
        self.children = children
        self.lastPolled = lastPolled
        self.nextPoll = nextPoll
        self.lastError = lastError
    }
}
