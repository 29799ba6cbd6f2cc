/// What the store's files say about each other, gathered by `StoreFiles.census()`: a file that
/// is absent or empty while others refer to its records is damage, not an empty store.
struct StoreCensus: Equatable {
    /// copies.jsonl holds at least one line.
    var hasCopies: Bool
    /// The `seq` of copies.jsonl's last line (the highest: appends and compaction keep seq order);
    /// nil when there is none or it does not decode (reported as damage by the readers).
    var lastSeq: Int?
    var hasStories: Bool
    var hasMerges: Bool
    /// A copy that a fetch state names (looked for only when copies.jsonl is empty).
    var copyNamedByFetch: String?
    var dedupWatermark: Int

    /// The missing records, naming the file that should hold them and what refers to them.
    func problem(in directory: String) -> StoreError? {
        emptiedCopies(in: directory) ?? linesMissingFromTheEnd(in: directory)
    }

    /// copies.jsonl absent or empty while other files refer to copies.
    func emptiedCopies(in directory: String) -> StoreError? {
        guard !hasCopies else { return nil }
        let references = [
            copyNamedByFetch.map { "fetch.jsonl names copy \($0)" },
            hasStories ? "stories.jsonl holds story records" : nil,
            hasMerges ? "aliases.jsonl holds story merges" : nil,
            dedupWatermark > 0 ? "dedup.jsonl covers copy revisions up to \(dedupWatermark)" : nil,
        ].compactMap { $0 }
        guard !references.isEmpty else { return nil }
        return .missing(path: directory + "/" + StoreFiles.Name.copies,
                        reason: "absent or empty, but " + references.joined(separator: ", ") + "; restore it from a backup")
    }

    /// The dedup watermark past copies.jsonl's last revision (which `repair` lowers).
    func linesMissingFromTheEnd(in directory: String) -> StoreError? {
        guard hasCopies, let lastSeq, dedupWatermark > lastSeq else { return nil }
        return .missing(path: directory + "/" + StoreFiles.Name.copies, reason: "its last copy revision is \(lastSeq), "
            + "but dedup.jsonl covers revisions up to \(dedupWatermark): lines are missing from its end; 'ingest repair' "
            + "lowers the watermark")
    }
}

extension StoreFiles {
    /// The census of these files: a few lines read, and fetch.jsonl scanned only when copies.jsonl
    /// is empty.
    func census(_ policy: DamagePolicy = .fail) throws -> StoreCensus {
        var named: String?
        if copies.length == 0 {
            try fetch.forEachRecord(Record.fetch, policy, decode: { FetchRecord(line: $0) }) { _, _, state in
                if named == nil { named = state.copy }
            }
        }
        let last = try copies.lastLine().flatMap { line in line.withUnsafeBytes { Store.copyEntry($0)?.1.seq } }
        return StoreCensus(hasCopies: copies.length > 0, lastSeq: last, hasStories: stories.length > 0,
                           hasMerges: aliases.length > 0, copyNamedByFetch: named,
                           dedupWatermark: try dedup.decodeAll(DedupWatermark.self, Record.dedup, policy).last?.watermark ?? 0)
    }
}
