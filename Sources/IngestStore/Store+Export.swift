import Foundation

/// How many records an export wrote.
public struct ExportCounts: Sendable, Equatable {
    public var records: Int
    public var bytes: Int
}

extension Store {
    /// Writes the store per SPEC's export record: one JSON line (or CSV row) per story, or per
    /// copy with `perCopy`. Aliased stories are folded into the surviving story; order is by
    /// first appearance, keys sorted, so an unchanged store exports byte-identically. Streams:
    /// only offsets are held in memory, texts are read one copy at a time.
    @discardableResult
    public func export(_ options: ExportOptions, to destination: ExportDestination) throws -> ExportCounts {
        switch destination {
        case let .fileDescriptor(fd):
            return try export(options, into: BufferedOutput(fd: fd, path: "descriptor \(fd)"))
        case let .file(path):
            let file = try AtomicFile.Writer(replacing: path)
            let counts = try export(options, into: BufferedOutput(fd: file.descriptor, path: file.tempPath))
            try file.commit()
            return counts
        }
    }

    private func export(_ options: ExportOptions, into output: BufferedOutput) throws -> ExportCounts {
        var counts = ExportCounts(records: 0, bytes: 0)
        let emit = { (json: () -> Data, csv: () -> [String?]) in
            let data = options.format == .csv ? Data(CSV.line(csv()).utf8) : json() + Data([0x0A])
            try output.write(data)
            counts.records += 1
            counts.bytes += data.count
        }
        let include = options.includeDeleted
        if options.format == .csv {
            let header = options.perCopy ? ExportCopy.csvHeader(includeDeleted: include)
                                         : ExportStory.csvHeader(includeDeleted: include)
            try output.write(CSV.line(header))
        }
        let recent = { (updated: String) in options.since.map { updated >= $0 } ?? true }
        if options.perCopy {
            for slot in exportOrder(includeDeleted: include, groupedByStory: false) {
                let revision = try copyRevision(at: slot.line)
                guard recent(revision.updated) else { continue }
                let record = ExportCopy(story: survivingStory(of: revision.story), revision: revision)
                try emit({ record.jsonLine }, { record.csvFields(includeDeleted: include) })
            }
        } else {
            try forEachStory(includeDeleted: include) { story in
                guard recent(story.updated) else { return }
                try emit({ story.jsonLine }, { story.csvFields(includeDeleted: include) })
            }
        }
        try output.flush()
        return counts
    }

    /// Builds each story from its copies' latest revisions, one story in memory at a time.
    /// The representative is the earliest-seen live copy (the earliest copy if all are deleted).
    func forEachStory(includeDeleted: Bool, _ body: (ExportStory) throws -> Void) throws {
        var story: ExportStory?
        var group: Int?
        func finish(_ story: inout ExportStory) throws {
            (story.revision, story.updated) = try storyRevision(of: story.id, representative: story.representative)
            try body(story)
        }
        for slot in exportOrder(includeDeleted: includeDeleted, groupedByStory: true) {
            let revision = try copyRevision(at: slot.line)
            if slot.group != group, var finished = story {
                try finish(&finished)
                story = nil
            }
            group = slot.group
            let ref = ExportStory.CopyRef(url: revision.url, title: revision.title, source: revision.source,
                                          firstSeen: revision.firstSeen, contentHash: revision.contentHash,
                                          deleted: revision.deleted)
            if var current = story {
                current.copies.append(ref)
                current.firstSeen = min(current.firstSeen, revision.firstSeen)
                if current.deleted && !revision.deleted {  // first live copy represents the story
                    current.representative = revision
                    current.deleted = false
                }
                story = current
            } else {
                story = ExportStory(id: survivingStory(of: revision.story), representative: revision,
                                    firstSeen: revision.firstSeen, copies: [ref], deleted: revision.deleted)
            }
        }
        if var story { try finish(&story) }
    }

    /// A copy's place in an export: 32 bytes, so that the order of a million copies is small.
    struct ExportSlot {
        /// The story's first appearance (its first copy's `first_seq`), or 0 when not grouped.
        var group: Int
        var firstSeq: Int
        var line: LineRef
    }

    /// The latest revisions to export, in a stable order: by first appearance of the copy, or
    /// grouped by (surviving) story in order of the story's first appearance.
    private func exportOrder(includeDeleted: Bool, groupedByStory: Bool) -> [ExportSlot] {
        var storyStart: [StableKey: Int] = [:]
        if groupedByStory {
            for entry in copyIndex.values where includeDeleted || !entry.deleted {
                let key = resolve(entry.story).key
                storyStart[key] = min(storyStart[key] ?? .max, entry.firstSeq)
            }
        }
        var slots: [ExportSlot] = []
        slots.reserveCapacity(copyIndex.count)
        for entry in copyIndex.values where includeDeleted || !entry.deleted {
            let group = groupedByStory ? storyStart[resolve(entry.story).key]! : 0
            slots.append(ExportSlot(group: group, firstSeq: entry.firstSeq, line: entry.line))
        }
        slots.sort { $0.group != $1.group ? $0.group < $1.group : $0.firstSeq < $1.firstSeq }
        return slots
    }
}
