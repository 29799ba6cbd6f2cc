import CPrefetch

/// The LSH lookup: an open-addressing table (linear probing) of 8-byte entries, each a band's
/// 32-bit key and its node (document × bands + band). A lookup reads one run of adjacent
/// entries, one or two cache lines, where a chained table chased three to five dependent cache
/// misses per band once the index outgrew the caches; at load ≤ 0.8 it takes about as much
/// memory as the chains did (120 bytes per document with 12 bands; 160 with 16).
///
/// Removed documents are not searched for (their keys are not kept elsewhere): a bitmap marks
/// them, lookups skip them, and the next rebuild drops their entries.
struct BandTable: Sendable {
    struct Entry: Sendable {
        var key: UInt32    // 0 = empty slot (band keys are never 0)
        var node: UInt32
    }

    private var entries: [Entry] = Array(repeating: Entry(key: 0, node: 0), count: 1 << 10)
    private var occupied = 0             // entries in use, removed documents' included
    private var removed: [UInt64] = []   // bit per document: 1 = removed
    private var documents = 0

    static let maxLoad = 0.8

    /// Room for `documents` documents without rebuilding.
    mutating func reserveCapacity(_ documents: Int) {
        let needed = Self.capacity(forEntries: documents * Signature.bands)
        if needed > entries.count { rebuild(capacity: needed) }
        removed.reserveCapacity((documents + 63) / 64)
    }

    /// Adds document `doc` (documents are added in increasing order) with its band keys (0 = none).
    mutating func insert(doc: Int32, keys docKeys: [UInt32]) {
        precondition(Int(doc) == documents, "documents are added in order")
        documents += 1
        if documents > removed.count * 64 { removed.append(0) }
        if Double(occupied + Signature.bands) > Self.maxLoad * Double(entries.count) {
            // Room for half as many again as are live (removed documents' entries are dropped).
            let live = entries.count { $0.key != 0 && !isRemoved(Int($0.node) / Signature.bands) }
            rebuild(capacity: Self.capacity(forEntries: (live + Signature.bands) * 3 / 2))
        }
        entries.withUnsafeMutableBufferPointer { table in
            for band in 0..<Signature.bands where docKeys[band] != 0 {
                Self.place(Entry(key: docKeys[band], node: UInt32(Int(doc) * Signature.bands + band)), in: table)
            }
        }
        occupied += docKeys.count { $0 != 0 }
    }

    /// Marks `doc` removed: lookups no longer return it.
    mutating func remove(doc: Int32) {
        removed[Int(doc) / 64] |= UInt64(1) << (UInt64(doc) % 64)
    }

    /// Appends to `found` every live document whose key in some band equals `keys[band]` (0 =
    /// no key), once per matching band. The bands' home slots are touched first so that their
    /// cache misses overlap.
    func collect(keys: [UInt32], into found: inout [Int32]) {
        entries.withUnsafeBufferPointer { table in
            for key in keys where key != 0 { ingest_prefetch(table.baseAddress! + Self.home(key, table.count)) }
            for (band, key) in keys.enumerated() where key != 0 {
                var at = Self.home(key, table.count)
                while table[at].key != 0 {
                    let entry = table[at]
                    let doc = Int(entry.node) / Signature.bands
                    if entry.key == key && Int(entry.node) % Signature.bands == band && !isRemoved(doc) {
                        found.append(Int32(doc))
                    }
                    at = at + 1 == table.count ? 0 : at + 1
                }
            }
        }
    }

    /// Every live document's band keys, `Signature.bands` per document (0 for none and for
    /// removed documents): one pass over the table, for saving a snapshot.
    func keysByDocument() -> [UInt32] {
        var keys = [UInt32](repeating: 0, count: documents * Signature.bands)
        for entry in entries where entry.key != 0 && !isRemoved(Int(entry.node) / Signature.bands) {
            keys[Int(entry.node)] = entry.key
        }
        return keys
    }

    /// Bytes held, for the benchmark's bytes-per-document figure.
    var byteCount: Int { entries.capacity * MemoryLayout<Entry>.stride + removed.capacity * 8 }

    private func isRemoved(_ doc: Int) -> Bool { removed[doc / 64] & (UInt64(1) << (UInt64(doc) % 64)) != 0 }

    /// The first slot to probe for `key`: the key scaled onto the table (no power-of-two size
    /// needed, so the table can grow by half instead of doubling).
    @inline(__always) private static func home(_ key: UInt32, _ count: Int) -> Int {
        Int((UInt64(key) &* UInt64(count)) >> 32)
    }

    private static func place(_ entry: Entry, in table: UnsafeMutableBufferPointer<Entry>) {
        var at = home(entry.key, table.count)
        while table[at].key != 0 { at = at + 1 == table.count ? 0 : at + 1 }
        table[at] = entry
    }

    private static func capacity(forEntries n: Int) -> Int { max(1 << 10, Int((Double(n) / maxLoad).rounded(.up))) }

    /// Re-places every live entry into a table of `capacity` slots.
    private mutating func rebuild(capacity: Int) {
        var fresh = [Entry](repeating: Entry(key: 0, node: 0), count: capacity)
        var count = 0
        fresh.withUnsafeMutableBufferPointer { table in
            for entry in entries where entry.key != 0 && !isRemoved(Int(entry.node) / Signature.bands) {
                Self.place(entry, in: table)
                count += 1
            }
        }
        entries = fresh
        occupied = count
    }
}
