import Foundation

extension Store {
    /// The fields of a copy revision the index needs; all sort before `text`.
    private static let copyScanner = FieldScanner(
        keys: ["content_hash", "deleted", "first_seq", "id", "revision", "seq", "story"])
    private static let urlScanner = FieldScanner(keys: ["url"])

    /// Reads every file once: copies and fetch states into offset indexes, small records whole.
    func loadIndexes() throws {
        copyIndex = CopyIndex(); fetchIndex = [:]; aliases = [:]; sourceStates = [:]
        storyMembers = [:]; aliasSources = [:]; storyStates = [:]
        copyRevisionCount = 0; nextSeq = 1
        var lineNumber = 0
        try files.copies.forEachLine { offset, line in
            lineNumber += 1
            guard let fields = Store.copyScanner.scan(line), let hash = fields[0].string, let deleted = fields[1].bool,
                  let firstSeq = fields[2].int, let id = fields[3].string, let revision = fields[4].int,
                  let seq = fields[5].int, let story = fields[6].string
            else { throw StoreError.corrupt(path: files.copies.path, line: lineNumber, reason: "not a copy revision") }
            let key = StableKey(id)
            let entry = CopyEntry(line: LineRef(offset: offset, length: Int32(line.count)), seq: seq,
                                  firstSeq: firstSeq, revision: Int32(revision),
                                  deleted: deleted, story: StableKey(story), contentHash: StableKey(hash))
            copyIndex[key] = entry
            copyRevisionCount += 1
            nextSeq = max(nextSeq, seq + 1)
        }
        if access == .write {  // only writers recompute representatives; readers keep memory small
            for (position, entry) in copyIndex.values.enumerated() {
                storyMembers[entry.story, default: []].append(Int32(position))
            }
        }
        lineNumber = 0
        try files.fetch.forEachLine { offset, line in
            lineNumber += 1
            guard let url = Store.urlScanner.scan(line)?[0].string else {
                throw StoreError.corrupt(path: files.fetch.path, line: lineNumber, reason: "not a fetch state")
            }
            fetchIndex[StableKey(url)] = LineRef(offset: offset, length: Int32(line.count))
        }
        for alias in try decodeAll(StoryAlias.self, in: files.aliases) {
            aliases[StableKey(alias.from)] = (StableKey(alias.to), alias.to)
            aliasSources[StableKey(alias.to), default: []].append(StableKey(alias.from))
        }
        try loadStoryStates()
        for state in try decodeAll(SourceState.self, in: files.sources) { sourceStates[state.name] = state }
        lastSyncRun = try decodeAll(SyncRunSummary.self, in: files.runs).last
        dedupWatermark = try decodeAll(DedupWatermark.self, in: files.dedup).last?.watermark ?? 0
    }

    /// Decodes every line of a small record file.
    func decodeAll<T: Decodable>(_ type: T.Type, in file: RecordFile) throws -> [T] {
        var records: [T] = []
        var lineNumber = 0
        try file.forEachLine { _, line in
            lineNumber += 1
            do {
                records.append(try decoder.decode(T.self, from: Data(line)))
            } catch {
                throw StoreError.corrupt(path: file.path, line: lineNumber, reason: "not a \(T.self) record")
            }
        }
        return records
    }

    /// Reads and decodes one copy revision line.
    func copyRevision(at line: LineRef) throws -> CopyRevision {
        let data = try files.copies.read(offset: line.offset, count: Int(line.length))
        guard let revision = data.withUnsafeBytes({ CopyRevision(line: $0) }) else {
            throw StoreError.corrupt(path: files.copies.path, line: 0, reason: "record at byte \(line.offset) does not decode")
        }
        return revision
    }

    /// Reads and decodes one record line.
    func decode<T: Decodable>(_ type: T.Type, at line: LineRef, in file: RecordFile) throws -> T {
        let data = try file.read(offset: line.offset, count: Int(line.length))
        do {
            return try decoder.decode(T.self, from: data)
        } catch {
            throw StoreError.corrupt(path: file.path, line: 0, reason: "record at byte \(line.offset) does not decode")
        }
    }

    /// The surviving story key and id for a story key, following alias chains (bounded, so a
    /// hand-made cycle cannot hang).
    func resolve(_ story: StableKey) -> (key: StableKey, id: String?) {
        if aliases.isEmpty { return (story, nil) }
        var current: (key: StableKey, id: String?) = (story, nil)
        for _ in 0..<64 {
            guard let next = aliases[current.key] else { break }
            current = (next.key, next.id)
        }
        return current
    }
}
