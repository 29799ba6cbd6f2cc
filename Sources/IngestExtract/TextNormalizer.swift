/// Whitespace and entity clean-up shared by the text and metadata passes.
enum TextNormalizer {
    /// Collapses every run of whitespace (including no-break and zero-width spaces) to one
    /// space and trims the ends.
    static func collapse(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if scalar.value == 0x200B || scalar.value == 0xFEFF || scalar.value == 0xAD { continue }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B, 0xA0, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Splits class and id values into lower-case words: "post__share-bar" gives
    /// ["post", "share", "bar"], and "articleBody" gives ["article", "body"]. Works on bytes:
    /// class names are ASCII in practice, and other bytes are kept as parts of words.
    static func words(_ value: String) -> [String] {
        var result: [String] = []
        var word: [UInt8] = []
        var previousLower = false
        func finish() {
            if !word.isEmpty { result.append(String(decoding: word, as: UTF8.self)) }
            word.removeAll(keepingCapacity: true)
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if previousLower { finish() }
                word.append(byte + 32)
                previousLower = false
            case UInt8(ascii: "a")...UInt8(ascii: "z"), 0x80...0xFF:
                word.append(byte)
                previousLower = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                word.append(byte)
                previousLower = false
            default:
                finish()
                previousLower = false
            }
        }
        finish()
        return result
    }

    /// The UTF-8 bytes with ASCII letters lower-cased; enough for matching English phrases.
    static func asciiLowercased(_ text: String) -> [UInt8] {
        text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
    }

    /// Whether `needle` occurs in `haystack` (plain byte search: this runs for many
    /// paragraphs of every page, so no Foundation and no locale).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        let last = haystack.count - needle.count
        var index = 0
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }
}
