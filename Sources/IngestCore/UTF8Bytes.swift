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
                let lead = b[i]
                if lead < 0x80 { i += 1; continue }
                func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
                    i + k < n && b[i + k] >= low && b[i + k] <= high
                }
                switch lead {
                case 0xC2...0xDF:
                    guard continuation(1) else { return .invalid }
                    i += 2
                case 0xE0...0xEF:
                    let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80, high: UInt8 = lead == 0xED ? 0x9F : 0xBF
                    guard continuation(1, low, high), continuation(2) else { return .invalid }
                    i += 3
                case 0xF0...0xF4:
                    let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80, high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
                    guard continuation(1, low, high), continuation(2), continuation(3) else { return .invalid }
                    i += 4
                default:
                    return .invalid
                }
                multibyte = true
            }
            return multibyte ? .multibyte : .ascii
        }
    }

    /// Whether `bytes` hold at least one well-formed multi-byte sequence, whatever else they
    /// hold: UTF-8 text with a few broken bytes does, legacy text under a UTF-8 label does not.
    public static func hasMultibyteSequence(_ bytes: [UInt8]) -> Bool {
        func inRange(_ index: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            index < bytes.count && bytes[index] >= low && bytes[index] <= high
        }
        for (index, lead) in bytes.enumerated() where lead >= 0xC2 && lead <= 0xF4 {
            let valid: Bool
            switch lead {
            case 0xC2...0xDF: valid = inRange(index + 1)
            case 0xE0...0xEF:
                valid = inRange(index + 1, lead == 0xE0 ? 0xA0 : 0x80, lead == 0xED ? 0x9F : 0xBF) && inRange(index + 2)
            default:
                valid = inRange(index + 1, lead == 0xF0 ? 0x90 : 0x80, lead == 0xF4 ? 0x8F : 0xBF) && inRange(index + 2) && inRange(index + 3)
            }
            if valid { return true }
        }
        return false
    }

    /// Whether `bytes` are well-formed UTF-8.
    public static func isValid(_ bytes: [UInt8]) -> Bool {
        kind(of: bytes) != .invalid
    }
}
