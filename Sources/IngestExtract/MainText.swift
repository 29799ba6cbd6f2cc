import IngestMarkup

/// The story's paragraphs: the best-scoring wrapper's text, or, when that is too thin, every
/// prose-like paragraph of the page outside furniture (a jusText-style fallback).
struct MainText {
    let blocks: TextBlocks
    let title: String?
    /// What the page's structured data says about its authors (`JSONLD.authorDescriptions`).
    var authorBios: [String] = []
    /// The story's text as the page's structured data gives it, when it does.
    var declared: DeclaredText?

    /// - Parameter roots: the story's wrappers, `ContentSelection.roots()`.
    func paragraphs(roots: [Int]) -> [Paragraphs.Paragraph] {
        let collector = Paragraphs(blocks: blocks)
        let bios = MainText.comparableBios(authorBios)
        let collected = Paragraphs.filter(collector.collect(roots: roots), title: title)
        // Bios go before the tail is trimmed: the author box's name and role lines above the
        // bio then end the text and go with it.
        let chosen = MainText.withoutRepeats(MainText.trimmingHead(MainText.trimmingTail(
            MainText.withoutBios(declared?.filter(collected) ?? collected, bios))))
        let chosenLetters = chosen.reduce(0) { $0 + $1.letters }
        guard chosenLetters < 250, !blocks.tree.elements.isEmpty else { return chosen }
        let all = Paragraphs.filter(collector.collect(roots: [blocks.body]), title: title)
        let isProse = all.map { $0.letters >= 40 && Double($0.linkLetters) < 0.3 * Double($0.letters) && !MainText.isBio($0, bios) }
        // As jusText has it, a heading right before a kept paragraph is that paragraph's heading.
        let prose = all.indices.filter { index in
            isProse[index] || (MainText.headingTags.contains(all[index].tag) && index + 1 < all.count && isProse[index + 1])
        }.map { all[$0] }
        let proseLetters = prose.reduce(0) { $0 + $1.letters }
        return proseLetters > chosenLetters * 2 ? prose : chosen
    }

    /// Bios in the form paragraphs are compared in (a bio may hold markup and references).
    static func comparableBios(_ bios: [String]) -> [String] {
        bios.map { Paragraphs.comparable(Entities.text(ofMarkup: $0)) }.filter { $0.count >= bioLetters }
    }

    /// A paragraph that is the author's bio as the page's structured data gives it: the
    /// author box under the story, which the markup often wraps like the story's own
    /// paragraphs. A part of the bio, or the bio with a few words around it ("Read more").
    static func isBio(_ paragraph: Paragraphs.Paragraph, _ bios: [String]) -> Bool {
        guard !bios.isEmpty, paragraph.letters >= bioLetters else { return false }
        // Each ASCII letter or digit stays in the comparable form: a paragraph with twice as
        // many as the longest bio can be no part of one, nor one with a few words around it.
        let longest = bios.lazy.map(\.utf8.count).max() ?? 0
        var kept = 0
        for byte in paragraph.text.utf8 where (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || (byte >= 0x30 && byte <= 0x39) {
            kept += 1
            if kept >= longest * 2 { return false }
        }
        let text = Paragraphs.comparable(paragraph.text)
        return bios.contains { bio in holds(bio, text) || (text.count < bio.count * 2 && holds(text, bio)) }
    }

    /// Whether `part`'s bytes occur in `whole`'s: for comparable forms, where equal text is
    /// equal bytes (no Unicode-aware search needed).
    static func holds(_ whole: String, _ part: String) -> Bool {
        var whole = whole
        return whole.withUTF8 { CodeTrimmer.find(Array(part.utf8), in: $0, from: 0) != nil }
    }

    /// The paragraphs without the author's bio; when no prose follows the bio, the text ends
    /// before it: what comes after is the rest of the author box (the author's latest posts,
    /// profile links).
    static func withoutBios(_ paragraphs: [Paragraphs.Paragraph], _ bios: [String]) -> [Paragraphs.Paragraph] {
        guard !bios.isEmpty else { return paragraphs }
        let bio = paragraphs.map { isBio($0, bios) }
        guard let first = bio.firstIndex(of: true) else { return paragraphs }
        if !paragraphs.indices.dropFirst(first + 1).contains(where: { paragraphs[$0].letters >= TextBlocks.proseLetters && !bio[$0] }) {
            return Array(paragraphs[..<first])
        }
        return paragraphs.indices.filter { !bio[$0] }.map { paragraphs[$0] }
    }

    /// The paragraphs without a run of one to `repeatRun` paragraphs said again right after
    /// itself: a page that renders a block twice for two screens (a "desktop" and a "mobile"
    /// copy of each slide), a tab's label over its panel, a tooltip beside its text. A story
    /// does not repeat itself word for word at once; a short line may (a table's equal cells),
    /// so the run must hold `repeatLetters` letters.
    static func withoutRepeats(_ paragraphs: [Paragraphs.Paragraph]) -> [Paragraphs.Paragraph] {
        var result: [Paragraphs.Paragraph] = []
        var index = 0
        next: while index < paragraphs.count {
            for length in 1...repeatRun where index + 2 * length <= paragraphs.count {
                let run = paragraphs[index..<(index + length)]
                guard run.reduce(0, { $0 + $1.letters }) >= repeatLetters,
                      run.elementsEqual(paragraphs[(index + length)..<(index + 2 * length)], by: { $0.text == $1.text }) else { continue }
                result += run
                index += 2 * length
                continue next
            }
            result.append(paragraphs[index])
            index += 1
        }
        return result
    }

    static let repeatRun = 4, repeatLetters = 40

    /// Letters below which a line is no bio to recognise (a name, a role).
    static let bioLetters = 40

    static let headingTags: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
    /// List items and cells: a story may well end with a list of short items.
    static let listTags: Set<String> = ["li", "dd", "dt", "td", "th"]

    /// Drops datelines from the story's head, before its first prose: a short line that holds
    /// a date and ends no sentence ("JAN 24, 2025", "Published: Nov. 19, 2025", "Ana Ruiz |
    /// 15 Dec, 2025"), the byline's date left inside the story's wrapper, whether it opens
    /// the text or follows the headline and standfirst.
    static func trimmingHead(_ paragraphs: [Paragraphs.Paragraph]) -> [Paragraphs.Paragraph] {
        let firstProse = paragraphs.firstIndex {
            $0.letters >= TextBlocks.proseLetters && TextNormalizer.endsSentence($0.text)
        } ?? paragraphs.count
        var result = paragraphs
        for index in stride(from: min(firstProse, paragraphs.count - 1) - 1, through: 0, by: -1)
        where isDateline(paragraphs[index]) {
            result.remove(at: index)
        }
        return result
    }

    static func isDateline(_ paragraph: Paragraphs.Paragraph) -> Bool {
        paragraph.letters < datelineLetters && !TextNormalizer.endsSentence(paragraph.text)
            && (DateNormalizer.inText(paragraph.text) != nil || !listTags.contains(paragraph.tag) && holdsTimeOfDay(paragraph.text))
    }

    /// Whether a text shows one time of day, "12:19" or "7.57 Uhr": a dateline that names its
    /// day only as "today" ("Publiziert heute um 12:19 Uhr", "Online seit heute, 7.57 Uhr").
    /// Not a duration or a race time ("00:03:12", "2:28,29"), nor hours ("8.30 - 18.00 Uhr").
    static func holdsTimeOfDay(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func digit(_ at: Int) -> Int? { at >= 0 && at < bytes.count && bytes[at] >= 0x30 && bytes[at] <= 0x39 ? Int(bytes[at] - 0x30) : nil }
        func separator(_ at: Int) -> Bool { at >= 0 && at < bytes.count && [UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: ",")].contains(bytes[at]) }
        var times = 0, clockLike = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: ":") || bytes[index] == UInt8(ascii: ".") {
            guard let minutesTens = digit(index + 1), minutesTens <= 5, digit(index + 2) != nil, digit(index + 3) == nil,
                  !(separator(index + 3) && digit(index + 4) != nil), let hoursUnits = digit(index - 1) else { continue }
            let hours = (digit(index - 2).map { $0 * 10 } ?? 0) + hoursUnits
            let start = digit(index - 2) == nil ? index - 1 : index - 2
            guard hours <= 23, digit(start - 1) == nil, !(separator(start - 1) && digit(start - 2) != nil) else { continue }
            clockLike += 1
            // "3.14" is a number; with a dot only a clock word makes it a time.
            let after = String(decoding: bytes[min(index + 3, bytes.count)...], as: UTF8.self).lowercased()
            if bytes[index] == UInt8(ascii: ":") || after.hasPrefix(" uhr") || after.hasPrefix("uhr") || after.hasPrefix(" h") { times += 1 }
        }
        return times == 1 && clockLike == 1
    }

    /// A dateline is shorter than this; a longer line with a date is a sentence of the story.
    static let datelineLetters = 60

    /// Drops the story's last paragraphs while they are a heading or a short line that is no
    /// sentence: a heading with nothing after it led to a section that is furniture
    /// ("Related stories", "Our partners"), and a closing fragment is a label or a button.
    /// Lines that would take away more letters than they leave are the text itself (a poem,
    /// a song's lyrics, a match sheet: short lines that end no sentence), kept whole.
    static func trimmingTail(_ paragraphs: [Paragraphs.Paragraph]) -> [Paragraphs.Paragraph] {
        var result = withoutTeaserTail(paragraphs)
        var trimmed = 0
        while let last = result.last, result.count > 1,
              MainText.headingTags.contains(last.tag) || (last.letters < 40 && !MainText.listTags.contains(last.tag)
                && !TextNormalizer.endsSentence(last.text)) {
            trimmed += last.letters
            result.removeLast()
        }
        let kept = result.reduce(0) { $0 + $1.letters }
        return trimmed > kept ? paragraphs : result
    }

    /// The paragraphs without a closing run of teasers: two or more excerpts cut short with an
    /// ellipsis ("…", "..."), each with the short headline line before it, the way a "more
    /// stories" rail inside the story's wrapper gives other stories. One cut paragraph at the
    /// end may be the story's own ending; the run stops at any other paragraph.
    static func withoutTeaserTail(_ paragraphs: [Paragraphs.Paragraph]) -> [Paragraphs.Paragraph] {
        var end = paragraphs.count, excerpts = 0
        while end > 0, TextBlocks.endsWithEllipsis(paragraphs[end - 1].text.utf8[...]) {
            end -= 1
            excerpts += 1
            if end > 0, paragraphs[end - 1].letters < teaserHeadlineLetters, !TextNormalizer.endsSentence(paragraphs[end - 1].text) { end -= 1 }
        }
        return excerpts >= 2 && end > 0 ? Array(paragraphs[..<end]) : paragraphs
    }

    /// A teaser's headline line is shorter than this.
    static let teaserHeadlineLetters = 120
}
