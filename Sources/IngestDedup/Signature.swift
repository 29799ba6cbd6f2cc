/// A fixed-size sketch of a story text: one-permutation MinHash over byte 9-grams of the
/// normalised story lines, with 128 bins kept as 8-bit values for verification and 12
/// banded 32-bit keys (2 bins each) for the LSH lookup.
struct Signature: Equatable, Sendable {
    static let shingleBytes = 9
    static let bins = 128
    static let bands = 12
    static let rowsPerBand = 2

    /// Per bin 1...255 (a b-bit digest of the bin's minimum hash), 0 when the bin is empty.
    var values: [UInt8]
    /// Per band a non-zero key, 0 when one of its bins is empty.
    var bandKeys: [UInt32]
    /// Number of shingles in the story text (the set size used to turn Jaccard into containment).
    var shingles: UInt32

    /// Per block (story line) its own 128 bin minima (`.max` = empty), block after block, and
    /// its shingle count: a shingle belongs to the block it starts in. Kept only while the copy
    /// is verified (`withoutEachBlock`), never stored in the index.
    var blockMins: [UInt32] = []
    var blockShingles: [UInt32] = []
    /// Per block its line's fingerprint (`StoryText.fingerprint`), to learn shared blocks by.
    var blockFingerprints: [UInt64] = []

    /// The signature of a story text given as normalised UTF-8 bytes, one block.
    init(storyBytes bytes: [UInt8]) {
        self.init(storyBytes: bytes, blockEnds: [bytes.count])
    }

    /// The signature of a story text whose blocks end at `blockEnds` (ascending, the last at
    /// `bytes.count`; a block owns the shingles that start in it or on the space before it).
    init(storyBytes bytes: [UInt8], blockEnds: [Int]) {
        let k = Signature.shingleBytes
        let blocks = max(1, blockEnds.count)
        var perBlock = [UInt32](repeating: .max, count: blocks * Signature.bins)
        var counts = [UInt32](repeating: 0, count: blocks)
        bytes.withUnsafeBufferPointer { p in
            perBlock.withUnsafeMutableBufferPointer { m in
                let n = p.count
                guard n > 0, let base = UnsafeRawPointer(p.baseAddress) else { return }
                if n < k {
                    Signature.record(StableHash.fnv1a64(p), into: m.baseAddress!)
                    counts[0] = 1
                    return
                }
                // Each 9-byte shingle hashed independently (an unaligned 8-byte load plus one
                // byte): no serial dependency between positions, unlike a rolling hash. Raw
                // pointer loads, no bounds checks. (A cheaper folded-multiply mix was tried: it
                // changes every sketch, so clustering luck near the LSH threshold changes too.)
                // The ninth byte's product comes from a table: the two multiplies of the mix
                // already keep the multiplier busy.
                Signature.lastByteSpread.withUnsafeBufferPointer { spread in
                    let last = n - k + 1  // shingle start positions 0..<last
                    var from = 0
                    for block in 0..<blocks {
                        let to = block == blocks - 1 ? last : min(last, blockEnds[block])
                        guard from < to else { continue }
                        let mins = m.baseAddress! + block * Signature.bins
                        var at = base + from
                        let end = base + to
                        while at < end {
                            let word = UInt64(littleEndian: at.loadUnaligned(as: UInt64.self))
                            let ninth = Int(at.load(fromByteOffset: 8, as: UInt8.self))
                            Signature.record(StableHash.mix(word ^ spread[ninth]), into: mins)
                            at += 1
                        }
                        counts[block] = UInt32(to - from)
                        from = to
                    }
                }
            }
        }
        var mins = [UInt32](repeating: .max, count: Signature.bins)
        for block in 0..<blocks {
            for bin in 0..<Signature.bins { mins[bin] = min(mins[bin], perBlock[block * Signature.bins + bin]) }
        }
        shingles = counts.reduce(0, +)
        values = Signature.digests(mins)
        bandKeys = (0..<Signature.bands).map { band in
            let a = mins[band * 2], b = mins[band * 2 + 1]
            guard a != .max, b != .max else { return 0 }
            let key = StableHash.mix(UInt64(a) << 32 | UInt64(b) ^ UInt64(band) &* 0x9E37_79B9_7F4A_7C15)
            return UInt32(truncatingIfNeeded: key) | 1
        }
        blockMins = blocks > 1 ? perBlock : []
        blockShingles = blocks > 1 ? counts : []
    }

    /// 8-bit digests of bin minima (0 = empty bin).
    private static func digests(_ mins: [UInt32]) -> [UInt8] { mins.map { $0 == .max ? 0 : UInt8(1 + $0 % 255) } }

    /// The sketch of the text without the blocks `dropped` says, and its shingle count.
    func without(blocks dropped: (Int) -> Bool) -> (values: [UInt8], shingles: UInt32) {
        let bins = Signature.bins
        var mins = [UInt32](repeating: .max, count: bins)
        var count: UInt32 = 0
        for block in blockShingles.indices where !dropped(block) {
            for bin in 0..<bins { mins[bin] = min(mins[bin], blockMins[block * bins + bin]) }
            count += blockShingles[block]
        }
        return (Signature.digests(mins), count)
    }

    /// For each block, the sketch of the text without that block and its shingle count (prefix
    /// and suffix minima: two passes over the blocks). Empty for a one-block text.
    func withoutEachBlock() -> [(values: [UInt8], shingles: UInt32)] {
        let blocks = blockShingles.count, bins = Signature.bins
        guard blocks > 1 else { return [] }
        var suffix = [UInt32](repeating: .max, count: (blocks + 1) * bins)
        for block in stride(from: blocks - 1, through: 0, by: -1) {
            for bin in 0..<bins { suffix[block * bins + bin] = min(suffix[(block + 1) * bins + bin], blockMins[block * bins + bin]) }
        }
        var prefix = [UInt32](repeating: .max, count: bins)
        var out: [(values: [UInt8], shingles: UInt32)] = []
        out.reserveCapacity(blocks)
        for block in 0..<blocks {
            let rest = (0..<bins).map { min(prefix[$0], suffix[(block + 1) * bins + $0]) }
            out.append((Signature.digests(rest), shingles - blockShingles[block]))
            for bin in 0..<bins { prefix[bin] = min(prefix[bin], blockMins[block * bins + bin]) }
        }
        return out
    }

    /// `b &* 0x9E37_79B9_7F4A_7C15` for every byte value b.
    private static let lastByteSpread: [UInt64] = (0..<256).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }

    @inline(__always) private static func record(_ x: UInt64, into m: UnsafeMutablePointer<UInt32>) {
        let bin = Int(truncatingIfNeeded: x >> 57)
        let v = UInt32(truncatingIfNeeded: x)
        // Always store (a conditional move): whether a shingle lowers its bin's minimum is a
        // coin toss early in a text, and a mispredicted branch costs more than the store.
        m[bin] = min(v, m[bin])
    }

    init(values: [UInt8], bandKeys: [UInt32], shingles: UInt32) {
        self.values = values
        self.bandKeys = bandKeys
        self.shingles = shingles
    }

    /// Estimated Jaccard similarity of two sketches given as 128-byte buffers.
    static func jaccard(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        // Eight bins at a time: a bin counts when either side is non-empty, and agrees when
        // both digests are equal (branch-free; candidates are checked by the dozen per add).
        var used = 0, equal = 0
        let x = UnsafeRawPointer(a.baseAddress!), y = UnsafeRawPointer(b.baseAddress!)
        for offset in stride(from: 0, to: bins, by: 8) {
            let u = x.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let v = y.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let nonEmpty = ~SWAR.zeroBytes(u | v) & 0x8080_8080_8080_8080
            used += nonEmpty.nonzeroBitCount
            equal += (SWAR.zeroBytes(u ^ v) & nonEmpty).nonzeroBitCount
        }
        guard used > 0 else { return 0 }
        // Remove the 1-in-255 chance that two different minima share their 8-bit digest.
        let chance = 1.0 / 255.0
        return max(0, (Double(equal) / Double(used) - chance) / (1 - chance))
    }
}
