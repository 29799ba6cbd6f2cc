import IngestCore

/// A fixed-size sketch of a story text: one-permutation MinHash over byte 9-grams of the
/// normalised story lines, with 128 bins kept as 8-bit values for verification and 16
/// banded 32-bit keys (2 bins each) for the LSH lookup.
struct Signature: Equatable, Sendable {
    static let shingleBytes = 9
    static let bins = 128
    /// A pair of texts with Jaccard J shares some band with probability 1 − (1 − J²)^bands: a
    /// copy trimmed to a third of its story (J ≈ 0.3) is found 78 % of the time with 16 bands,
    /// 68 % with 12 (docs/dedup.md, "Sixteen bands").
    static let bands = 16
    /// Bins of the sentence sketch (`sentences`).
    static let sentenceBins = 32

    /// Per bin 1...255 (a b-bit digest of the bin's minimum hash), 0 when the bin is empty.
    var values: [UInt8]
    /// Per band a non-zero key, 0 when one of its bins is empty.
    var bandKeys: [UInt32]
    /// Number of shingles in the story text (the set size used to turn Jaccard into containment).
    var shingles: UInt32
    /// One-permutation MinHash over the text's sentences (each hashed whole): 32 bins of 8-bit
    /// digests (0 = empty), and how many sentences were hashed. A sentence with a story's own
    /// names and figures in it is that story's; a shingle of it is any story's of the template.
    var sentences: [UInt8] = Array(repeating: 0, count: Signature.sentenceBins)
    var sentenceCount: UInt16 = 0
    /// Per sentence bin the `CommonMinima` key of its minimum, like `minimumKeys`.
    var sentenceKeys: [UInt32] = []

    /// The story text and where its blocks (story lines) end, kept (shared, not copied) while
    /// the copy is verified, for `blockMinima`; never stored in the index.
    var storyBytes: [UInt8] = []
    var blockEnds: [Int] = []
    /// Per bin the `CommonMinima` key of its minimum (meaningless where `values` is 0), kept
    /// while the copy is verified and counted; never stored in the index.
    var minimumKeys: [UInt32] = []

    /// The signature of a story text given as normalised UTF-8 bytes, one block.
    init(storyBytes bytes: [UInt8]) {
        self.init(storyBytes: bytes, blockEnds: [bytes.count])
    }

    /// The signature of a story text whose blocks end at `blockEnds` (ascending, the last at
    /// `bytes.count`).
    init(storyBytes bytes: [UInt8], blockEnds: [Int]) {
        var mins = [UInt32](repeating: .max, count: Signature.bins)
        let n = bytes.count, k = Signature.shingleBytes
        mins.withUnsafeMutableBufferPointer { m in
            bytes.withUnsafeBufferPointer { p in
                if n > 0 && n < k { Signature.record(StableHash.fnv1a64(p), into: m.baseAddress!) }
                Signature.hashShingles(p, 0..<max(0, n - k + 1), into: m.baseAddress!)
            }
        }
        shingles = UInt32(n == 0 ? 0 : max(1, n - k + 1))
        values = Signature.digests(mins)
        minimumKeys = mins.indices.map { CommonMinima.key(bin: $0, minimum: mins[$0]) }
        bandKeys = (0..<Signature.bands).map { band in
            let a = mins[band * 2], b = mins[band * 2 + 1]
            guard a != .max, b != .max else { return 0 }
            let key = StableHash.mix(UInt64(a) << 32 | UInt64(b) ^ UInt64(band) &* 0x9E37_79B9_7F4A_7C15)
            return UInt32(truncatingIfNeeded: key) | 1
        }
        storyBytes = bytes
        self.blockEnds = blockEnds
        let (sentenceMins, count) = Signature.sentenceSketch(bytes)
        sentences = Signature.digests(sentenceMins)
        sentenceCount = count
        // Tagged after the shingle bins: a sentence minimum is counted apart from shingle ones.
        sentenceKeys = sentenceMins.indices.map { CommonMinima.key(bin: Signature.bins + $0, minimum: sentenceMins[$0]) }
    }

    /// The sentence sketch of normalised story bytes: a sentence ends at `.`, `!` or `?` before
    /// a space or a line break, or at a line break; pieces under 12 bytes ("U.S.") are skipped.
    static func sentenceSketch(_ bytes: [UInt8]) -> ([UInt32], UInt16) {
        var mins = [UInt32](repeating: .max, count: sentenceBins)
        var count = 0
        // One pass: each sentence's FNV-1a hash (`StableHash.fnv1a64` of its bytes) is taken
        // while its end is looked for, over raw pointers (this runs on every add).
        bytes.withUnsafeBufferPointer { p in
            mins.withUnsafeMutableBufferPointer { m in
                var start = 0, h = StableHash.fnvBasis, previous: UInt8 = 0
                func close(_ end: Int) {
                    if end - start >= 12 {
                        let mixed = StableHash.mix(h)
                        let bin = Int(truncatingIfNeeded: mixed >> 59)
                        m[bin] = min(m[bin], UInt32(truncatingIfNeeded: mixed))
                        count += 1
                    }
                    start = end + 1
                    h = StableHash.fnvBasis
                }
                for i in 0..<p.count {
                    let b = p[i]
                    if b == 0x0A || (b == 0x20 && i > start && (previous == 0x2E || previous == 0x21 || previous == 0x3F)) {
                        close(i)
                    } else {
                        h = StableHash.fnv1a(h, b)
                    }
                    previous = b
                }
                close(p.count)
            }
        }
        return (mins, UInt16(min(count, Int(UInt16.max))))
    }

    /// Records the hash of every shingle starting in `starts` into the bin minima `m`.
    /// Each 9-byte shingle is hashed independently (an unaligned 8-byte load plus one byte):
    /// no serial dependency between positions, unlike a rolling hash. Raw pointer loads, no
    /// bounds checks. (A cheaper folded-multiply mix was tried: it changes every sketch, so
    /// clustering luck near the LSH threshold changes too.) The ninth byte's product comes
    /// from a table: the two multiplies of the mix already keep the multiplier busy.
    private static func hashShingles(_ p: UnsafeBufferPointer<UInt8>, _ starts: Range<Int>, into m: UnsafeMutablePointer<UInt32>) {
        guard !starts.isEmpty, let base = UnsafeRawPointer(p.baseAddress) else { return }
        lastByteSpread.withUnsafeBufferPointer { spread in
            var at = base + starts.lowerBound
            let end = base + starts.upperBound
            while at < end {
                let word = UInt64(littleEndian: at.loadUnaligned(as: UInt64.self))
                let ninth = Int(at.load(fromByteOffset: 8, as: UInt8.self))
                record(StableHash.mix(word ^ spread[ninth]), into: m)
                at += 1
            }
        }
    }

    /// 8-bit digests of bin minima (0 = empty bin).
    private static func digests(_ mins: [UInt32]) -> [UInt8] { mins.map { $0 == .max ? 0 : UInt8(1 + $0 % 255) } }

    /// The fingerprint of block `block`'s line (`StoryText.fingerprint`), to learn shared
    /// blocks by (computed when asked: most copies never need it).
    func blockFingerprint(_ block: Int) -> UInt64 {
        let start = block == 0 ? 0 : blockEnds[block - 1] + 1
        return storyBytes.withUnsafeBufferPointer { StoryText.fingerprint(UnsafeBufferPointer(rebasing: $0[start..<blockEnds[block]])) }
    }

    /// The shingle start positions each block owns: a shingle belongs to the block it starts
    /// in (or the space before it), so the blocks together are the whole sketch.
    func blockRanges() -> [Range<Int>] {
        let last = max(0, storyBytes.count - Signature.shingleBytes + 1)
        var from = 0
        return blockEnds.indices.map { block in
            let to = block == blockEnds.count - 1 ? last : max(from, min(last, blockEnds[block]))
            defer { from = to }
            return from..<to
        }
    }

    /// The sketch of the blocks `kept` says, and its shingle count. Hashes those blocks again:
    /// only copies whose match may rest on one block need it.
    func sketch(ofBlocks kept: (Int) -> Bool) -> (values: [UInt8], shingles: UInt32) {
        var mins = [UInt32](repeating: .max, count: Signature.bins)
        var count = 0
        mins.withUnsafeMutableBufferPointer { m in
            storyBytes.withUnsafeBufferPointer { p in
                for (block, range) in blockRanges().enumerated() where kept(block) {
                    Signature.hashShingles(p, range, into: m.baseAddress!)
                    count += range.count
                }
            }
        }
        return (Signature.digests(mins), UInt32(count))
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

    init(values: [UInt8], bandKeys: [UInt32], shingles: UInt32, sentences: [UInt8], sentenceCount: UInt16) {
        self.values = values
        self.bandKeys = bandKeys
        self.shingles = shingles
        self.sentences = sentences
        self.sentenceCount = sentenceCount
    }

    /// Estimated Jaccard similarity of two sketches given as 128-byte buffers.
    static func jaccard(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        // Eight bins at a time: a bin counts when either side is non-empty, and agrees when
        // both digests are equal (branch-free; candidates are checked by the dozen per add).
        var used = 0, equal = 0
        let x = UnsafeRawPointer(a.baseAddress!), y = UnsafeRawPointer(b.baseAddress!)
        for offset in stride(from: 0, to: a.count, by: 8) {
            let u = x.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let v = y.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let nonEmpty = ~SWAR.zeroBytes(u | v) & 0x8080_8080_8080_8080
            used += nonEmpty.nonzeroBitCount
            equal += (SWAR.zeroBytes(u ^ v) & nonEmpty).nonzeroBitCount
        }
        return chanceCorrected(equal, of: used)
    }

    /// The share of `used` bins whose digests are `equal`, less the 1-in-255 chance that two
    /// different minima share their 8-bit digest: the estimated Jaccard similarity.
    static func chanceCorrected(_ equal: Int, of used: Int) -> Double {
        guard used > 0 else { return 0 }
        let chance = 1.0 / 255.0
        return max(0, (Double(equal) / Double(used) - chance) / (1 - chance))
    }
}
