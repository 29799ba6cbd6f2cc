import Foundation

extension Store {
    /// The fields of a copy revision the index needs; all sort before `text`.
    private static let copyScanner = FieldScanner(
        keys: ["content_hash", "deleted", "first_seq", "id", "revision", "seq", "story"])
    private static let urlScanner = FieldScanner(keys: ["url"])

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
        var lineNumber = 0
        try files.fetch.forEachLine { offset, line in
            lineNumber += 1
            guard let url = Store.urlScanner.scan(line)?[0].string else {
                throw StoreError.corrupt(path: files.fetch.path, line: lineNumber, reason: "not a fetch state")
            }
            fetchIndex[StableKey(url)] = LineRef(offset: offset, length: Int32(line.count))
        }
        for alias in try files.aliases.decodeAll(StoryAlias.self) {
            aliases.record(alias)
            aliasSources[StableKey(alias.to), default: []].append(StableKey(alias.from))
        }
        try Store.forEachStoryState(in: files.stories) { story, state in storyStates[story] = state }
        for state in try files.sources.decodeAll(SourceState.self) { sourceStates[state.name] = state }
        lastSyncRun = try files.runs.decodeAll(SyncRunSummary.self).last
        dedupWatermark = try files.dedup.decodeAll(DedupWatermark.self).last?.watermark ?? 0
    }

    /// Calls `body` with the copy id's key and the index entry of each line of copies.jsonl, in
    /// file order (so the last entry for a key is the copy's latest revision).
    static func forEachCopyEntry(in file: RecordFile, _ body: (StableKey, CopyEntry) throws -> Void) throws {
        var lineNumber = 0
        try file.forEachLine { offset, line in
            lineNumber += 1
            guard let fields = copyScanner.scan(line), let hash = fields[0].string, let deleted = fields[1].bool,
                  let firstSeq = fields[2].int, let id = fields[3].string, let revision = fields[4].int,
                  let seq = fields[5].int, let story = fields[6].string
            else { throw StoreError.corrupt(path: file.path, line: lineNumber, reason: "not a copy revision") }
            try body(StableKey(id), CopyEntry(line: LineRef(offset: offset, length: Int32(line.count)), seq: seq,
                                              firstSeq: firstSeq, revision: Int32(revision), deleted: deleted,
                                              story: StableKey(story), contentHash: StableKey(hash)))
        }
    }

    /// Reads and decodes one copy revision line.
    func copyRevision(at line: LineRef) throws -> CopyRevision { try files.copies.copyRevision(at: line) }

    /// The surviving story key and id for a story key (see `StoryAliases.resolve`).
    func resolve(_ story: StableKey) -> (key: StableKey, id: String?) { aliases.resolve(story) }
}
