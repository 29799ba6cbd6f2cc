import IngestCore

/// The story's text as the page's structured data gives it: schema.org's `articleBody` of
/// the page's article. Publishers' systems write it from the story itself, without the
/// standfirst, captions, polls, "more on this" boxes and pitches their templates lay inside
/// the story's wrapper, which look like the story's own paragraphs. When the extracted text
/// and the declared one agree on the story, a paragraph the declared text does not hold is
/// one of those (`MainText.paragraphs`).
///
/// Compared by word trigrams (hashed), so spacing, quotes and markup in either do not matter.
struct DeclaredText {
    /// The declared text, markup out, a line per block of its markup; its trigrams are
    /// counted only when there are paragraphs to compare (a page may be read up to three
    /// times, `Extractor.extract`).
    let text: String
    /// Its letters, to tell a whole story from a teaser.
    let letters: Int

    /// A declared text shorter than this is a summary or a teaser, never compared.
    static let minimumLetters = 500
    /// The extracted paragraphs must hold this share of the declared text's trigrams: they
    /// are the same story, told whole (a truncated or older declared text holds less).
    static let minimumCovered = 0.9
    /// And the declared text this share of theirs: it is no digest of a longer story, whose
    /// sections (an FAQ, a product's pros and cons) it leaves out.
    static let minimumShared = 0.6
    /// A paragraph is the story's when this share of its trigrams is in the declared text.
    static let paragraphShare = 0.5
    /// A run of paragraphs of prose (sentences of `TextBlocks.proseLetters` letters or more)
    /// the declared text lacks, this long, is a part of the story it leaves out (a closing
    /// FAQ, the end of a story whose declared text was cut short), not a box laid into it.
    static let storyPartLetters = 1000

    /// Reads `articleBody`, which may hold markup or entities ("<p>…</p>", "&quot;").
    init?(_ articleBody: String?) {
        guard let articleBody else { return nil }
        text = Entities.text(ofMarkup: articleBody, breaksBlocks: true)
        letters = TextNormalizer.letters(text).letters
        guard letters >= DeclaredText.minimumLetters else { return nil }
    }

    /// The paragraphs without those the declared text does not hold, when both tell the
    /// same story; else the paragraphs as they are. A long run of prose it lacks stays
    /// (`storyPartLetters`). A heading stays when the paragraph it leads to stays (declared
    /// texts often leave subheadings out), and goes with it ("More on this" over links).
    func filter(_ paragraphs: [Paragraphs.Paragraph]) -> [Paragraphs.Paragraph] {
        guard !paragraphs.isEmpty else { return paragraphs }
        let trigrams = Set(DeclaredText.trigrams(of: text))
        let grams = paragraphs.map { DeclaredText.trigrams(of: $0.text) }
        var all = Set<UInt64>()
        for paragraph in grams { all.formUnion(paragraph) }
        let shared = all.intersection(trigrams).count
        guard !all.isEmpty, Double(shared) >= DeclaredText.minimumCovered * Double(trigrams.count),
              Double(shared) >= DeclaredText.minimumShared * Double(all.count) else { return paragraphs }
        let held = grams.map { paragraph in
            paragraph.count >= 3 && Double(paragraph.filter(trigrams.contains).count) >= DeclaredText.paragraphShare * Double(paragraph.count)
        }
        // A line too short to compare (one or two words) is kept, unless it is a heading.
        var keeps = paragraphs.indices.map { held[$0] || grams[$0].count < 3 }
        // Runs of prose the declared text lacks, read across the lines between (headings,
        // questions, list items): a long one comes back whole, with those lines.
        var run: (first: Int, last: Int, letters: Int)?
        for index in paragraphs.indices + [paragraphs.count] {
            let isProse = index < paragraphs.count && paragraphs[index].letters >= TextBlocks.proseLetters
                && TextNormalizer.endsSentence(paragraphs[index].text)
            if isProse, !keeps[index] {
                run = (run?.first ?? index, index, (run?.letters ?? 0) + paragraphs[index].letters)
            } else if isProse || index == paragraphs.count, let found = run {
                if found.letters >= DeclaredText.storyPartLetters {
                    keeps.replaceSubrange(found.first...found.last, with: repeatElement(true, count: found.last - found.first + 1))
                }
                run = nil
            }
        }
        // Headings, from the last: each stays when the paragraph it leads to stays.
        var nextKept = false
        for index in paragraphs.indices.reversed() {
            if MainText.headingTags.contains(paragraphs[index].tag) {
                keeps[index] = held[index] || nextKept
            } else {
                nextKept = keeps[index]
            }
        }
        return paragraphs.indices.filter { keeps[$0] }.map { paragraphs[$0] }
    }

    /// The declared text's paragraphs: its lines, and the blocks its markup closes.
    var paragraphs: [String] { DeclaredText.lines(text) }

    /// A text's lines, spacing collapsed, empty ones left out.
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map { TextNormalizer.collapse(String($0)) }.filter { !$0.isEmpty }
    }

    /// Hashes of each run of three words; a word is a run of letters and digits of any
    /// script, ASCII letters lower-cased.
    static func trigrams(of text: String) -> [UInt64] {
        var words: [UInt64] = []
        var hash = StableHash.fnvBasis, inWord = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isWordScalar = switch value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
            case 0..<0x80: false
            default: scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            }
            guard isWordScalar else {
                if inWord { words.append(hash) }
                hash = StableHash.fnvBasis
                inWord = false
                continue
            }
            inWord = true
            // The scalar's value, byte by byte (a hash for this run only, never stored).
            var folded = value >= 0x41 && value <= 0x5A ? value + 32 : value
            repeat {
                hash = StableHash.fnv1a(hash, UInt8(truncatingIfNeeded: folded))
                folded >>= 8
            } while folded != 0
        }
        if inWord { words.append(hash) }
        guard words.count >= 3 else { return [] }
        return (0..<(words.count - 2)).map { index in
            // Order matters: "a b c" and "c b a" are different trigrams.
            (words[index] &* 0x9E37_79B9_7F4A_7C15) ^ (words[index + 1] &* 0xC2B2_AE3D_27D4_EB4F).rotated(by: 17) ^ words[index + 2].rotated(by: 41)
        }
    }
}

private extension UInt64 {
    func rotated(by bits: UInt64) -> UInt64 { self << bits | self >> (64 - bits) }
}
