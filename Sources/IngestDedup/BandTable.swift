/// The LSH lookup: for each (document, band) a 32-bit key, chained per hash slot.
/// Flat arrays instead of dictionaries keep it near 100 bytes per document.
struct BandTable: Sendable {
    private(set) var keys: [UInt32] = []   // Signature.bands per document, 0 = no key
    private var next: [Int32] = []         // chain link per (document, band) node, -1 ends
    private var heads: [Int32] = Array(repeating: -1, count: 1 << 10)

    private var mask: Int { heads.count - 1 }

    /// Adds document `doc` (documents are added in increasing order) with its band keys.
    mutating func insert(doc: Int32, keys docKeys: [UInt32]) {
        precondition(Int(doc) * Signature.bands == keys.count, "documents are added in order")
        keys.append(contentsOf: docKeys)
        next.append(contentsOf: repeatElement(-1, count: Signature.bands))
        if keys.count > heads.count * 4 {
            rehash(capacity: heads.count * 2)  // links the new nodes too
        } else {
            for band in 0..<Signature.bands { link(node: Int(doc) * Signature.bands + band) }
        }
    }

    /// Room for `documents` documents without regrowing the node arrays.
    mutating func reserveCapacity(_ documents: Int) {
        keys.reserveCapacity(documents * Signature.bands)
        next.reserveCapacity(documents * Signature.bands)
    }

    /// Unlinks every band node of `doc` (it stays in the flat arrays with key 0).
    mutating func remove(doc: Int32) {
        for band in 0..<Signature.bands {
            let node = Int(doc) * Signature.bands + band
            let key = keys[node]
            guard key != 0 else { continue }
            let slot = Int(key) & mask
            if heads[slot] == Int32(node) {
                heads[slot] = next[node]
            } else {
                var at = Int(heads[slot])
                while at >= 0 && next[at] != Int32(node) { at = Int(next[at]) }
                if at >= 0 { next[at] = next[node] }
            }
            keys[node] = 0
        }
    }

    /// Calls `body` with each document whose key in `band` equals `key`.
    func forEach(band: Int, key: UInt32, _ body: (Int32) -> Void) {
        var at = Int(heads[Int(key) & mask])
        while at >= 0 {
            if keys[at] == key && at % Signature.bands == band { body(Int32(at / Signature.bands)) }
            at = Int(next[at])
        }
    }

    /// Bytes held, for the benchmark's bytes-per-document figure.
    var byteCount: Int { keys.capacity * 4 + next.capacity * 4 + heads.capacity * 4 }

    private mutating func link(node: Int) {
        let key = keys[node]
        guard key != 0 else { return }
        let slot = Int(key) & mask
        next[node] = heads[slot]
        heads[slot] = Int32(node)
    }

    private mutating func rehash(capacity: Int) {
        heads = Array(repeating: -1, count: capacity)
        for node in 0..<keys.count { link(node: node) }
    }
}
