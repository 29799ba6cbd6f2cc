/// Repairs text that was UTF-8 once and got decoded again as windows-1252 or Latin-1 on its
/// way into the page ("Itâ€™s", "cafÃ©", "Â " for a no-break space): such pages are valid
/// UTF-8 and declare it, so no charset choice of ours can undo it; the bytes must be read back.
///
/// A run is repaired only when its characters, read as windows-1252 bytes, are one whole
/// UTF-8 sequence (a lead byte and the continuation bytes it announces) whose character is
/// one that double decoding produces: two-byte sequences only for Latin, Greek and Cyrillic
/// letters and Latin-1 signs (so German "Fuß“" stays as written), longer ones always (no
/// real text puts two windows-1252 signs in 0x80–0xBF after "â" or "ã").
enum Mojibake {
    static func repaired(_ text: String) -> String {
        // Every lead byte (U+00C2–U+00F4) is written 0xC3 0x82–0xB4 in UTF-8: most text has none.
        // Through the string's storage: the UTF-8 view's own loop is several times slower.
        let hasLead = text.utf8.withContiguousStorageIfAvailable { $0.contains(0xC3) } ?? text.utf8.contains(0xC3)
        guard hasLead else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var changed = false
        var index = 0
        while index < scalars.count {
            if let (scalar, length) = sequence(scalars, at: index) {
                result.append(scalar)
                index += length
                changed = true
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return changed ? String(result) : text
    }

    /// The character a double-decoded UTF-8 sequence starting at `index` stood for, and how
    /// many characters it took, or nil.
    private static func sequence(_ scalars: [Unicode.Scalar], at index: Int) -> (Unicode.Scalar, Int)? {
        guard let lead = byte(scalars[index]), (0xC2...0xF4).contains(lead) else { return nil }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard index + length <= scalars.count else { return nil }
        var bytes = [lead]
        for next in scalars[(index + 1)..<(index + length)] {
            guard let value = byte(next), (0x80...0xBF).contains(value) else { return nil }
            bytes.append(value)
        }
        // Rejects overlong forms and surrogates.
        guard let decoded = String(validating: bytes, as: UTF8.self)?.unicodeScalars.first else { return nil }
        if length == 2, !(0xA0...0x2FF ~= decoded.value || 0x370...0x4FF ~= decoded.value) { return nil }
        return (decoded, length)
    }

    /// The byte a character stands for in windows-1252 (Latin-1 for 0x80–0x9F as well, where
    /// pages decoded as Latin-1 keep C1 controls).
    private static func byte(_ scalar: Unicode.Scalar) -> UInt8? {
        if (0x80...0xFF).contains(scalar.value) { return UInt8(scalar.value) }
        return windows1252[scalar.value]
    }

    /// windows-1252's characters for bytes 0x80–0x9F.
    private static let windows1252: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]
}
