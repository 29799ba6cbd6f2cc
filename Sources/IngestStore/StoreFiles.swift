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

    /// Opens every file for appending, repairing torn tails (a trailing line must decode as `T`).
    init(appendingIn directory: String) throws {
        let decoder = JSONDecoder()
        func open<T: Decodable>(_ name: String, _ type: T.Type) throws -> RecordFile {
            try RecordFile(appendingAt: directory + "/" + name) { (try? decoder.decode(T.self, from: $0)) != nil }
        }
        copies = try open(Name.copies, CopyRevision.self); stories = try open(Name.stories, StoryRecord.self)
        aliases = try open(Name.aliases, StoryAlias.self); fetch = try open(Name.fetch, FetchState.self)
        sources = try open(Name.sources, SourceState.self); runs = try open(Name.runs, SyncRunSummary.self)
        dedup = try open(Name.dedup, DedupWatermark.self)
    }
}
