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

    /// Bin-tagged minimum (`key`) → texts counted, saturating at `commonAt`.
    private(set) var counts: [UInt32: UInt8] = [:]

    init(counts: [UInt32: UInt8] = [:]) { self.counts = counts }

    /// The key of bin `bin`'s minimum `minimum` (a 32-bit mix: two minima sharing a key by
    /// chance only make each look a little more common).
    static func key(bin: Int, minimum: UInt32) -> UInt32 {
        UInt32(truncatingIfNeeded: StableHash.mix(UInt64(minimum) | UInt64(bin) << 32))
    }

    /// Counts one text's bin minima (`keys`, empty bins left out).
    mutating func count(_ keys: [UInt32]) {
        // One lookup per key (the table is large: each lookup is a cache miss).
        func bump(_ count: inout UInt8) { if count < Self.commonAt { count += 1 } }
        for key in keys { bump(&counts[key, default: 0]) }
    }

    func isCommon(_ key: UInt32) -> Bool { (counts[key] ?? 0) >= Self.commonAt }

    /// Bytes held (keys and values at ~1.5× for the load factor).
    var byteCount: Int { counts.capacity * 8 }
}
