import Foundation

/// Story revisions: a story's `revision` and `updated` move only when its representative's
/// content hash changes (a new text, or another copy with other text taking over).
extension Store {
    private static let storyScanner = FieldScanner(keys: ["content_hash", "id", "revision", "updated"])

    /// Every surviving story key, in no particular order.
    var allStories: [StableKey] {
        Array(Set(storyMembers.keys.map { resolve($0).key }))
    }

    /// Loads stories.jsonl into `storyStates`.
    func loadStoryStates() throws {
        var lineNumber = 0
        try files.stories.forEachLine { offset, line in
            lineNumber += 1
            guard let fields = Store.storyScanner.scan(line), let hash = fields[0].string, let id = fields[1].string,
                  let revision = fields[2].int
            else { throw StoreError.corrupt(path: files.stories.path, line: lineNumber, reason: "not a story record") }
            storyStates[StableKey(id)] = StoryState(revision: revision, contentHash: StableKey(hash),
                                                    line: LineRef(offset: offset, length: Int32(line.count)))
        }
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

    /// The representative of a story: its earliest-seen live copy.
    func representative(of story: StableKey) -> CopyEntry? {
        members(of: story).lazy.map { self.copyIndex.values[Int($0)] }.filter { !$0.deleted }
            .min { $0.firstSeq < $1.firstSeq }
    }

    /// Writes a new story record for each story whose representative text differs from the
    /// one its last record counted.
    func refreshStories(_ stories: [StableKey]) throws {
        var lines: [Data] = []
        var staged: [(StableKey, StoryState)] = []
        var offset = files.stories.length
        let now = Store.timestamp(clock())
        for story in stories {
            guard let rep = representative(of: story), storyStates[story]?.contentHash != rep.contentHash else { continue }
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

    /// The story's `revision` and `updated`: from its record when that counted the current
    /// representative text, else (a reader between a crash and the next write) the copy's own.
    func storyRevision(of story: String, representative: CopyRevision) throws -> (revision: Int, updated: String) {
        guard let state = storyStates[StableKey(story)], state.contentHash == StableKey(representative.contentHash),
              case let .string(updated)? = try files.stories.read(offset: state.line.offset, count: Int(state.line.length))
                  .withUnsafeBytes({ Store.storyScanner.scan($0)?[3] })
        else { return (representative.revision, representative.updated) }
        return (state.revision, updated)
    }
}
