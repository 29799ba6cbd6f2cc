/// Turns the chosen story roots into paragraphs: one per block element (paragraph, heading,
/// list item, quote, table cell), furniture skipped, then link-heavy and stock lines dropped.
struct Paragraphs {
    struct Paragraph: Equatable {
        var text: String
        /// Tag of the block the text came from ("p", "h2", "li", "td"…).
        var tag: String
        var letters: Int
        var linkLetters: Int
        /// Letters before the first linked letter, when the text before the link runs on into
        /// it (it ends in a letter or a comma: "…replaced Jane Doe, <a>who for eight months…</a>"),
        /// not when a label introduces it ("Read more: <a>…</a>"); 0 otherwise.
        var runOnLetters = 0
        /// Unlinked letters after the last linked letter.
        var trailingLetters = 0

        /// A paragraph whose sentence begins in plain text and goes on in a link to its end
        /// ("Doe replaced Jane Roe, <a>who for eight months combined the roles.</a>"), or
        /// begins in a link and goes on after it ("<a>Her mother is said to be the only one
        /// they trust</a> when they are away."): prose, however much of it is linked, as a
        /// teaser's "Read more: <a>Headline</a>" is not.
        var isSentenceRunningIntoLink: Bool {
            tag == "p" && (runOnLetters >= Paragraphs.runOnMinimumLetters || trailingLetters >= Paragraphs.runOnMinimumLetters)
                && TextNormalizer.endsSentence(text)
        }
    }

    let blocks: TextBlocks

    /// Raw paragraphs under `roots`, in document order, before filtering.
    func collect(roots: [Int]) -> [Paragraph] {
        let elements = blocks.tree.elements
        var result: [Paragraph] = []
        var buffer: [String] = []
        var letters = 0, linkLetters = 0, runOnLetters = 0, trailingLetters = 0
        var currentTag = "p"
        var inLinkDepth: [Int] = []
        // The number of the last item seen in each ordered list.
        var itemNumbers: [Int: Int] = [:]

        func flush() {
            defer {
                buffer.removeAll(keepingCapacity: true)
                letters = 0
                linkLetters = 0
                runOnLetters = 0
                trailingLetters = 0
            }
            guard letters > 0 else { return }
            // Before collapsing: a double-decoded no-break space is "Â" and U+00A0. Part by
            // part: a double-decoded character is never split by markup.
            let text = TextNormalizer.collapse(buffer.map(Mojibake.repaired))
            if !text.isEmpty {
                result.append(Paragraph(text: text, tag: currentTag, letters: letters, linkLetters: linkLetters, runOnLetters: runOnLetters,
                                        trailingLetters: linkLetters > 0 ? trailingLetters : 0))
            }
        }

        for root in roots where !blocks.removed[root] {
            // (element, next child index); entering pushes, finishing pops.
            var stack: [(element: Int, child: Int)] = [(root, 0)]
            currentTag = elements[root].tag
            while let (element, startChild) = stack.popLast() {
                let children = elements[element].children
                var child = startChild
                if child == 0 {
                    if elements[element].isBlock {
                        flush()
                        currentTag = Paragraphs.tag(of: element, blocks)
                    }
                    // A browser numbers an ordered list's items; the number is part of the text
                    // readers see ("1. Preheat the oven").
                    let parent = elements[element].parent
                    if elements[element].tag == "li", parent >= 0, elements[parent].tag == "ol" {
                        let number = itemNumbers[parent].map { $0 + 1 }
                            ?? elements[parent].attribute("start").flatMap { Int($0) } ?? 1
                        itemNumbers[parent] = number
                        buffer.append("\(number). ")
                    }
                    if elements[element].isLink { inLinkDepth.append(element) }
                }
                var descended = false
                while child < children.count {
                    switch children[child] {
                    case .text(let text):
                        buffer.append(text)
                        let count = TextNormalizer.letters(text).letters
                        letters += count
                        if !inLinkDepth.isEmpty {
                            if linkLetters == 0, count > 0, letters > count { runOnLetters = Paragraphs.runOn(buffer.dropLast(), letters: letters - count) }
                            linkLetters += count
                            trailingLetters = 0
                        } else {
                            trailingLetters += count
                        }
                        child += 1
                    case .element(let next):
                        child += 1
                        guard !blocks.removed[next] else { continue }
                        stack.append((element, child))
                        stack.append((next, 0))
                        descended = true
                    }
                    if descended { break }
                }
                if descended { continue }
                // Finished this element.
                if inLinkDepth.last == element { inLinkDepth.removeLast() }
                if elements[element].isBlock {
                    flush()
                    let parent = elements[element].parent
                    if parent >= 0 { currentTag = elements[blocks.blockOf[parent]].tag }
                } else if elements[element].tag == "br" {
                    flush()
                }
            }
            flush()
        }
        return result
    }

    /// Drops paragraphs that are furniture by their content: mostly links, stock phrases
    /// ("Advertisement", "Read more:"), or the headline repeated.
    /// A short heading that is a link is kept: a listicle's item names link to the products
    /// or sources; 40 letters or more read as the headline of another story, a teaser.
    /// A list item that is a link is kept when prose follows it: a list inside the story names
    /// its sources, tools or products (one list after the last prose is a rail of other stories).
    /// So is a table cell or a definition list's term or description: a table in the story
    /// links the names in its rows (companies, products, people) to their pages.
    static func filter(_ paragraphs: [Paragraph], title: String?) -> [Paragraph] {
        let normalizedTitle = title.map(comparable)
        let titleLetters = title.map { TextNormalizer.letters($0).letters } ?? 0
        let lastProse = paragraphs.lastIndex { $0.letters >= TextBlocks.proseLetters && $0.linkLetters * 2 < $0.letters } ?? -1
        return paragraphs.enumerated().filter { position, paragraph in
            let linkShare = Double(paragraph.linkLetters) / Double(max(paragraph.letters, 1))
            let inStoryList = MainText.listTags.contains(paragraph.tag) && position < lastProse
            if linkShare > 0.5, !inStoryList, !paragraph.isSentenceRunningIntoLink,
               paragraph.letters >= linkedNameLetters || !MainText.headingTags.contains(paragraph.tag) { return false }
            if Boilerplate.isFurnitureLine(paragraph.text) || Boilerplate.isPlea(paragraph.text) { return false }
            if let normalizedTitle, !normalizedTitle.isEmpty, paragraph.tag.first == "h" || paragraph.letters < 200,
               abs(paragraph.letters - titleLetters) * 3 <= titleLetters, comparable(paragraph.text) == normalizedTitle {
                return false
            }
            return true
        }.map(\.element)
    }

    /// A block's tag, or its list item's or cell's for a paragraph inside one
    /// (`<li><p><a>…</a></p></li>`): readers see an item of the list, and a linked item keeps
    /// its place in the story as a linked `<li>` does.
    static func tag(of element: Int, _ blocks: TextBlocks) -> String {
        let elements = blocks.tree.elements
        let tag = elements[element].tag, parent = elements[element].parent
        guard tag == "p", parent >= 0 else { return tag }
        let outer = elements[blocks.blockOf[parent]].tag
        return MainText.listTags.contains(outer) ? outer : tag
    }

    /// `runOnLetters` for a paragraph whose text before its first link is `lead`
    /// (`letters` letters): the letters when the lead ends in a letter or a comma.
    static func runOn(_ lead: ArraySlice<String>, letters: Int) -> Int {
        for part in lead.reversed() {
            guard let last = part.last(where: { !$0.isWhitespace }) else { continue }
            return last.isLetter || last == "," ? letters : 0
        }
        return 0
    }

    /// Letters of unlinked text before a link below which a linked paragraph is a link with a
    /// label, not a sentence.
    static let runOnMinimumLetters = 20

    /// Letters below which a linked heading is a name (a product, a source), not a headline.
    static let linkedNameLetters = 40

    /// Lower-case letters and digits only, for comparing a heading with the title.
    static func comparable(_ text: String) -> String {
        // ASCII text (most headlines) needs no Unicode property lookups.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
                default: break
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        // Scalar by scalar, as `lowercased()` maps them; property lookups for non-ASCII only
        // (curly quotes make most prose non-ASCII).
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x61...0x7A, 0x30...0x39: kept.append(scalar)
            case 0x41...0x5A: kept.append(Unicode.Scalar(UInt8(scalar.value + 32)))
            case 0..<0x80: break
            default:
                for lower in scalar.properties.lowercaseMapping.unicodeScalars
                where lower.properties.isAlphabetic || lower.properties.numericType != nil {
                    kept.append(lower)
                }
            }
        }
        return String(kept)
    }
}
