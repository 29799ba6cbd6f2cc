import Foundation

extension Store {
    /// The fields of a copy revision the index needs (all sort before `text`), and the other
    /// strings every revision has, checked but not decoded: a line the index accepts decodes.
    private static let copyScanner = FieldScanner(
        keys: ["content_hash", "deleted", "first_seq", "id", "revision", "seq", "story"],
        checked: ["first_seen", "source", "text", "updated", "url"])
    private static let fetchScanner = FieldScanner(keys: ["copy", "etag", "failures", "last_modified", "url"])

    /// Reads every file once: copies and fetch states into offset indexes, small records whole.
    func loadIndexes() throws {
        copyIndex = CopyIndex(); fetchIndex = [:]; aliases = StoryAliases(); sourceStates = [:]
        storyMembers = [:]; aliasSources = [:]; storyStates = [:]
        copyRevisionCount = 0; nextSeq = 1
        try Store.forEachCopyEntry(in: files.copies) { key, entry in
            copyIndex[key] = entry
            copyRevisionCount += 1
            nextSeq = max(nextSeq, entry.seq + 1)
        }
        if access == .write {  // only writers recompute representatives; readers keep memory small
            for (position, entry) in copyIndex.values.enumerated() {
                storyMembers[entry.story, default: []].append(Int32(position))
            }
        }
        statesOfMissingCopies = [:]
        try files.fetch.forEachRecord(StoreFiles.Record.fetch, decode: Store.fetchEntry, indexFetchState)
        for alias in try files.aliases.decodeAll(StoryAlias.self, StoreFiles.Record.alias) { index(alias: alias) }
        try Store.forEachStoryState(in: files.stories) { story, state in storyStates[story] = state }
        for state in try files.sources.decodeAll(SourceRecord.self, StoreFiles.Record.source) { sourceStates[state.name] = state }
        lastRunRecord = try files.runs.decodeAll(RunRecord.self, StoreFiles.Record.run).last
        let dedup = try files.dedup.decodeAll(DedupWatermark.self, StoreFiles.Record.dedup).last
        dedupWatermark = dedup?.watermark ?? 0
        reclusterPending = dedup?.recluster ?? false
    }

    /// Indexes a fetch.jsonl line: the URL's latest state.
    private func indexFetchState(offset: Int64, length: Int, found: (url: StableKey, copy: String?, validated: Bool)) {
        fetchIndex[found.url] = LineRef(offset: offset, length: Int32(length))
        // Copies are committed before the states that name them: a URL's latest state
        // naming a copy that is not there means copy lines were lost. With validators it
        // would turn the next fetch into a 304, "unchanged", and the copy would never return.
        let missing = found.copy.flatMap { copyIndex[StableKey($0)] == nil ? $0 : nil }
        statesOfMissingCopies[found.url] = found.validated ? missing : nil
    }

    /// Indexes a merge: the alias and its inverse.
    func index(alias: StoryAlias) {
        aliases.record(alias)
        aliasSources[StableKey(alias.to), default: []].append(StableKey(alias.from))
    }

    /// Indexes a copy's new latest revision (a writer's `storyMembers` follow its story);
    /// returns the entry it replaces, if any.
    @discardableResult
    func index(copy key: StableKey, _ entry: CopyEntry) -> CopyEntry? {
        let old = copyIndex[key]
        copyIndex[key] = entry
        if old?.story != entry.story {
            let position = copyIndex.position(of: key)!
            if let old { storyMembers[old.story]?.removeAll { $0 == position } }
            storyMembers[entry.story, default: []].append(position)
        }
        return old
    }

    /// Takes in the whole lines another process appended to the record files since this writer
    /// opened or last followed them: the PostgreSQL store's local copy, into which a sync worker
    /// pulls what the other workers committed (after this store's own lines). Only those lines
    /// are read, and the indexes change as if this store had appended them (story records come
    /// with them, so none is rewritten). Returns the copy revisions among them, in append order:
    /// what the deduplicator replays.
    public func followAppended() throws -> [CopyRevision] {
        precondition(access == .write, "only a writer's store follows appends")
        var appended: [LineRef] = []
        try Store.forEachCopyEntry(in: files.copies, from: try files.copies.followAppends()) { key, entry in
            index(copy: key, entry)
            copyRevisionCount += 1
            nextSeq = max(nextSeq, entry.seq + 1)
            appended.append(entry.line)
        }
        try Store.forEachStoryState(in: files.stories, from: try files.stories.followAppends()) { story, state in
            storyStates[story] = state
        }
        for alias in try files.aliases.decodeAll(StoryAlias.self, StoreFiles.Record.alias,
                                                from: try files.aliases.followAppends()) {
            index(alias: alias)
        }
        try files.fetch.forEachRecord(StoreFiles.Record.fetch, from: try files.fetch.followAppends(),
                                      decode: Store.fetchEntry, indexFetchState)
        for state in try files.sources.decodeAll(SourceRecord.self, StoreFiles.Record.source,
                                                from: try files.sources.followAppends()) {
            sourceStates[state.name] = state
        }
        if let run = try files.runs.decodeAll(RunRecord.self, StoreFiles.Record.run, from: try files.runs.followAppends()).last {
            lastRunRecord = run
        }
        if let mark = try files.dedup.decodeAll(DedupWatermark.self, StoreFiles.Record.dedup,
                                                from: try files.dedup.followAppends()).last {
            dedupWatermark = mark.watermark
        }
        return try appended.map(copyRevision(at:))
    }

    /// Calls `body` with the copy id's key and the index entry of each line of copies.jsonl, in
    /// file order (so the last entry for a key is the copy's latest revision), from `start` on.
    static func forEachCopyEntry(in file: RecordFile, _ policy: DamagePolicy = .fail, from start: Int64 = 0,
                                 _ body: (StableKey, CopyEntry) throws -> Void) throws {
        try file.forEachEntry(StoreFiles.Record.copy, policy, from: start, decode: copyEntry, line: \.line, body)
    }

    /// The copy id's key and index entry of a copies.jsonl line (its `line` for the caller to
    /// set), or nil when the line is not a copy revision.
    static func copyEntry(_ line: UnsafeRawBufferPointer) -> (StableKey, CopyEntry)? {
        guard let fields = copyScanner.scan(line), let hash = fields[0].string, let deleted = fields[1].bool,
              let firstSeq = fields[2].int, let id = fields[3].string, let revision = fields[4].int,
              let seq = fields[5].int, let story = fields[6].string
        else { return nil }
        return (StableKey(id), CopyEntry(line: LineRef(offset: 0, length: 0), seq: seq, firstSeq: firstSeq,
                                         revision: Int32(revision), deleted: deleted, story: StableKey(story),
                                         contentHash: StableKey(hash)))
    }

    /// The URL's key, the copy it names and whether it has validators (an ETag or a
    /// Last-Modified), of a fetch.jsonl line; nil when the line is not a fetch state.
    static func fetchEntry(_ line: UnsafeRawBufferPointer) -> (url: StableKey, copy: String?, validated: Bool)? {
        guard let fields = fetchScanner.scan(line), fields[2].int != nil, let url = fields[4].string else { return nil }
        return (StableKey(url), fields[0].string, fields[1].string != nil || fields[3].string != nil)
    }

    /// The records other files refer to that copies.jsonl does not hold (see `StoreCensus` for
    /// whole files), or nil.
    var missingCopies: StoreError? {
        statesOfMissingCopies.values.min().map {
            .missingCopies(path: files.copies.path, example: $0, others: statesOfMissingCopies.count - 1)
        }
    }

    /// Reads and decodes one copy revision line.
    func copyRevision(at line: LineRef) throws -> CopyRevision { try files.copies.copyRevision(at: line) }

    /// The surviving story key and id for a story key (see `StoryAliases.resolve`).
    func resolve(_ story: StableKey) -> (key: StableKey, id: String?) { aliases.resolve(story) }
}
