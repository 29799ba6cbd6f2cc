/// What a run of bytes is as UTF-8, told in one strict pass (no overlong forms, no
/// surrogates, nothing above U+10FFFF) with an ASCII fast path: pages are mostly ASCII.
/// Charset detection asks it before trusting a label; the extractor before parsing.
public enum UTF8Bytes {
    public enum Kind: Sendable, Equatable {
        /// Only ASCII bytes: valid UTF-8, and the same text in every ASCII-based charset.
        case ascii
        /// Valid UTF-8 with multi-byte sequences.
        case multibyte
        /// Not UTF-8.
        case invalid
    }

    public static func kind(of bytes: [UInt8]) -> Kind {
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            let n = b.count
            var multibyte = false
            while i < n {
                // Eight ASCII bytes at a time.
                while i + 8 <= n {
                    let word = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
                guard i < n else { break }
                if b[i] < 0x80 { i += 1; continue }
                guard let length = sequenceLength(in: b, at: i) else { return .invalid }
                i += length
                multibyte = true
            }
            return multibyte ? .multibyte : .ascii
        }
    }

    /// Whether `bytes` hold at least one well-formed multi-byte sequence, whatever else they
    /// hold: UTF-8 text with a few broken bytes does, legacy text under a UTF-8 label does not.
    public static func hasMultibyteSequence(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in b.indices.contains { b[$0] >= 0xC2 && sequenceLength(in: b, at: $0) != nil } }
    }

    /// The length of the well-formed multi-byte sequence that starts at `i`, or nil.
    private static func sequenceLength(in b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < b.count && b[i + k] >= low && b[i + k] <= high
        }
        let lead = b[i]
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : nil
        case 0xE0...0xEF:
            let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80, high: UInt8 = lead == 0xED ? 0x9F : 0xBF
            return continuation(1, low, high) && continuation(2) ? 3 : nil
        case 0xF0...0xF4:
            let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80, high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
            return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : nil
        default:
            return nil
        }
    }

    /// Whether `bytes` are well-formed UTF-8.
    public static func isValid(_ bytes: [UInt8]) -> Bool {
        kind(of: bytes) != .invalid
    }
}
