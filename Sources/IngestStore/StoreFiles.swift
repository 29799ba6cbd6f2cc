import Foundation

/// The record files of a store, opened together.
struct StoreFiles {
    /// The file names of the layout, named after their records.
    enum Name {
        static let copies = "copies.jsonl", stories = "stories.jsonl", aliases = "aliases.jsonl"
        static let fetch = "fetch.jsonl", sources = "sources.jsonl", runs = "runs.jsonl", dedup = "dedup.jsonl"
        static let lock = "lock", dedupSnapshot = "dedup-index.snapshot"
        static let records = [copies, stories, aliases, fetch, sources, runs, dedup]
    }

    /// What each file's lines are, in messages about damaged ones.
    enum Record {
        static let copy = "copy revision", story = "story record", alias = "story merge", fetch = "fetch state"
        static let source = "source state", run = "sync run", dedup = "dedup watermark"
    }

    let copies, stories, aliases, fetch, sources, runs, dedup: RecordFile

    /// Every file, for sizes and checks.
    var all: [RecordFile] { [copies, stories, aliases, fetch, sources, runs, dedup] }

    /// Opens every file for reading, one after the other: the snapshot is their lengths now.
    init(readingIn directory: String) throws {
        let open = { (name: String) in try RecordFile(readingAt: directory + "/" + name) }
        copies = try open(Name.copies); stories = try open(Name.stories); aliases = try open(Name.aliases)
        fetch = try open(Name.fetch); sources = try open(Name.sources); runs = try open(Name.runs)
        dedup = try open(Name.dedup)
    }

    /// Opens every file for appending, truncating torn tails (appends `fsync`ed when `syncing`).
    init(appendingIn directory: String, syncing: Bool = true) throws {
        let open = { (name: String) in try RecordFile(appendingAt: directory + "/" + name, syncing: syncing) }
        copies = try open(Name.copies); stories = try open(Name.stories); aliases = try open(Name.aliases)
        fetch = try open(Name.fetch); sources = try open(Name.sources); runs = try open(Name.runs)
        dedup = try open(Name.dedup)
    }

    /// Every file with the test its readers apply to a line (the same decoders), for `repair`.
    var validators: [(file: RecordFile, what: String, accepts: (UnsafeRawBufferPointer) -> Bool)] {
        func decodes<T: Decodable>(_ type: T.Type) -> (UnsafeRawBufferPointer) -> Bool {
            { (try? JSONDecoder().decode(T.self, from: Data($0))) != nil }
        }
        return [(copies, Record.copy, { Store.copyEntry($0) != nil }), (stories, Record.story, { Store.storyState($0) != nil }),
                (aliases, Record.alias, decodes(StoryAlias.self)), (fetch, Record.fetch, { Store.fetchEntry($0) != nil }),
                (sources, Record.source, decodes(SourceRecord.self)), (runs, Record.run, decodes(RunRecord.self)),
                (dedup, Record.dedup, decodes(DedupWatermark.self))]
    }

    /// The files no index holds (fetch states aside, small), read whole: the check an export
    /// makes of them, which `Store.loadIndexes` makes while loading them.
    func validateUnindexed(_ policy: DamagePolicy) throws {
        try fetch.forEachRecord(Record.fetch, policy, decode: Store.fetchEntry) { _, _, _ in }
        _ = try sources.decodeAll(SourceRecord.self, Record.source, policy)
        _ = try runs.decodeAll(RunRecord.self, Record.run, policy)
        _ = try dedup.decodeAll(DedupWatermark.self, Record.dedup, policy)
    }
}
