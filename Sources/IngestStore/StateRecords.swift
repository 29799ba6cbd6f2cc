/// A merge by the deduplicator: story `from` now lives on as story `to` (`aliases.jsonl`).
public struct StoryAlias: Codable, Sendable, Equatable, Hashable {
    public var from: String
    public var to: String

    /// An alias folding `from` into `to`.
    public init(from: String, to: String) { self.from = from; self.to = to }
}

/// What the fetcher knows about one URL (`fetch.jsonl`, the last line per URL wins).
public struct FetchState: Codable, Sendable, Equatable {
    public var url: String
    public var copy: String?
    public var etag: String?
    public var lastModified: String?
    public var contentHash: String?
    public var lastChecked: String?
    public var failures: Int
    /// Feed GUIDs or other URLs that led to this URL.
    public var aliases: [String]

    /// A fetch state; only `url` is required.
    public init(url: String, copy: String? = nil, etag: String? = nil, lastModified: String? = nil,
                contentHash: String? = nil, lastChecked: String? = nil, failures: Int = 0, aliases: [String] = []) {
        self.url = url; self.copy = copy; self.etag = etag; self.lastModified = lastModified
        self.contentHash = contentHash; self.lastChecked = lastChecked; self.failures = failures
        self.aliases = aliases
    }

    enum CodingKeys: String, CodingKey {
        case url, copy, etag, failures, aliases
        case lastModified = "last_modified", contentHash = "content_hash", lastChecked = "last_checked"
    }
}

/// What the sync knows about one source of feeds.json (`sources.jsonl`, last line per name wins).
public struct SourceState: Codable, Sendable, Equatable {
    public var name: String
    public var etag: String?
    public var lastModified: String?
    public var nextPoll: String?
    /// "ok" or why the last poll failed.
    public var lastResult: String?

    /// A source state; only `name` is required.
    public init(name: String, etag: String? = nil, lastModified: String? = nil,
                nextPoll: String? = nil, lastResult: String? = nil) {
        self.name = name; self.etag = etag; self.lastModified = lastModified
        self.nextPoll = nextPoll; self.lastResult = lastResult
    }

    enum CodingKeys: String, CodingKey {
        case name, etag
        case lastModified = "last_modified", nextPoll = "next_poll", lastResult = "last_result"
    }
}

/// The summary of one sync run (`runs.jsonl`; `ingest status` shows the last).
public struct SyncRunSummary: Codable, Sendable, Equatable {
    /// One source's outcome in the run.
    public struct Source: Codable, Sendable, Equatable {
        public var name: String
        public var ok: Bool
        public var error: String?
        public var new: Int
        public var updated: Int
        public var deleted: Int

        /// A source outcome.
        public init(name: String, ok: Bool, error: String? = nil, new: Int = 0, updated: Int = 0, deleted: Int = 0) {
            self.name = name; self.ok = ok; self.error = error; self.new = new; self.updated = updated
            self.deleted = deleted
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(ok, forKey: .ok)
            try container.encode(error, forKey: .error)  // null, not absent: scripts test it
            try container.encode(new, forKey: .new)
            try container.encode(updated, forKey: .updated)
            try container.encode(deleted, forKey: .deleted)
        }
    }

    /// Sums over the sources.
    public struct Totals: Codable, Sendable, Equatable {
        public var new: Int
        public var updated: Int
        public var deleted: Int
        public var failedSources: Int

        enum CodingKeys: String, CodingKey {
            case new, updated, deleted
            case failedSources = "failed_sources"
        }
    }

    public var started: String
    public var ended: String
    public var exitCode: Int32
    public var sources: [Source]
    public var totals: Totals

    /// A run summary; totals are computed from the sources.
    public init(started: String, ended: String, exitCode: Int32, sources: [Source]) {
        self.started = started; self.ended = ended; self.exitCode = exitCode; self.sources = sources
        totals = Totals(new: sources.reduce(0) { $0 + $1.new }, updated: sources.reduce(0) { $0 + $1.updated },
                        deleted: sources.reduce(0) { $0 + $1.deleted },
                        failedSources: sources.filter { !$0.ok }.count)
    }

    enum CodingKeys: String, CodingKey {
        case started, ended, sources, totals
        case exitCode = "exit_code"
    }
}

/// A dedup index snapshot covering copy revisions up to `watermark` (`dedup.jsonl`).
struct DedupWatermark: Codable, Equatable {
    var watermark: Int
    var saved: String
}

/// A story's revision state (`stories.jsonl`, last line per id wins): written when the story's
/// representative text changes, so `revision` and `updated` move only then.
struct StoryRecord: Codable, Equatable {
    var id: String
    var revision: Int
    var contentHash: String
    var updated: String

    enum CodingKeys: String, CodingKey {
        case id, revision, updated
        case contentHash = "content_hash"
    }
}
