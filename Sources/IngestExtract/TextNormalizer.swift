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
    /// ["post", "share", "bar"], and "articleBody" gives ["article", "body"].
    static func words(_ value: String) -> [String] {
        var result: [String] = []
        var lowered = ""
        var previousLower = false
        for character in value {
            if character.isUppercase, previousLower { lowered.append(" ") }
            previousLower = character.isLowercase
            lowered.append(contentsOf: character.lowercased())
        }
        for word in lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            result.append(String(word))
        }
        return result
    }
}
