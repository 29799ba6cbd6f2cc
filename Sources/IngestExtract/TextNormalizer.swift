import Foundation

/// Whitespace and entity clean-up shared by the text and metadata passes.
enum TextNormalizer {
    /// `text` in Unicode's canonical composition (NFC), as trafilatura gives it: a site's
    /// editor may store "ü" as u + ◌̈, or Bengali's য় as য + ◌়, and the same words must read,
    /// compare and hash the same (a snippet search, the deduplicator's shingles). Most text
    /// is NFC already; only one holding a scalar that composition can change is composed.
    static func composed(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: mayCompose) else { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// Whether NFC may change the scalar or join it to the one before: a combining mark (a
    /// non-zero combining class, or a mark of class 0: Indic vowel signs), a Hangul vowel or
    /// final consonant jamo, or a scalar NFC never keeps (composition exclusions and
    /// singletons: the Kelvin sign, Devanagari's nukta letters). Nothing below U+0300 is.
    private static func mayCompose(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x300 else { return false }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return properties.isFullCompositionExclusion || (0x1161...0x11C2).contains(scalar.value)
            || properties.canonicalCombiningClass != .notReordered
        }
    }

    /// Collapses every run of whitespace (including no-break and other Unicode spaces) to
    /// one space, drops zero-width spaces, BOMs and soft hyphens, and trims the ends, joiners
    /// too (a zero-width joiner or non-joiner joins nothing at an end: a page's "<p>&zwj;</p>"
    /// spacer is no paragraph; inside the text they stay, Persian and emoji need them). Works
    /// on UTF-8 bytes: it runs over every paragraph of every page.
    static func collapse(_ text: String) -> String {
        var collapser = Collapser(capacity: text.utf8.count)
        collapser.add(text)
        return collapser.text
    }

    /// `collapse(parts.joined())` without joining them first: a paragraph is gathered from
    /// many text nodes, and a character never straddles two strings.
    static func collapse(_ parts: [String]) -> String {
        var collapser = Collapser(capacity: parts.reduce(0) { $0 + $1.utf8.count })
        for part in parts { collapser.add(part) }
        return collapser.text
    }

    /// `collapse`'s state: the bytes kept so far and whether a space is owed before the next.
    private struct Collapser {
        var out: [UInt8] = []
        var pendingSpace = false

        init(capacity: Int) {
            out.reserveCapacity(capacity)
        }

        var text: String {
            var end = out.count
            while end >= 3, Collapser.isJoiner(out[end - 3], out[end - 2], out[end - 1]) {
                end -= 3
                if end > 0, out[end - 1] == 0x20 { end -= 1 }
            }
            return String(decoding: out[..<end], as: UTF8.self)
        }

        /// U+200C zero-width non-joiner, U+200D zero-width joiner, U+2060 word joiner.
        static func isJoiner(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
            first == 0xE2 && ((second == 0x80 && (third == 0x8C || third == 0x8D)) || (second == 0x81 && third == 0xA0))
        }

        mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                var index = 0
                let count = bytes.count
                while index < count {
                    let byte = bytes[index]
                    var width = 1
                    var kind = 0 // 0 keep, 1 space, 2 drop
                    if byte <= 0x20 {
                        kind = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) ? 1 : 2
                    } else if byte == 0xC2, index + 1 < count, bytes[index + 1] == 0xA0 || bytes[index + 1] == 0xAD {
                        width = 2
                        kind = bytes[index + 1] == 0xA0 ? 1 : 2
                    } else if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81 {
                        let second = bytes[index + 1], third = bytes[index + 2]
                        if second == 0x80, third >= 0x80, third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF {
                            width = 3; kind = 1
                        } else if second == 0x80, third == 0x8B {
                            width = 3; kind = 2
                        } else if second == 0x81, third == 0x9F {
                            width = 3; kind = 1
                        } else if out.isEmpty, Collapser.isJoiner(byte, second, third) {
                            width = 3; kind = 2
                        }
                    } else if byte == 0xE3, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 {
                        width = 3; kind = 1
                    } else if byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF {
                        width = 3; kind = 2
                    }
                    switch kind {
                    case 1:
                        pendingSpace = !out.isEmpty
                    case 2:
                        break
                    default:
                        if pendingSpace {
                            out.append(0x20)
                            pendingSpace = false
                        }
                        out.append(byte)
                    }
                    index += width
                }
            }
        }
    }

    /// The bytes above the ASCII space in `text` (the extractor's count of letters) and its
    /// commas. Read through the string's storage: a loop over its UTF-8 view checks the
    /// string's form at every step, and this runs over every text node of every page.
    ///
    /// Commas measure prose (`ContentSelection` gives a block a point for each), so those of
    /// other scripts count too: Arabic "،" (U+060C), Chinese "，" (U+FF0C) and the ideographic
    /// "、" (U+3001) of Japanese and Chinese. Without them a Japanese story scored as a list of
    /// short lines, and a newsletter pop-up's box named "main_content" outvoted it.
    static func letters(_ text: String) -> (letters: Int, commas: Int) {
        func count(_ bytes: some Sequence<UInt8>) -> (letters: Int, commas: Int) {
            var letters = 0, commas = 0
            // The last three bytes, to see the multi-byte commas end.
            var window: UInt32 = 0
            for byte in bytes {
                letters &+= byte > 0x20 ? 1 : 0
                window = (window << 8 | UInt32(byte)) & 0xFF_FFFF
                commas &+= byte == 0x2C || window & 0xFFFF == 0xD88C || window == 0xE3_8081 || window == 0xEF_BC8C ? 1 : 0
            }
            return (letters, commas)
        }
        return text.utf8.withContiguousStorageIfAvailable(count) ?? count(text.utf8)
    }

    /// Splits class and id values into lower-case words: "post__share-bar" gives
    /// ["post", "share", "bar"], and "articleBody" gives ["article", "body"]. Works on bytes:
    /// class names are ASCII in practice, and other bytes are kept as parts of words.
    static func words(_ value: String) -> [String] {
        var result: [String] = []
        var value = value
        value.withUTF8 { bytes in
            // A word is a run of letters, digits and non-ASCII bytes; an upper-case letter
            // after a lower-case one starts a new word.
            var start = 0, index = 0, previousLower = false
            while index < bytes.count {
                let byte = bytes[index]
                let isUpper = byte >= 0x41 && byte <= 0x5A
                let isLower = (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
                let isDigit = byte >= 0x30 && byte <= 0x39
                if !(isUpper || isLower || isDigit) || (isUpper && previousLower) {
                    if index > start { result.append(lowercasedWord(bytes[start..<index])) }
                    start = isUpper ? index : index + 1
                }
                previousLower = isLower
                index += 1
            }
            if index > start { result.append(lowercasedWord(bytes[start..<index])) }
        }
        return result
    }

    /// A word's bytes as a string, ASCII letters lower-cased.
    private static func lowercasedWord(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            for (offset, byte) in bytes.enumerated() { buffer[offset] = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte }
            return bytes.count
        }
    }

    /// The UTF-8 bytes with ASCII letters lower-cased; enough for matching English phrases.
    static func asciiLowercased(_ text: String) -> [UInt8] {
        // One bulk copy, then lower-cased in place: faster than mapping the UTF-8 view.
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices where buffer[index] >= 0x41 && buffer[index] <= 0x5A { buffer[index] += 32 }
        }
        return bytes
    }

    /// Whether a text ends like a sentence: a full stop, question or exclamation mark, or one
    /// of those before a closing quote or bracket (any script's marks: "。", "؟", "।").
    static func endsSentence(_ text: String) -> Bool {
        var characters = text.reversed().drop { $0 == " " || sentenceClosers.contains($0) }.makeIterator()
        return characters.next().map(sentenceMarks.contains) ?? false
    }

    // Built once, not on every call.
    private static let sentenceClosers: Set<Character> = ["\"", "'", "”", "’", "»", ")", "]", "“", "‘", "«", "›", "‹", "」", "』", "）"]
    private static let sentenceMarks: Set<Character> = [".", "!", "?", "…", "。", "！", "？", "؟", "।", "׃"]
}
