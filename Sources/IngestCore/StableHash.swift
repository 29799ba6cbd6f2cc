/// Process-independent 64-bit hashing (never Swift's `Hasher`, which is seeded per process).
public enum StableHash {
    /// FNV-1a over UTF-8 bytes: stable across runs, machines and Swift versions.
    public static func fnv1a64<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h = fnvBasis
        for b in bytes { h = fnv1a(h, b) }
        return h
    }

    /// FNV-1a's starting value, and one step of it, for callers that hash bytes as they scan
    /// them (`fnv1a(fnv1a(fnvBasis, a), b) == fnv1a64([a, b])`).
    public static let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    @inlinable @inline(__always) public static func fnv1a(_ h: UInt64, _ byte: UInt8) -> UInt64 {
        (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// The 64-bit finaliser of MurmurHash3: spreads every input bit over the output.
    @inline(__always) public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 33)) &* 0xff51_afd7_ed55_8ccd
        z = (z ^ (z >> 33)) &* 0xc4ce_b9fe_1a85_ec53
        return z ^ (z >> 33)
    }
}
