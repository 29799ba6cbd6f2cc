import Foundation

extension Store {
    /// The fields of a copy revision the index needs; all sort before `text`.
    private static let copyScanner = LeadingFieldScanner(
        wanted: ["content_hash", "deleted", "first_seq", "id", "revision", "seq", "story"])
    private static let urlScanner = LeadingFieldScanner(wanted: ["url"])

    /// Reads every file once: copies and fetch states into offset indexes, small records whole.
    func loadIndexes() throws {
        copyIndex = [:]; fetchIndex = [:]; aliases = [:]; sourceStates = [:]
        copyRevisionCount = 0; nextSeq = 1
        var lineNumber = 0
        try copiesFile.forEachLine { offset, line in
            lineNumber += 1
            guard let fields = Store.copyScanner.scan(line),
                  case let .string(id)? = fields["id"], case let .string(story)? = fields["story"],
                  case let .number(seq)? = fields["seq"], case let .number(firstSeq)? = fields["first_seq"],
                  case let .number(revision)? = fields["revision"],
                  case let .string(hash)? = fields["content_hash"], case let .bool(deleted)? = fields["deleted"]
            else { throw StoreError.corrupt(path: copiesFile.path, line: lineNumber, reason: "not a copy revision") }
            let key = StableKey(id)
            let entry = CopyEntry(line: LineRef(offset: offset, length: Int32(line.count)), seq: Int(seq),
                                  firstSeq: Int(firstSeq), revision: Int32(revision),
                                  deleted: deleted, story: StableKey(story), contentHash: StableKey(hash))
            copyIndex[key] = entry
            copyRevisionCount += 1
            nextSeq = max(nextSeq, Int(seq) + 1)
        }
        lineNumber = 0
        try fetchFile.forEachLine { offset, line in
            lineNumber += 1
            guard case let .string(url)? = Store.urlScanner.scan(line)?["url"] else {
                throw StoreError.corrupt(path: fetchFile.path, line: lineNumber, reason: "not a fetch state")
            }
            fetchIndex[StableKey(url)] = LineRef(offset: offset, length: Int32(line.count))
        }
        for alias in try decodeAll(StoryAlias.self, in: aliasesFile) {
            aliases[StableKey(alias.from)] = (StableKey(alias.to), alias.to)
        }
        for state in try decodeAll(SourceState.self, in: sourcesFile) { sourceStates[state.name] = state }
        lastSyncRun = try decodeAll(SyncRunSummary.self, in: runsFile).last
        dedupWatermark = try decodeAll(DedupWatermark.self, in: dedupFile).last?.watermark ?? 0
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
        var current: (key: StableKey, id: String?) = (story, nil)
        for _ in 0..<64 {
            guard let next = aliases[current.key] else { break }
            current = (next.key, next.id)
        }
        return current
    }
}
