import IngestCore

/// Copy key → document number, chained through one `Int32` per document over the index's own
/// key array: 9–12 bytes per copy where a `[UInt64: Int32]` dictionary took ~32, which pays for
/// the LSH table's headroom in `BandTable`.
struct CopyTable: Sendable {
    private var heads: [Int32] = Array(repeating: -1, count: 1 << 10)
    private var next: [Int32] = []        // per document: next in chain, -1 ends it, -2 = not linked
    private(set) var count = 0            // linked (live) documents

    private var mask: Int { heads.count - 1 }

    @inline(__always) private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: StableHash.mix(key)) & mask }

    /// Room for `documents` documents at load ≤ 1 without rehashing.
    mutating func reserveCapacity(_ documents: Int, keys: [UInt64]) {
        next.reserveCapacity(documents)
        if documents > heads.count { rehash(capacity: Self.powerOfTwo(atLeast: documents), keys: keys) }
    }

    /// The live document stored under `key`, if any (`keys[doc]` is each document's key).
    func doc(of key: UInt64, keys: [UInt64]) -> Int32? {
        var at = heads[slot(key)]
        while at >= 0 {
            if keys[Int(at)] == key { return at }
            at = next[Int(at)]
        }
        return nil
    }

    /// Links document `doc` (documents are added in increasing order; `keys[doc]` is set).
    mutating func insert(doc: Int32, keys: [UInt64]) {
        precondition(Int(doc) == next.count, "documents are added in order")
        next.append(-2)
        count += 1
        if next.count > heads.count {
            rehash(capacity: heads.count * 2, keys: keys, linking: doc)
        } else {
            link(Int(doc), keys: keys)
        }
    }

    /// Unlinks document `doc` (a removed copy).
    mutating func remove(doc: Int32, keys: [UInt64]) {
        let s = slot(keys[Int(doc)])
        if heads[s] == doc {
            heads[s] = next[Int(doc)]
        } else {
            var at = heads[s]
            while at >= 0 && next[Int(at)] != doc { at = next[Int(at)] }
            guard at >= 0 else { return }
            next[Int(at)] = next[Int(doc)]
        }
        next[Int(doc)] = -2
        count -= 1
    }

    /// Bytes held, for `estimatedByteCount`.
    var byteCount: Int { heads.capacity * 4 + next.capacity * 4 }

    private mutating func link(_ doc: Int, keys: [UInt64]) {
        let s = slot(keys[doc])
        next[doc] = heads[s]
        heads[s] = Int32(doc)
    }

    /// Relinks every linked document (and `linking`, just appended) into `capacity` chains.
    private mutating func rehash(capacity: Int, keys: [UInt64], linking newDoc: Int32? = nil) {
        heads = Array(repeating: -1, count: capacity)
        for doc in next.indices where next[doc] != -2 || Int32(doc) == newDoc { link(doc, keys: keys) }
    }

    private static func powerOfTwo(atLeast n: Int) -> Int {
        var p = 1
        while p < n { p <<= 1 }
        return p
    }
}
