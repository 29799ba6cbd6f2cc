/// The order of an export, found by external sorts of small fixed-size slots instead of an
/// in-memory index of every copy. Ties in `first_seq` (only in a hand-edited store) go to the
/// copy that appears first in copies.jsonl, as they always have.
extension StoreExport {
    /// One line of copies.jsonl.
    struct RevisionSlot {
        var copy: StableKey
        /// The story as written on the line.
        var story: StableKey
        var firstSeq: Int
        var deleted: Bool
        var line: Store.LineRef
    }

    /// A copy to export: its latest revision.
    struct CopySlot {
        /// The surviving story, aliases followed.
        var story: StableKey
        var firstSeq: Int
        /// Where the copy's first revision is in copies.jsonl: the order of ties.
        var firstOffset: Int64
        var line: Store.LineRef
    }

    /// A copy to export, in story order.
    struct StorySlot {
        /// The story's first appearance: the smallest `first_seq` of its exported copies.
        var group: Int
        var copy: CopySlot
    }

    /// One line of stories.jsonl.
    struct StoryStateSlot {
        var story: StableKey
        var state: Store.StoryState
    }

    /// A story's current state, where the story comes in the export.
    struct StateSlot {
        var group: Int
        var current: StoryStateSlot
    }

    /// Copies by first appearance (`--copies`).
    func copyOrder(includeDeleted: Bool) throws -> SortedRecords<CopySlot> {
        var sorter = sorter(of: CopySlot.self) { ($0.firstSeq, $0.firstOffset) < ($1.firstSeq, $1.firstOffset) }
        try forEachLatestCopy(includeDeleted: includeDeleted) { try sorter.append($0) }
        return try sorter.sorted()
    }

    /// Copies grouped by story, stories by first appearance, then copies by first appearance;
    /// and the stories' current states (from stories.jsonl) in the same order, for a merge-join.
    func storyOrder(includeDeleted: Bool) throws -> (copies: SortedRecords<StorySlot>, states: SortedRecords<StateSlot>) {
        var byStory = sorter(of: CopySlot.self) {
            ($0.story, $0.firstSeq, $0.firstOffset) < ($1.story, $1.firstSeq, $1.firstOffset)
        }
        try forEachLatestCopy(includeDeleted: includeDeleted) { try byStory.append($0) }
        var storyLines = sorter(of: StoryStateSlot.self) {
            ($0.story, $0.state.line.offset) < ($1.story, $1.state.line.offset)
        }
        try Store.forEachStoryState(in: stories, damage) { story, state in
            try storyLines.append(StoryStateSlot(story: story, state: state))
        }
        var slots = sorter(of: StorySlot.self) {
            ($0.group, $0.copy.firstSeq, $0.copy.firstOffset) < ($1.group, $1.copy.firstSeq, $1.copy.firstOffset)
        }
        var states = sorter(of: StateSlot.self) { ($0.group, $0.current.story) < ($1.group, $1.current.story) }
        var copies = try byStory.sorted(), lines = try storyLines.sorted()
        var nextLine = try lines.next()
        var story: StableKey?, group = 0
        while let copy = try copies.next() {
            if copy.story != story {  // a story's first copy: its first appearance
                story = copy.story
                group = copy.firstSeq
                var current: StoryStateSlot?
                while let line = nextLine, line.story <= copy.story {
                    if line.story == copy.story { current = line }  // the last line wins
                    nextLine = try lines.next()
                }
                if let current { try states.append(StateSlot(group: group, current: current)) }
            }
            try slots.append(StorySlot(group: group, copy: copy))
        }
        return (try slots.sorted(), try states.sorted())
    }

    /// Calls `body` with each copy's latest revision (its last line; deleted ones only with
    /// `includeDeleted`), in no particular order.
    private func forEachLatestCopy(includeDeleted: Bool, _ body: (CopySlot) throws -> Void) throws {
        var revisions = sorter(of: RevisionSlot.self) {
            ($0.copy, $0.line.offset) < ($1.copy, $1.line.offset)
        }
        try Store.forEachCopyEntry(in: copies, damage) { copy, entry in
            try revisions.append(RevisionSlot(copy: copy, story: entry.story, firstSeq: entry.firstSeq,
                                              deleted: entry.deleted, line: entry.line))
        }
        var missing = try fetch.map { try MissingCopies(namedCopies(in: $0), in: $0) }
        var sorted = try revisions.sorted()
        var latest: RevisionSlot?
        var firstOffset: Int64 = 0
        func finish() throws {
            guard let latest, includeDeleted || !latest.deleted else { return }
            try body(CopySlot(story: aliases.resolve(latest.story).key, firstSeq: latest.firstSeq,
                              firstOffset: firstOffset, line: latest.line))
        }
        while let revision = try sorted.next() {
            if revision.copy != latest?.copy {
                try finish()
                try missing?.advance(to: revision.copy)
                firstOffset = revision.line.offset
            }
            latest = revision
        }
        try finish()
        try missing?.advance(to: nil)
        if let problem = missing?.problem(copies: copies) { throw problem }  // before any record is written
    }

    func sorter<Slot: BitwiseCopyable>(of: Slot.Type, by order: @escaping (Slot, Slot) -> Bool) -> ExternalSorter<Slot> {
        ExternalSorter(memoryBudget: sortBudget, by: order)
    }
}
