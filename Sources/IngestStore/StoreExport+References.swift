/// The export's check that every copy a fetch state (with validators) names is in copies.jsonl,
/// as `Store.open` checks it with its index (`statesOfMissingCopies`): here by a merge-join of
/// sorted streams, so memory stays flat however large the store is.
extension StoreExport {
    /// One line of fetch.jsonl.
    struct FetchSlot {
        var url: StableKey
        var line: Store.LineRef
        var copy: StableKey
        var namesCopy: Bool
    }

    /// A URL's latest fetch state that names a copy and has validators.
    struct NamedCopySlot {
        var copy: StableKey
        var line: Store.LineRef
    }

    /// The copies the latest fetch states name, sorted by copy key.
    func namedCopies(in fetch: RecordFile) throws -> SortedRecords<NamedCopySlot> {
        var byURL = sorter(of: FetchSlot.self) { ($0.url, $0.line.offset) < ($1.url, $1.line.offset) }
        try fetch.forEachRecord(StoreFiles.Record.fetch, damage, decode: Store.fetchEntry) { offset, length, found in
            let line = Store.LineRef(offset: offset, length: Int32(length))
            try byURL.append(FetchSlot(url: found.url, line: line, copy: StableKey(found.copy ?? ""),
                                       namesCopy: found.copy != nil && found.validated))
        }
        var named = sorter(of: NamedCopySlot.self) { ($0.copy, $0.line.offset) < ($1.copy, $1.line.offset) }
        var states = try byURL.sorted()
        var latest: FetchSlot?
        func finish() throws {
            if let latest, latest.namesCopy { try named.append(NamedCopySlot(copy: latest.copy, line: latest.line)) }
        }
        while let state = try states.next() {
            if state.url != latest?.url { try finish() }
            latest = state
        }
        try finish()
        return try named.sorted()
    }

    /// Follows the copy keys of copies.jsonl in sorted order (`advance(to:)` with each) and
    /// collects the named copies they pass by.
    struct MissingCopies {
        let fetch: RecordFile
        var named: SortedRecords<NamedCopySlot>
        var next: NamedCopySlot?
        /// The smallest copy id among the missing ones, and how many states name one.
        var example: String?
        var count = 0

        init(_ named: SortedRecords<NamedCopySlot>, in fetch: RecordFile) throws {
            self.fetch = fetch
            self.named = named
            next = try self.named.next()
        }

        /// Called with each copy key of copies.jsonl in increasing order, then with nil at the end.
        mutating func advance(to copy: StableKey?) throws {
            while let slot = next, copy.map({ slot.copy <= $0 }) ?? true {
                if slot.copy != copy {
                    let state = try fetch.record(at: slot.line, StoreFiles.Record.fetch) { FetchRecord(line: $0) }
                    example = min(example ?? state.copy ?? "", state.copy ?? "")
                    count += 1
                }
                next = try named.next()
            }
        }

        /// The error `Store.missingCopies` gives for the same store, or nil.
        func problem(copies: RecordFile) -> StoreError? {
            example.map { .missingCopies(path: copies.path, example: $0, others: count - 1) }
        }
    }
}
