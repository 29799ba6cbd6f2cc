/// Byte-parallel tests on 64-bit words (eight bytes at a time), for the per-byte hot loops.
enum SWAR {
    /// High bit set in each byte of `x` that is zero, exactly (no carries between bytes).
    @inline(__always) static func zeroBytes(_ x: UInt64) -> UInt64 {
        ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
    }
}
