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
/// lines written before they existed still read. (`content_hash`, which no binary ever set,
/// is no longer read; old lines holding it still read.)
struct FetchRecord: Codable, Sendable, Equatable {
    public var url: String
    public var copy: String?
    public var etag: String?
    public var lastModified: String?
    public var lastChecked: String?
    /// Always 0 and `[]`: nothing sets them. They stay in every line because the format needs
    /// them: older binaries decode `failures` and `aliases` as required fields and refuse a
    /// line without them, and `FetchRecord(line:)` takes `failures` as the mark of a fetch state.
    public var failures: Int
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
                lastChecked: String? = nil, failures: Int = 0, aliases: [String] = [],
                alias: Bool? = nil, source: String? = nil, allowPrivate: Bool? = nil, firstSeen: String? = nil,
                published: String? = nil, gone: Bool? = nil) {
        self.url = url; self.copy = copy; self.etag = etag; self.lastModified = lastModified
        self.lastChecked = lastChecked; self.failures = failures
        self.aliases = aliases; self.alias = alias; self.source = source; self.allowPrivate = allowPrivate
        self.firstSeen = firstSeen; self.published = published; self.gone = gone
    }

    enum CodingKeys: String, CodingKey {
        case url, copy, etag, failures, aliases, alias, source, published, gone
        case lastModified = "last_modified", lastChecked = "last_checked"
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

/// A sync run's line in `runs.jsonl` (`ingest status` shows the last): dates to the second,
/// per-source outcomes, and `totals`, whose run counters are absent in lines written before
/// they were kept.
struct RunRecord: Codable, Equatable {
    /// One source's outcome in the run.
    struct Source: Codable, Equatable {
        var name: String
        var ok: Bool
        var error: String?
        var new: Int
        var updated: Int
        var deleted: Int
        /// False for a failing source left alone while it backs off (absent otherwise, and in
        /// lines written before it was kept: polled).
        var polled: Bool?

        func encode(to encoder: Encoder) throws {
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

    /// Sums over the sources, and the run's other counters (nil, and absent, in runs recorded
    /// before they were kept).
    struct Totals: Codable, Equatable {
        var new: Int
        var updated: Int
        var deleted: Int
        var failedSources: Int
        var unchanged: Int?
        var merged: Int?
        var requests: Int?
        var bytes: Int?
        var seconds: Double?
        /// Pages skipped and failed (nil, and absent, in runs recorded before they were kept).
        var skipped: Int? = nil
        var failedPages: Int? = nil

        enum CodingKeys: String, CodingKey {
            case new, updated, deleted, unchanged, merged, requests, bytes, seconds, skipped
            case failedSources = "failed_sources", failedPages = "failed_pages"
        }
    }

    var started: String
    var ended: String
    var exitCode: Int32
    var sources: [Source]
    var totals: Totals

    enum CodingKeys: String, CodingKey {
        case started, ended, sources, totals
        case exitCode = "exit_code"
    }

    /// A line whose dates do not read is damaged: the run it records is unknown.
    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        started = try container.decode(String.self, forKey: .started)
        ended = try container.decode(String.self, forKey: .ended)
        exitCode = try container.decode(Int32.self, forKey: .exitCode)
        sources = try container.decode([Source].self, forKey: .sources)
        totals = try container.decode(Totals.self, forKey: .totals)
        guard Timestamp.date(started) != nil, Timestamp.date(ended) != nil else {
            throw DecodingError.dataCorruptedError(forKey: .started, in: container, debugDescription: "not a store timestamp")
        }
    }
}

extension RunRecord {
    /// The line for a finished run: totals summed over the sources, seconds to the millisecond
    /// (as `sync --json` shows them).
    init(_ summary: SyncSummary) {
        started = Timestamp.string(summary.started)
        ended = Timestamp.string(summary.ended)
        exitCode = summary.exitCode ?? 0
        sources = summary.sources.map {
            Source(name: $0.name, ok: $0.ok, error: $0.error, new: $0.new, updated: $0.updated, deleted: $0.deleted,
                   polled: $0.polled ? nil : false)
        }
        let kept = summary.countersKept
        totals = Totals(new: sources.reduce(0) { $0 + $1.new }, updated: sources.reduce(0) { $0 + $1.updated },
                        deleted: sources.reduce(0) { $0 + $1.deleted },
                        failedSources: summary.sourcesFailed,
                        unchanged: kept ? summary.unchanged : nil, merged: kept ? summary.merged : nil,
                        requests: kept ? summary.requests : nil, bytes: kept ? summary.bytes : nil,
                        seconds: kept ? (summary.seconds * 1000).rounded() / 1000 : nil,
                        skipped: summary.pageCountersKept ? summary.skipped : nil,
                        failedPages: summary.pageCountersKept ? summary.failed : nil)
    }

    /// The run this line records (its dates were checked when it was read); problems are not
    /// kept.
    var summary: SyncSummary {
        var summary = SyncSummary(started: Timestamp.date(started) ?? .distantPast, ended: Timestamp.date(ended) ?? .distantPast,
                                  seconds: totals.seconds ?? 0)
        summary.exitCode = exitCode
        summary.sources = sources.map {
            var source = SyncSummary.Source(name: $0.name, ok: $0.ok, error: $0.error, polled: $0.polled ?? true)
            (source.new, source.updated, source.deleted) = ($0.new, $0.updated, $0.deleted)
            return source
        }
        (summary.new, summary.updated, summary.deleted) = (totals.new, totals.updated, totals.deleted)
        summary.countersKept = totals.unchanged != nil
        summary.unchanged = totals.unchanged ?? 0
        summary.merged = totals.merged ?? 0
        summary.requests = totals.requests ?? 0
        summary.bytes = totals.bytes ?? 0
        summary.pageCountersKept = totals.skipped != nil
        summary.skipped = totals.skipped ?? 0
        summary.failed = totals.failedPages ?? 0
        summary.problemsKept = false
        return summary
    }
}

/// A dedup index snapshot covering copy revisions up to `watermark` (`dedup.jsonl`). The last
/// line wins; `recluster: true` marks a re-clustering begun and not finished (`Store.beginRecluster`).
struct DedupWatermark: Codable, Equatable {
    var watermark: Int
    var saved: String
    var recluster: Bool?
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
