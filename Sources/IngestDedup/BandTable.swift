/// The LSH lookup: for each (document, band) a node holding the band's 32-bit key and the
/// next node of its hash slot's chain. Key and link share one 8-byte node so a chain walk
/// costs one cache miss per node; flat arrays keep the table near 110 bytes per document.
struct BandTable: Sendable {
    struct Node: Sendable {
        var key: UInt32   // 0 = no key (an empty bin, or a removed document)
        var next: Int32   // -1 ends the chain
    }

    private(set) var nodes: [Node] = []   // Signature.bands per document
    private var heads: [Int32] = Array(repeating: -1, count: 1 << 10)

    private var mask: Int { heads.count - 1 }

    /// The band key of `band` for document `doc` (0 when none).
    func key(doc: Int, band: Int) -> UInt32 { nodes[doc * Signature.bands + band].key }

    /// Room for `documents` documents without regrowing the node array.
    mutating func reserveCapacity(_ documents: Int) { nodes.reserveCapacity(documents * Signature.bands) }

    /// Adds document `doc` (documents are added in increasing order) with its band keys.
    mutating func insert(doc: Int32, keys docKeys: [UInt32]) {
        precondition(Int(doc) * Signature.bands == nodes.count, "documents are added in order")
        for key in docKeys { nodes.append(Node(key: key, next: -1)) }
        if nodes.count > heads.count * 4 {  // chains of 4–8 nodes: cheap to walk, 8–16 bytes per document
            rehash(capacity: heads.count * 2)  // links the new nodes too
        } else {
            for band in 0..<Signature.bands { link(node: Int(doc) * Signature.bands + band) }
        }
    }

    /// Unlinks every band node of `doc` (it stays in the node array with key 0).
    mutating func remove(doc: Int32) {
        for band in 0..<Signature.bands {
            let node = Int(doc) * Signature.bands + band
            let key = nodes[node].key
            guard key != 0 else { continue }
            let slot = Int(key) & mask
            if heads[slot] == Int32(node) {
                heads[slot] = nodes[node].next
            } else {
                var at = Int(heads[slot])
                while at >= 0 && nodes[at].next != Int32(node) { at = Int(nodes[at].next) }
                if at >= 0 { nodes[at].next = nodes[node].next }
            }
            nodes[node].key = 0
        }
    }

    /// Appends to `found` every document whose key in some band equals `keys[band]` (0 = no
    /// key), once per matching band. The band chains are walked side by side, one step of each
    /// per round: each step is a likely cache miss once the index outgrows the caches, and
    /// independent chains let the CPU overlap those misses instead of chasing one at a time.
    func collect(keys: [UInt32], into found: inout [Int32]) {
        nodes.withUnsafeBufferPointer { all in
            heads.withUnsafeBufferPointer { heads in
                keys.withUnsafeBufferPointer { keys in
                    withUnsafeTemporaryAllocation(of: Int.self, capacity: Signature.bands) { cursor in
                        let mask = heads.count - 1
                        for band in 0..<Signature.bands {
                            cursor[band] = keys[band] == 0 ? -1 : Int(heads[Int(keys[band]) & mask])
                        }
                        var walking = true
                        while walking {
                            walking = false
                            for band in 0..<Signature.bands where cursor[band] >= 0 {
                                let at = cursor[band]
                                let node = all[at]
                                if node.key == keys[band] && at % Signature.bands == band { found.append(Int32(at / Signature.bands)) }
                                cursor[band] = Int(node.next)
                                walking = true
                            }
                        }
                    }
                }
            }
        }
    }

    /// Bytes held, for the benchmark's bytes-per-document figure.
    var byteCount: Int { nodes.capacity * MemoryLayout<Node>.stride + heads.capacity * 4 }

    private mutating func link(node: Int) {
        let key = nodes[node].key
        guard key != 0 else { return }
        let slot = Int(key) & mask
        nodes[node].next = heads[slot]
        heads[slot] = Int32(node)
    }

    private mutating func rehash(capacity: Int) {
        heads = Array(repeating: -1, count: capacity)
        for node in nodes.indices { link(node: node) }
    }
}
