import Foundation
import IngestCore

/// What `ingest status` reports about a store.
public struct StoreStatus: Encodable, Sendable, Equatable {
    public var directory: String
    /// False when the directory holds no store yet.
    public var exists: Bool
    public var formatVersion: Int?
    /// Live stories (at least one live copy), after merges.
    public var stories: Int
    public var deletedStories: Int
    /// Live copies.
    public var copies: Int
    public var deletedCopies: Int
    /// Lines in copies.jsonl, superseded revisions included (compaction drops those).
    public var copyRevisions: Int
    public var storyAliases: Int
    public var sources: Int
    public var trackedURLs: Int
    public var bytesOnDisk: Int64
    public var dedupWatermark: Int
    /// The last sync run, shown (in JSON) as the run object `sync --json` prints.
    public var lastSync: SyncSummary?
    /// What sync remembers about each source it has polled, by name.
    public var sourceStates: [Source] = []
    /// Bytes of raw captures held in `raw/` (0 without `keepRaw`).
    public var rawBytes: Int64 = 0

    /// One source as `ingest status` shows it. `lastResult` is "ok" or "failed" (nil: never
    /// polled); `failingSince`, `failures` and `lastError` are nil (0) while it is healthy.
    public struct Source: Codable, Sendable, Equatable {
        public var name: String
        public var lastPolled: String?
        public var nextPoll: String?
        public var lastResult: String?
        public var failingSince: String?
        public var failures: Int
        public var lastError: String?
        /// Live copies first stored from this source.
        public var articles: Int

        enum CodingKeys: String, CodingKey {
            case name, failures, articles
            case lastPolled = "last_polled", nextPoll = "next_poll", lastResult = "last_result"
            case failingSince = "failing_since", lastError = "last_error"
        }

        public func encode(to encoder: Encoder) throws {
            // Every key present, null when unknown: scripts test them.
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(lastPolled, forKey: .lastPolled)
            try container.encode(nextPoll, forKey: .nextPoll)
            try container.encode(lastResult, forKey: .lastResult)
            try container.encode(failingSince, forKey: .failingSince)
            try container.encode(failures, forKey: .failures)
            try container.encode(lastError, forKey: .lastError)
            try container.encode(articles, forKey: .articles)
        }
    }

    enum CodingKeys: String, CodingKey {
        case directory, exists, stories, copies, sources
        case formatVersion = "format_version", deletedStories = "deleted_stories", deletedCopies = "deleted_copies"
        case copyRevisions = "copy_revisions", storyAliases = "story_aliases", trackedURLs = "tracked_urls"
        case bytesOnDisk = "bytes_on_disk", dedupWatermark = "dedup_watermark", lastSync = "last_sync"
        case sourceStates = "source_states", rawBytes = "raw_bytes"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(directory, forKey: .directory)
        try container.encode(exists, forKey: .exists)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(stories, forKey: .stories)
        try container.encode(deletedStories, forKey: .deletedStories)
        try container.encode(copies, forKey: .copies)
        try container.encode(deletedCopies, forKey: .deletedCopies)
        try container.encode(copyRevisions, forKey: .copyRevisions)
        try container.encode(storyAliases, forKey: .storyAliases)
        try container.encode(sources, forKey: .sources)
        try container.encode(trackedURLs, forKey: .trackedURLs)
        try container.encode(bytesOnDisk, forKey: .bytesOnDisk)
        try container.encode(dedupWatermark, forKey: .dedupWatermark)
        // The run object `sync --json` prints (schemas/run.schema.json); null when no sync has run.
        if let lastSync { try container.encode(lastSync.runJSON, forKey: .lastSync) } else { try container.encodeNil(forKey: .lastSync) }
        try container.encode(sourceStates, forKey: .sourceStates)
        try container.encode(rawBytes, forKey: .rawBytes)
    }
}

extension Store {
    /// Counts of what the store holds, its size on disk, each source's state and the last sync run.
    public func status() -> StoreStatus {
        var liveStories = Set<StableKey>(), allStories = Set<StableKey>()
        var deletedCopies = 0
        for entry in copyIndex.values {
            let story = resolve(entry.story).key
            allStories.insert(story)
            if entry.deleted { deletedCopies += 1 } else { liveStories.insert(story) }
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let bytes = names.reduce(Int64(0)) { total, name in
            let size = (try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size]) as? Int
            return total + Int64(size ?? 0)
        }
        var status = StoreStatus(directory: directory, exists: formatVersion != nil, formatVersion: formatVersion,
                           stories: liveStories.count, deletedStories: allStories.count - liveStories.count,
                           copies: copyIndex.count - deletedCopies, deletedCopies: deletedCopies,
                           copyRevisions: copyRevisionCount, storyAliases: aliases.count,
                           sources: sourceStates.count, trackedURLs: fetchIndex.count, bytesOnDisk: bytes,
                           dedupWatermark: dedupWatermark, lastSync: lastSyncRun)
        status.sourceStates = sourceStatus()
        status.rawBytes = rawBytes
        return status
    }

    /// The remembered state of every source, with its live copies counted by the source that
    /// first stored them (the copy's primary URL state). An unreadable state line counts nothing.
    private func sourceStatus() -> [StoreStatus.Source] {
        var articles: [String: Int] = [:]
        try? forEachURLState { state in
            guard !state.isAlias, let copy = state.copyID, copyIndex[StableKey(copy)]?.deleted == false else { return }
            articles[state.source, default: 0] += 1
        }
        return sourceRecords.map { record in
            let state = record.state
            return StoreStatus.Source(name: record.name, lastPolled: record.lastPolled, nextPoll: record.nextPoll,
                                      lastResult: record.lastResult.map { $0 == "ok" ? "ok" : "failed" },
                                      failingSince: record.failingSince, failures: state.failures,
                                      lastError: state.lastError, articles: articles[record.name] ?? 0)
        }
    }
}
