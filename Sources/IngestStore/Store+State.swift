import Foundation
import IngestCore

extension Store {
    /// Records the deduplicator's merges; an alias already known, or one that would make a
    /// cycle, is skipped.
    public func append(aliases newAliases: [StoryAlias]) throws {
        precondition(access == .write, "appending to a store opened for reading")
        var staged = aliases
        var lines: [Data] = []
        var accepted: [StoryAlias] = []
        for alias in newAliases {
            let from = StableKey(alias.from), to = StableKey(alias.to)
            guard staged[from]?.key != to, from != to, staged.resolve(to).key != from else { continue }
            staged.record(alias)
            lines.append(try encoder.encode(alias))
            accepted.append(alias)
        }
        try files.aliases.append(lines)
        for alias in accepted { index(alias: alias) }
        try refreshStories(representatives(of: Array(Set(accepted.map { resolve(StableKey($0.to)).key }))))
    }

    /// Stores URL states (the last one per URL wins); one whose line is the stored one is skipped.
    public func put(urlStates states: [URLState]) throws {
        try put(fetchRecords: states.map(FetchRecord.init))
    }

    /// The stored state of a URL (any URL that leads to a copy, or was fetched and not stored).
    public func urlState(url: String) throws -> URLState? {
        try fetchRecord(url: url).map(URLState.init)
    }

    /// Calls `body` with every URL's latest state, in file order.
    public func forEachURLState(_ body: (URLState) throws -> Void) throws {
        try forEachFetchRecord { try body(URLState($0)) }
    }

    /// Stores fetch records (the last one per URL wins); one identical to the stored one is skipped.
    func put(fetchRecords states: [FetchRecord]) throws {
        precondition(access == .write, "appending to a store opened for reading")
        var lines: [Data] = []
        var staged: [StableKey: (line: Data, ref: LineRef)] = [:]
        var offset = files.fetch.length
        for state in states {
            let key = StableKey(state.url)
            let line = try encoder.encode(state)
            if let previous = staged[key] {
                if previous.line == line { continue }
            } else if let stored = fetchIndex[key], Int(stored.length) == line.count,
                      try files.fetch.read(offset: stored.offset, count: line.count) == line {
                continue
            }
            lines.append(line)
            staged[key] = (line, LineRef(offset: offset, length: Int32(line.count)))
            offset += Int64(line.count) + 1
        }
        try files.fetch.append(lines)
        for (key, entry) in staged { fetchIndex[key] = entry.ref }
    }

    /// The stored fetch state of a URL.
    func fetchRecord(url: String) throws -> FetchRecord? {
        try fetchIndex[StableKey(url)].map(fetchRecord(at:))
    }

    /// Calls `body` with every URL's latest fetch state, in file order.
    func forEachFetchRecord(_ body: (FetchRecord) throws -> Void) throws {
        for line in fetchIndex.values.sorted(by: { $0.offset < $1.offset }) {
            try body(try fetchRecord(at: line))
        }
    }

    func fetchRecord(at line: LineRef) throws -> FetchRecord {
        try files.fetch.record(at: line, StoreFiles.Record.fetch) { FetchRecord(line: $0) }
    }

    /// Stores source states (the last one per name wins); unchanged ones are skipped.
    public func put(sourceStates states: [SourceState]) throws {
        precondition(access == .write, "appending to a store opened for reading")
        var staged = sourceStates
        var lines: [Data] = []
        for record in states.map(SourceRecord.init) where staged[record.name] != record {
            staged[record.name] = record
            lines.append(try encoder.encode(record))
        }
        try files.sources.append(lines)
        sourceStates = staged
    }

    /// The stored state of a source.
    public func sourceState(name: String) -> SourceState? { sourceStates[name]?.state }

    /// Every stored source record, by name (what compaction keeps).
    var sourceRecords: [SourceRecord] { sourceStates.values.sorted { $0.name < $1.name } }

    /// Records a finished sync run (`ingest status` shows the last one).
    public func record(syncRun summary: SyncSummary) throws {
        precondition(access == .write, "appending to a store opened for reading")
        let run = RunRecord(summary)
        guard run != lastRunRecord else { return }
        try files.runs.append([try encoder.encode(run)])
        lastRunRecord = run
    }

    /// The deduplicator's snapshot as last saved (opaque bytes), or nil when there is none.
    public func dedupSnapshot() -> [UInt8]? {
        FileManager.default.contents(atPath: dedupSnapshotPath).map { [UInt8]($0) }
    }

    /// Replaces the deduplicator's snapshot atomically (the store's temp-file rule, so a stray
    /// is removed like any other), then records that it covers copy revisions up to
    /// sequence number `watermark`. After a crash between the two the watermark is older than
    /// the snapshot: replaying a covered revision must be harmless.
    public func saveDedupSnapshot(_ bytes: [UInt8], watermark: Int) throws {
        try writeDedupSnapshot(bytes)
        try recordDedupSnapshot(watermark: watermark)
    }

    /// Replaces the deduplicator's snapshot file atomically; it counts for nothing more until
    /// `recordDedupSnapshot` (a pending re-clustering ignores it).
    public func writeDedupSnapshot(_ bytes: [UInt8]) throws {
        precondition(access == .write, "appending to a store opened for reading")
        do {
            try AtomicFile.write(Data(bytes), to: dedupSnapshotPath)
        } catch {
            throw StoreError.io(path: dedupSnapshotPath, operation: "save the dedup snapshot", errno: error.errno)
        }
    }

    /// Records that the saved snapshot covers copy revisions up to sequence number `watermark`.
    /// This line also ends a pending re-clustering: it is that re-clustering's commit point.
    public func recordDedupSnapshot(watermark: Int) throws {
        guard watermark != dedupWatermark || reclusterPending else { return }
        try appendDedupLine(watermark: watermark, recluster: false)
    }

    /// Marks a re-clustering begun, before it moves any copy (one fsynced line in dedup.jsonl).
    /// Until `recordDedupSnapshot` the store may hold any part of its moves, and the snapshot
    /// on disk describes neither clustering: writers finish the re-clustering when they open
    /// the store (`StoryIndexClusterer.load`, `Pipeline.compact`).
    public func beginRecluster() throws {
        try appendDedupLine(watermark: dedupWatermark, recluster: true)
    }

    /// Lowers the watermark (a repair after lost copy lines), keeping a pending re-clustering.
    func lowerDedupWatermark(to watermark: Int) throws {
        try appendDedupLine(watermark: watermark, recluster: reclusterPending)
    }

    private func appendDedupLine(watermark: Int, recluster: Bool) throws {
        precondition(access == .write, "appending to a store opened for reading")
        let line = DedupWatermark(watermark: watermark, saved: Timestamp.string(clock()), recluster: recluster ? true : nil)
        try files.dedup.append([try encoder.encode(line)])
        (dedupWatermark, reclusterPending) = (watermark, recluster)
    }
}
