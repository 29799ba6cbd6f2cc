import CPrefetch
import IngestCore

/// Document frequency of sketch evidence: for each bin minimum (a shingle that stood for its
/// bin in some text), in how many different texts it did. A shingle common to many texts (a
/// beat's stock sentences, a template's wording around the names and figures) is no evidence
/// that two texts are one story. Learned, not listed: a text counts when it starts a story or
/// joins one without lying (almost) wholly inside or around what it matched; a copy wholly
/// inside its story's text is the same text again and does not count, so a story's own
/// wording stays rare however many sites reprint it.
///
/// Only bin minima are counted (128 per counted text), not every shingle: a bin's minimum is
/// a uniformly drawn shingle of the bin, so the share of a text's bins whose minimum is common
/// estimates the share of its shingles that are, and a common shingle is common as a minimum.
struct CommonMinima: Sendable, Equatable {
    /// A minimum counted in this many texts is common. The first stories of a template
    /// (before this many were seen) are judged by their whole text. Chosen on the tune half of
    /// `wire-short`: at 4 (and 3) edited copies of one story counted often enough to make its
    /// own wording common (tune recall .988 → .982), at 8 and 16 nothing changed there.
    static let commonAt: UInt8 = 8

    /// Bin-tagged minimum (`key`) → texts counted (1...`commonAt`), in an open-addressing table
    /// (linear probing) of 8-byte slots, `key << 8 | count` (0: empty). Each add looks up 128
    /// to 160 minima in a table of millions, each a cache miss: a batch starts all of its
    /// misses first (`ingest_prefetch`), where a `Dictionary` took them one after another
    /// (a quarter of `StoryIndex.add`'s time at 200k documents).
    private var slots: [UInt64] = Array(repeating: 0, count: 1 << 10)
    private var used = 0

    static let maxLoad = 0.75

    init(counts: [UInt32: UInt8] = [:]) {
        reserve(counts.count)
        for (key, count) in counts { bump(key, to: count) }
    }

    /// Every minimum counted, with its count (for snapshots and tests).
    var counts: [UInt32: UInt8] {
        var found: [UInt32: UInt8] = [:]
        found.reserveCapacity(used)
        for slot in slots where slot != 0 { found[UInt32(truncatingIfNeeded: slot >> 8)] = UInt8(truncatingIfNeeded: slot) }
        return found
    }

    static func == (a: CommonMinima, b: CommonMinima) -> Bool { a.used == b.used && a.counts == b.counts }

    /// The key of bin `bin`'s minimum `minimum` (a 32-bit mix: two minima sharing a key by
    /// chance only make each look a little more common).
    static func key(bin: Int, minimum: UInt32) -> UInt32 {
        UInt32(truncatingIfNeeded: StableHash.mix(UInt64(minimum) | UInt64(bin) << 32))
    }

    /// Counts one text's bin minima (`keys`, empty bins left out).
    mutating func count(_ keys: [UInt32]) {
        reserve(used + keys.count)
        prefetch(keys)
        for key in keys { bump(key, to: nil) }
    }

    func isCommon(_ key: UInt32) -> Bool { self.count(of: key) >= Self.commonAt }

    /// Per key, whether it is common (one batch: the lookups' cache misses overlap).
    func isCommon(_ keys: [UInt32]) -> [Bool] {
        prefetch(keys)
        return keys.map { isCommon($0) }
    }

    /// Bytes held.
    var byteCount: Int { slots.capacity * 8 }

    private func home(_ key: UInt32) -> Int {
        Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 32) & (slots.count - 1)
    }

    private func prefetch(_ keys: [UInt32]) {
        slots.withUnsafeBufferPointer { table in
            for key in keys { ingest_prefetch(table.baseAddress! + home(key)) }
        }
    }

    private func count(of key: UInt32) -> UInt8 {
        let mask = slots.count - 1
        var i = home(key)
        while slots[i] != 0 {
            if UInt32(truncatingIfNeeded: slots[i] >> 8) == key { return UInt8(truncatingIfNeeded: slots[i]) }
            i = (i + 1) & mask
        }
        return 0
    }

    /// Adds one text to `key`'s count (saturating at `commonAt`), or sets it to `count`.
    /// The table must have room (`reserve`).
    private mutating func bump(_ key: UInt32, to count: UInt8?) {
        let mask = slots.count - 1
        var i = home(key)
        while slots[i] != 0 {
            if UInt32(truncatingIfNeeded: slots[i] >> 8) == key {
                let old = UInt8(truncatingIfNeeded: slots[i])
                slots[i] = UInt64(key) << 8 | UInt64(count ?? min(Self.commonAt, old + 1))
                return
            }
            i = (i + 1) & mask
        }
        slots[i] = UInt64(key) << 8 | UInt64(count ?? 1)
        used += 1
    }

    /// Room for `keys` keys at `maxLoad` (doubling: a rehash moves every key).
    private mutating func reserve(_ keys: Int) {
        guard Double(keys) > Self.maxLoad * Double(slots.count) else { return }
        var capacity = slots.count
        while Double(keys) > Self.maxLoad * Double(capacity) { capacity *= 2 }
        let old = slots
        slots = Array(repeating: 0, count: capacity)
        used = 0
        for slot in old where slot != 0 { bump(UInt32(truncatingIfNeeded: slot >> 8), to: UInt8(truncatingIfNeeded: slot)) }
    }
}
