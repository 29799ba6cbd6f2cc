import Foundation
import IngestCore

/// A merge by the deduplicator: story `from` now lives on as story `to` (`aliases.jsonl`).
public struct StoryAlias: Codable, Sendable, Equatable, Hashable {
    public var from: String
    public var to: String

    /// An alias folding `from` into `to`.
    public init(from: String, to: String) { self.from = from; self.to = to }
}

/// A `URLState` as one line of `fetch.jsonl` keeps it (the last line per URL wins): dates as
/// store timestamps, false flags left out.
///
/// A copy has one primary state (the URL it is revalidated at) and alias states (`alias`:
/// the feed's URL, the canonical URL, a feed GUID key) leading to the same `copy`. A state
/// without `copy` is a URL fetched and not stored. Fields after `aliases` are optional so
/// lines written before they existed still read.
struct FetchRecord: Codable, Sendable, Equatable {
    public var url: String
    public var copy: String?
    public var etag: String?
    public var lastModified: String?
    public var contentHash: String?
    public var lastChecked: String?
    public var failures: Int
    /// Feed GUIDs or other URLs that led to this URL.
    public var aliases: [String]
    /// True for an alias state (revalidation happens at the copy's primary URL).
    public var alias: Bool?
    /// The source name that first listed it ("import" for `ingest import`).
    public var source: String?
    /// The URL may lead to a loopback or private address (listed by a private source, or named by the user).
    public var allowPrivate: Bool?
    public var firstSeen: String?
    /// The article's published date, which drives the revalidation schedule.
    public var published: String?
    /// The URL answered 404 or 410.
    public var gone: Bool?

    /// A fetch state; only `url` is required.
    public init(url: String, copy: String? = nil, etag: String? = nil, lastModified: String? = nil,
                contentHash: String? = nil, lastChecked: String? = nil, failures: Int = 0, aliases: [String] = [],
                alias: Bool? = nil, source: String? = nil, allowPrivate: Bool? = nil, firstSeen: String? = nil,
                published: String? = nil, gone: Bool? = nil) {
        self.url = url; self.copy = copy; self.etag = etag; self.lastModified = lastModified
        self.contentHash = contentHash; self.lastChecked = lastChecked; self.failures = failures
        self.aliases = aliases; self.alias = alias; self.source = source; self.allowPrivate = allowPrivate
        self.firstSeen = firstSeen; self.published = published; self.gone = gone
    }

    enum CodingKeys: String, CodingKey {
        case url, copy, etag, failures, aliases, alias, source, published, gone
        case lastModified = "last_modified", contentHash = "content_hash", lastChecked = "last_checked"
        case allowPrivate = "allow_private", firstSeen = "first_seen"
    }
}

// URL states (dates) and their fetch.jsonl lines (ISO 8601 strings to the second): every
// field a URLState keeps has a place in the line.

extension URLState {
    /// The state a fetch.jsonl line keeps.
    init(_ record: FetchRecord) {
        let lastChecked = record.lastChecked.flatMap(Timestamp.date)
        self.init(url: record.url, copyID: record.copy, isAlias: record.alias ?? false,
                  source: record.source ?? URLState.importSource, etag: record.etag, lastModified: record.lastModified,
                  allowPrivateAddresses: record.allowPrivate ?? false,
                  firstSeen: record.firstSeen.flatMap(Timestamp.date) ?? lastChecked ?? Date(timeIntervalSince1970: 0),
                  lastChecked: lastChecked, published: record.published.flatMap(Timestamp.date), gone: record.gone ?? false)
    }
}

extension FetchRecord {
    /// The store record of an engine URL state (false flags are left out of the line).
    init(_ state: URLState) {
        self.init(url: state.url, copy: state.copyID, etag: state.etag, lastModified: state.lastModified,
                  lastChecked: state.lastChecked.map(Timestamp.string), alias: state.isAlias ? true : nil,
                  source: state.source, allowPrivate: state.allowPrivateAddresses ? true : nil,
                  firstSeen: Timestamp.string(state.firstSeen), published: state.published.map(Timestamp.string),
                  gone: state.gone ? true : nil)
    }
}

/// A `SourceState` as one line of `sources.jsonl` keeps it (last line per name wins): dates
/// as store timestamps, "ok" for no error. Fields after `last_result` are optional so lines
/// written before they existed still read (a missing `failures` after an error reads as 1).
struct SourceRecord: Codable, Sendable, Equatable {
    var name: String
    var etag: String?
    var lastModified: String?
    var nextPoll: String?
    /// "ok" or why the last poll failed.
    var lastResult: String?
    var lastPolled: String?
    /// For an HTML homepage given as `auto`: the feed it announced, polled directly since.
    var feedURL: String?
    /// Validators of child sitemaps, by URL.
    var children: [String: Validators]?
    /// When the current run of failed polls began, and how many failed in a row (both absent
    /// while the source is healthy).
    var failingSince: String?
    var failures: Int?

    /// A source record; only `name` is required.
    init(name: String, etag: String? = nil, lastModified: String? = nil,
         nextPoll: String? = nil, lastResult: String? = nil, lastPolled: String? = nil,
         feedURL: String? = nil, children: [String: Validators]? = nil,
         failingSince: String? = nil, failures: Int? = nil) {
        self.name = name; self.etag = etag; self.lastModified = lastModified
        self.nextPoll = nextPoll; self.lastResult = lastResult; self.lastPolled = lastPolled
        self.feedURL = feedURL; self.children = children
        self.failingSince = failingSince; self.failures = failures
    }

    enum CodingKeys: String, CodingKey {
        case name, etag, children, failures
        case lastModified = "last_modified", nextPoll = "next_poll", lastResult = "last_result"
        case lastPolled = "last_polled", feedURL = "feed_url", failingSince = "failing_since"
    }
}

extension SourceRecord {
    /// The line for a source's state (no children left out, no error written as "ok").
    init(_ state: SourceState) {
        self.init(name: state.name, etag: state.validators.etag, lastModified: state.validators.lastModified,
                  nextPoll: state.nextPoll.map(Timestamp.string), lastResult: state.lastError ?? "ok",
                  lastPolled: state.lastPolled.map(Timestamp.string), feedURL: state.feedURL,
                  children: state.children.isEmpty ? nil : state.children,
                  failingSince: state.failingSince.map(Timestamp.string), failures: state.failures > 0 ? state.failures : nil)
    }

    /// The state this line keeps.
    var state: SourceState {
        let lastError = lastResult == "ok" ? nil : lastResult
        return SourceState(name: name, validators: Validators(etag: etag, lastModified: lastModified), feedURL: feedURL,
                           children: children ?? [:], lastPolled: lastPolled.flatMap(Timestamp.date),
                           nextPoll: nextPoll.flatMap(Timestamp.date), lastError: lastError,
                           failingSince: failingSince.flatMap(Timestamp.date),
                           failures: failures ?? (lastError == nil ? 0 : 1))
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
        /// False for a failing source left alone while it backs off: reported, but not a
        /// failure of this run (absent in lines written before it was kept: polled).
        public var polled: Bool?

        /// A source outcome.
        public init(name: String, ok: Bool, error: String? = nil, new: Int = 0, updated: Int = 0, deleted: Int = 0,
                    polled: Bool? = nil) {
            self.name = name; self.ok = ok; self.error = error; self.new = new; self.updated = updated
            self.deleted = deleted; self.polled = polled
        }

        /// Whether the source failed in this run (a backed-off one was not polled, so did not).
        public var failed: Bool { !ok && polled != false }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(ok, forKey: .ok)
            try container.encode(error, forKey: .error)  // null, not absent: scripts test it
            try container.encode(new, forKey: .new)
            try container.encode(updated, forKey: .updated)
            try container.encode(deleted, forKey: .deleted)
            if polled == false { try container.encode(false, forKey: .polled) }
        }
    }

    /// Sums over the sources, and the run's other counters. Those are optional: runs recorded
    /// before they were kept read as nil (and stay absent in JSON).
    public struct Totals: Codable, Sendable, Equatable {
        public var new: Int
        public var updated: Int
        public var deleted: Int
        public var failedSources: Int
        /// Known articles whose text did not change.
        public var unchanged: Int?
        /// New copies that joined an existing story.
        public var merged: Int?
        public var requests: Int?
        /// Response body bytes received.
        public var bytes: Int?
        /// Wall-clock duration of the run.
        public var seconds: Double?

        enum CodingKeys: String, CodingKey {
            case new, updated, deleted, unchanged, merged, requests, bytes, seconds
            case failedSources = "failed_sources"
        }
    }

    /// A run's counters that are not sums over its sources.
    public struct Counters: Sendable, Equatable {
        public var unchanged: Int
        public var merged: Int
        public var requests: Int
        public var bytes: Int
        public var seconds: Double

        /// The counters of one run.
        public init(unchanged: Int, merged: Int, requests: Int, bytes: Int, seconds: Double) {
            self.unchanged = unchanged; self.merged = merged; self.requests = requests; self.bytes = bytes
            self.seconds = seconds
        }
    }

    public var started: String
    public var ended: String
    public var exitCode: Int32
    public var sources: [Source]
    public var totals: Totals

    /// A run summary; totals are computed from the sources, plus the run's `counters` if given.
    public init(started: String, ended: String, exitCode: Int32, sources: [Source], counters: Counters? = nil) {
        self.started = started; self.ended = ended; self.exitCode = exitCode; self.sources = sources
        totals = Totals(new: sources.reduce(0) { $0 + $1.new }, updated: sources.reduce(0) { $0 + $1.updated },
                        deleted: sources.reduce(0) { $0 + $1.deleted },
                        failedSources: sources.count(where: \.failed),
                        unchanged: counters?.unchanged, merged: counters?.merged, requests: counters?.requests,
                        bytes: counters?.bytes, seconds: counters?.seconds)
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
