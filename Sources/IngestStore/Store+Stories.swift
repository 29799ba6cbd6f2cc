import Foundation
import IngestCore

/// Story revisions: a story's `revision` and `updated` move only when its representative's
/// content hash changes (a new text, or another copy with other text taking over).
extension Store {
    static let storyScanner = FieldScanner(keys: ["content_hash", "id", "revision", "updated"])

    /// The representative of every story, in one pass over the index (for the check on open).
    var allRepresentatives: [(story: StableKey, representative: CopyEntry)] {
        var best: [StableKey: CopyEntry] = [:]
        for entry in copyIndex.values {
            let story = resolve(entry.story).key
            if Store.represents(entry, better: best[story]) { best[story] = entry }
        }
        return best.map { ($0.key, $0.value) }
    }

    /// The representative rule: the earliest-seen live copy.
    private static func represents(_ entry: CopyEntry, better current: CopyEntry?) -> Bool {
        !entry.deleted && entry.firstSeq < current?.firstSeq ?? .max
    }

    /// Calls `body` with the story key and state of each line of stories.jsonl, in file order
    /// (so the last state for a key is the story's current one).
    static func forEachStoryState(in file: RecordFile, _ policy: DamagePolicy = .fail, from start: Int64 = 0,
                                  _ body: (StableKey, StoryState) throws -> Void) throws {
        try file.forEachEntry(StoreFiles.Record.story, policy, from: start, decode: storyState, line: \.line, body)
    }

    /// The story key and state of a stories.jsonl line (its `line` for the caller to set), or
    /// nil when the line is not a story record.
    static func storyState(_ line: UnsafeRawBufferPointer) -> (StableKey, StoryState)? {
        guard let fields = storyScanner.scan(line), let hash = fields[0].string, let id = fields[1].string,
              let revision = fields[2].int, fields[3].string != nil
        else { return nil }
        return (StableKey(id), StoryState(revision: revision, contentHash: StableKey(hash), line: LineRef(offset: 0, length: 0)))
    }

    /// The positions of every copy of a surviving story, merged stories included.
    func members(of story: StableKey) -> [Int32] {
        var keys = [story], seen: Set<StableKey> = [story], result: [Int32] = []
        var next = 0
        while next < keys.count {  // a breadth-first walk, bounded by the aliases there are
            let key = keys[next]
            next += 1
            result += storyMembers[key] ?? []
            for source in aliasSources[key] ?? [] where !seen.contains(source) && resolve(source).key == story {
                seen.insert(source)
                keys.append(source)
            }
        }
        return result
    }

    /// The representatives of some stories (a story whose copies are all deleted has none).
    func representatives(of stories: [StableKey]) -> [(story: StableKey, representative: CopyEntry)] {
        stories.compactMap { story in
            let best = members(of: story).reduce(nil as CopyEntry?) { best, position in
                let entry = copyIndex.values[Int(position)]
                return Store.represents(entry, better: best) ? entry : best
            }
            return best.map { (story, $0) }
        }
    }

    /// Writes a new story record for each story whose representative text differs from the
    /// one its last record counted.
    func refreshStories(_ stories: [(story: StableKey, representative: CopyEntry)]) throws {
        var lines: [Data] = []
        var staged: [(StableKey, StoryState)] = []
        var offset = files.stories.length
        let now = Timestamp.string(clock())
        for (story, rep) in stories where storyStates[story]?.contentHash != rep.contentHash {
            let revision = try copyRevision(at: rep.line)
            // A story's first record dates from its text; later ones from the change.
            let record = StoryRecord(id: survivingStory(of: revision.story),
                                     revision: (storyStates[story]?.revision ?? 0) + 1,
                                     contentHash: revision.contentHash, updated: storyStates[story] == nil ? revision.updated : now)
            let line = try encoder.encode(record)
            staged.append((story, StoryState(revision: record.revision, contentHash: rep.contentHash,
                                             line: LineRef(offset: offset, length: Int32(line.count)))))
            lines.append(line)
            offset += Int64(line.count) + 1
        }
        try files.stories.append(lines)
        for (story, state) in staged { storyStates[story] = state }
    }
}
