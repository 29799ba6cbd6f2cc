/// The legacy charset of a page that names none and is not UTF-8, guessed as browsers do for
/// such pages (a page saved without its server's `Content-Type`, a server that sends none):
/// each candidate decodes a sample of the bytes, and the one whose decoding reads most like
/// text in its script wins. windows-1252, the standard's fallback, keeps the page unless
/// another candidate reads clearly better, so Western pages read as before.
///
/// A wrong decoding betrays itself in what it makes of the letters: bytes that are not its
/// sequences (U+FFFD), control codes, runs of accented Latin letters with no plain letter
/// beside them (Cyrillic or Greek read as windows-1252: "Íîâîå"), capitals inside words
/// (KOI8-R read as windows-1251), ideographs that are not the language's everyday ones (GBK
/// read as Big5), kana from a Chinese or Korean table.
enum CharsetGuess {
    /// The candidates, windows-1252 first (it wins ties), each with the iconv table it is read
    /// with here: the standard tables, not the vendors' supersets the page is then decoded
    /// with (`Charset.iconvNames`: Korean's CP949 gives a syllable to nearly any pair of bytes).
    static let candidates: [(name: String, table: String)] = [
        ("windows-1252", "CP1252"), ("windows-1250", "CP1250"), ("ISO-8859-2", "ISO-8859-2"), ("windows-1251", "CP1251"),
        ("KOI8-R", "KOI8-R"), ("windows-1253", "CP1253"), ("windows-1255", "CP1255"), ("windows-1256", "CP1256"),
        ("windows-874", "CP874"), ("Shift_JIS", "SHIFT_JIS"), ("EUC-JP", "EUC-JP"), ("GBK", "CP936"), ("Big5", "BIG5"),
        ("EUC-KR", "EUCKR"),
    ]
    /// How many bytes are sampled, from just before the first byte that is not ASCII (a page's
    /// head is mostly markup, and a title or the first paragraph is text).
    static let sampleBytes = 32 * 1024
    /// How many points a candidate must score over windows-1252 to replace it.
    static let margin = 8

    /// The charset `bytes` read best in: windows-1252 unless another scores `margin` more.
    static func guess(_ bytes: [UInt8]) -> String {
        guard let first = bytes.firstIndex(where: { $0 >= 0x80 }) else { return Charset.fallback }
        let sample = Array(bytes[max(0, first - 64)..<min(bytes.count, first + sampleBytes)])
        var best = Charset.fallback, bestScore = Int.min, fallbackScore = Int.min
        for (name, table) in candidates {
            guard let decoded = Iconv.toUTF8(sample, from: table) else { continue }
            let score = score(String(decoding: decoded, as: UTF8.self).unicodeScalars, japanese: name == "Shift_JIS" || name == "EUC-JP")
            if name == Charset.fallback { fallbackScore = score }
            if score > bestScore { best = name; bestScore = score }
        }
        return bestScore >= fallbackScore + margin ? best : Charset.fallback
    }

    /// Whether 7-bit bytes are Japanese in ISO-2022-JP: its escape into JIS X 0208 (`ESC $ B`
    /// or `ESC $ @`) appears in no other text, and without it the kanji and kana read as ASCII
    /// punctuation ("$B?7$7$$").
    static func isISO2022JP(_ bytes: [UInt8]) -> Bool {
        var index = bytes.startIndex
        while let escape = bytes[index...].firstIndex(of: 0x1B) {
            if escape + 2 < bytes.count, bytes[escape + 1] == UInt8(ascii: "$"),
               bytes[escape + 2] == UInt8(ascii: "B") || bytes[escape + 2] == UInt8(ascii: "@") { return true }
            index = escape + 1
        }
        return false
    }

    /// How much `text` reads like text: each letter beyond ASCII scores for or against.
    static func score(_ text: String.UnicodeScalarView, japanese: Bool) -> Int {
        var total = 0
        // Cyrillic letters, and how many are vowels: some two in five of Russian, Ukrainian or
        // Bulgarian text, under a fifth when Hebrew or Arabic bytes are read as windows-1251.
        var cyrillic = 0, cyrillicVowels = 0
        // Greek letters, and how many carry the accent monotonic Greek puts on nearly every
        // word of two syllables (one letter in ten): none when Hebrew is read as windows-1253.
        var greek = 0, greekAccented = 0
        var previous: Unicode.Scalar = " "
        var iterator = text.makeIterator()
        var current = iterator.next()
        while let scalar = current {
            let next = iterator.next()
            defer { previous = scalar; current = next }
            let value = scalar.value
            guard value >= 0x80 else { continue }
            // A plain Latin letter beside it: an accented Latin letter needs one, a letter of
            // another script inside a Latin word is a misread byte.
            let besideLatin = isASCIILetter(previous) || next.map(isASCIILetter) == true
            switch value {
            case 0xFFFD, 0x80...0x9F, 0xE000...0xF8FF:
                total -= 10  // not a sequence of this charset, a control code, private use
            case 0xC0...0x24F where value != 0xD7 && value != 0xF7:
                // An accented Latin letter sits in a word of plain letters ("réforme", "Größe").
                total += besideLatin ? 1 : -1
            case 0x370...0x3FF, 0x400...0x4FF:
                // Greek or Cyrillic: a capital after a letter of its script is a misread case.
                let capitalInside = scalar.properties.isUppercase && (0x370...0x4FF).contains(previous.value) && previous.properties.isAlphabetic
                total += capitalInside || besideLatin ? -1 : 1
                if value >= 0x400 {
                    cyrillic += 1
                    if cyrillicVowelSet.contains(scalar) { cyrillicVowels += 1 }
                } else {
                    greek += 1
                    if greekAccentSet.contains(scalar) { greekAccented += 1 }
                }
            case 0x5D0...0x5EA, 0x620...0x64A, 0xE01...0xE4E:
                total += besideLatin ? -1 : 1  // Hebrew, Arabic, Thai letters
            // Two bytes each, so worth more than a letter of one byte; an ideograph only when it
            // is an everyday one (any other is what a misread table makes as readily).
            case 0xAC00...0xD7A3:
                total += 3  // Hangul syllables
            case 0x3041...0x30FA:
                total += japanese ? 3 : 0  // kana: Japanese text is full of them, Chinese and Korean have none
            case 0x4E00...0x9FFF:
                total += everyday.contains(scalar) ? 6 : 1
            case 0x3400...0x4DBF, 0xFF61...0xFF9F:
                total -= 1  // rare ideographs, half-width katakana: what misread double bytes make
            default:
                // A symbol inside a Latin word ("Za¿ó³æ": Polish read as windows-1252) is a letter
                // of another table; at a word's end it may be a unit's ("m²").
                if isLatinLetter(previous), next.map(isLatinLetter) == true, !scalar.properties.isAlphabetic { total -= 2 }
            }
        }
        // Letters that cannot be a Cyrillic or Greek text count against the reading.
        if cyrillic >= 20, cyrillicVowels * 10 < cyrillic * 3 { total -= 2 * cyrillic }
        if greek >= 20, greekAccented * 100 < greek * 3 { total -= 2 * greek }
        return total
    }

    private static let greekAccentSet = Set("άέήίόύώΆΈΉΊΌΎΏ".unicodeScalars)
    private static let cyrillicVowelSet = Set("аеиоуыэюяёіїєАЕИОУЫЭЮЯЁІЇЄ".unicodeScalars)

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }

    private static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        isASCIILetter(scalar) || ((0xC0...0x24F).contains(scalar.value) && scalar.value != 0xD7 && scalar.value != 0xF7)
    }

    /// The most frequent characters of Chinese running text, simplified and traditional (and
    /// Japan's name): together about a fifth of it, while a misread table hits them by chance.
    static let everyday: Set<Unicode.Scalar> = Set(
        "的一是不了在人有我他这這个個们們中来來上大为為和国國地到以说說时時要就出会會也你对對生能而子那得于於着著下自之年过過发發后後作里裡用道行所然家事成方多经經去法学學如都同现現当當没沒动動面起看定天分还還进進好小部其些主样樣理心她本前开開但因只从從想实實日本"
            .unicodeScalars)
}
