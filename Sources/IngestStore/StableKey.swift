/// A 128-bit stable hash of an id or URL, used as a compact in-memory index key.
///
/// Two FNV-1a 64-bit hashes with different offset bases: stable across processes (unlike
/// `Hasher`), and at a million keys the chance that two ids collide is about 10⁻²⁶.
struct StableKey: Hashable, Sendable {
    let high: UInt64
    let low: UInt64

    init(_ string: String) {
        var high: UInt64 = 0xcbf2_9ce4_8422_2325
        var low: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in string.utf8 {
            high = (high ^ UInt64(byte)) &* 0x100_0000_01b3
            low = (low ^ UInt64(byte)) &* 0x100_0000_01b3
            low ^= low >> 29
        }
        self.high = high
        self.low = low
    }
}

/// An arbitrary but fixed order, so that external sorts can group records by key.
extension StableKey: Comparable {
    static func < (a: StableKey, b: StableKey) -> Bool { (a.high, a.low) < (b.high, b.low) }
}
