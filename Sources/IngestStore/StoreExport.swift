import Foundation
import IngestCore

/// One export of a store's copies and stories files: records are put in order by external
/// sorts of small fixed-size slots (see `StoreExport+Order.swift`) and texts are read one copy
/// at a time, so memory is bounded by the sort budget and the largest story, not by the store.
struct StoreExport {
    /// Bytes of one sort buffer. At most four hold records at once (while the story order is
    /// found), so sorting takes about 16 MiB (twice that while a buffer is sorted) at any store
    /// size; larger buffers only mean fewer runs to merge, which StoreBench found no faster.
    static let defaultSortBudget = 4 << 20

    let copies: RecordFile
    let stories: RecordFile
    let aliases: StoryAliases
    /// What a damaged line of copies.jsonl or stories.jsonl does to the export.
    var damage: DamagePolicy = .fail
    /// fetch.jsonl, when the export checks that the copies its states name are there (a store
    /// opened with its index has checked that already).
    var fetch: RecordFile?
    var sortBudget = StoreExport.defaultSortBudget

    /// Writes the export to a descriptor, or to a file replaced atomically once complete.
    func write(_ options: ExportOptions, to destination: ExportDestination) throws -> ExportCounts {
        // Documents go one per file into a directory; records one per line into one file.
        guard options.format.isDocument == destination.isDirectory else {
            throw StoreError.io(path: "\(destination)", operation: "export \(options.format.rawValue) there", errno: EINVAL)
        }
        switch destination {
        case let .fileDescriptor(fd):
            return try write(options, into: BufferedOutput(fd: fd, path: "descriptor \(fd)"))
        case let .file(path):
            let file = try StoreError.io { try OutputFile(path) }
            let counts = try write(options, into: BufferedOutput(fd: file.descriptor, path: file.writingPath))
            try StoreError.io { try file.commit() }
            return counts
        case let .directory(path):
            return try writeDocuments(options, into: path)
        }
    }

    /// One file per story, each replaced atomically unless it already holds the same bytes.
    private func writeDocuments(_ options: ExportOptions, into directory: String) throws -> ExportCounts {
        try Store.makeDirectory(directory)
        var counts = ExportCounts(records: 0, bytes: 0)
        try forEachExportedStory(options) { story in
            let data = StoryDocument.render(story, format: options.format)
            let path = directory + "/" + StoryDocument.fileName(id: story.id, format: options.format)
            counts.records += 1
            counts.bytes += data.count
            // A repeated export into the same directory rewrites only what changed.
            if Self.holds(path, data) {
                counts.unchanged += 1
                return
            }
            let file = try StoreError.io { try AtomicFile.Writer(replacing: path) }
            try StoreError.io { try file.write(data) }
            try StoreError.io { try file.commit(syncingDirectory: false) }
        }
        // One directory fsync makes every rename above durable.
        try StoreError.io { try POSIXIO.fsyncDirectory(of: directory + "/.") }
        return counts
    }

    private func write(_ options: ExportOptions, into output: BufferedOutput) throws -> ExportCounts {
        var counts = ExportCounts(records: 0, bytes: 0)
        let emit = { (json: () -> Data, csv: () -> [String?]) in
            let data = options.format == .csv ? Data(CSV.line(csv()).utf8) : json() + Data([0x0A])
            try output.write(data)
            counts.records += 1
            counts.bytes += data.count
        }
        let include = options.includeDeleted
        if options.format == .csv {
            if options.byteOrderMark { try output.write(Data([0xEF, 0xBB, 0xBF])) }
            let header = options.perCopy ? ExportCopy.csvHeader(includeDeleted: include)
                                         : ExportStory.csvHeader(includeDeleted: include)
            try output.write(CSV.line(header))
        }
        if options.perCopy {
            try forEachCopy(options) { revision, story in
                let record = ExportCopy(story: story, revision: revision)
                try emit({ record.jsonLine }, { record.csvFields(includeDeleted: include) })
            }
        } else {
            try forEachExportedStory(options) { story in
                try emit({ story.jsonLine }, { story.csvFields(includeDeleted: include) })
            }
        }
        try output.flush()
        return counts
    }

    /// Whether `path` is a regular file holding exactly `data`. Opened without following a
    /// symlink and without blocking (a FIFO planted there must not hang the export): anything
    /// else is rewritten.
    private static func holds(_ path: String, _ data: Data) -> Bool {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == data.count else { return false }
        var bytes = [UInt8](repeating: 0, count: data.count)
        return bytes.withUnsafeMutableBytes { POSIXIO.readAll(fd, $0, at: 0) } == .done && bytes.elementsEqual(data)
    }

    /// The stories the options' filter keeps, in export order.
    private func forEachExportedStory(_ options: ExportOptions, _ body: (ExportStory) throws -> Void) throws {
        try forEachStory(includeDeleted: options.includeDeleted) { story in
            let meta = story.representative.metadata
            guard options.filter.accepts(updated: story.updated, published: meta.published, firstSeen: story.firstSeen,
                                         site: meta.site, language: meta.language, sources: story.copies.map(\.source))
            else { return }
            try body(story)
        }
    }

    /// Each copy's latest revision that `options` keeps, with its surviving story id, in
    /// export order (first appearance): the records of `--copies` and of a WARC export.
    func forEachCopy(_ options: ExportOptions, _ body: (CopyRevision, String) throws -> Void) throws {
        var order = try copyOrder(includeDeleted: options.includeDeleted)
        while let slot = try order.next() {
            let revision = try copies.copyRevision(at: slot.line)
            let meta = revision.metadata
            guard options.filter.accepts(updated: revision.updated, published: meta.published,
                                         firstSeen: revision.firstSeen, site: meta.site, language: meta.language,
                                         sources: [revision.source]) else { continue }
            try body(revision, aliases.survivingStory(of: revision.story))
        }
    }

    /// Builds each story from its copies' latest revisions, one story in memory at a time.
    /// The representative is the earliest-seen live copy (the earliest copy if all are deleted).
    func forEachStory(includeDeleted: Bool, _ body: (ExportStory) throws -> Void) throws {
        var (order, states) = try storyOrder(includeDeleted: includeDeleted)
        var nextState = try states.next()
        var story: ExportStory?
        var first: StorySlot?  // the story's first copy
        func finish(_ story: inout ExportStory, _ first: StorySlot) throws {
            let key = (first.group, first.copy.story)
            while let state = nextState, (state.group, state.current.story) < key { nextState = try states.next() }
            let state = nextState.flatMap { ($0.group, $0.current.story) == key ? $0.current.state : nil }
            (story.revision, story.updated) = try storyRevision(state, representative: story.representative)
            try body(story)
        }
        while let slot = try order.next() {
            let revision = try copies.copyRevision(at: slot.copy.line)
            if slot.group != first?.group, var finished = story {
                try finish(&finished, first!)
                story = nil
            }
            let ref = ExportStory.CopyRef(url: revision.url, title: revision.metadata.title, source: revision.source,
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
                first = slot
                story = ExportStory(id: aliases.survivingStory(of: revision.story), representative: revision,
                                    firstSeen: revision.firstSeen, copies: [ref], deleted: revision.deleted)
            }
        }
        if var story { try finish(&story, first!) }
    }

    /// The story's `revision` and `updated`: from its current record when that counted the
    /// representative's text, else (a reader between a crash and the next write) the copy's own.
    private func storyRevision(_ state: Store.StoryState?, representative: CopyRevision) throws
        -> (revision: Int, updated: String) {
        guard let state, state.contentHash == StableKey(representative.contentHash),
              case let .string(updated)? = try stories.read(offset: state.line.offset, count: Int(state.line.length))
                  .withUnsafeBytes({ Store.storyScanner.scan($0)?[3] })
        else { return (representative.revision, representative.updated) }
        return (state.revision, updated)
    }
}

extension ExportDestination {
    fileprivate var isDirectory: Bool {
        if case .directory = self { true } else { false }
    }
}
