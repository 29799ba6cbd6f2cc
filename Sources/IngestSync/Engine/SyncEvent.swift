/// What a run reports as it goes, for a progress line on a terminal or `--verbose` logs.
public enum SyncEvent: Sendable, Equatable {
    /// Polling progress: `done` of the `total` sources due this run have answered, `name`
    /// the one that just did (nil for the start, `done` 0). Sent as polls finish, before the
    /// `sourcePolled` events, which come once all are done.
    case polling(name: String?, done: Int, total: Int)
    /// A source was polled (`error` is `nil` when it succeeded); `entries` links found, none
    /// when it answered 304 (`notModified`).
    case sourcePolled(name: String, entries: Int, notModified: Bool, error: String?)
    /// All polls are done; `pages` URLs will be fetched.
    case planned(pages: Int)
    /// One page was handled: `done` of `total`.
    case page(url: String, outcome: PageOutcome, reason: String?, done: Int, total: Int)

    /// What happened to one fetched page.
    public enum PageOutcome: String, Sendable, Equatable {
        /// `new` started a story; `joined` is a new copy that joined an existing story.
        case new, joined, updated, unchanged, deleted, skipped, failed
    }
}
