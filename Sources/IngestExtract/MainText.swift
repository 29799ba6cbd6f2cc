/// The story's paragraphs: the best-scoring wrapper's text, or, when that is too thin, every
/// prose-like paragraph of the page outside furniture (a jusText-style fallback).
struct MainText {
    let blocks: TextBlocks
    let title: String?

    /// - Parameter roots: the story's wrappers, `ContentSelection.roots()`.
    func paragraphs(roots: [Int]) -> [Paragraphs.Paragraph] {
        let collector = Paragraphs(blocks: blocks)
        let chosen = MainText.trimmingHead(MainText.trimmingTail(Paragraphs.filter(collector.collect(roots: roots), title: title)))
        let chosenLetters = chosen.reduce(0) { $0 + $1.letters }
        guard chosenLetters < 250, !blocks.tree.elements.isEmpty else { return chosen }
        let prose = Paragraphs.filter(collector.collect(roots: [blocks.body]), title: title).filter {
            $0.letters >= 40 && Double($0.linkLetters) < 0.3 * Double($0.letters)
        }
        let proseLetters = prose.reduce(0) { $0 + $1.letters }
        return proseLetters > chosenLetters * 2 ? prose : chosen
    }

    static let headingTags: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
    /// List items and cells: a story may well end with a list of short items.
    static let listTags: Set<String> = ["li", "dd", "dt", "td", "th"]

    /// Drops the story's first paragraphs while they are a dateline: a short line that holds
    /// a date and ends no sentence ("JAN 24, 2025", "Published: Nov. 19, 2025", "Ana Ruiz |
    /// 15 Dec, 2025"), the byline's date left inside the story's wrapper.
    static func trimmingHead(_ paragraphs: [Paragraphs.Paragraph]) -> [Paragraphs.Paragraph] {
        var start = 0
        while start < paragraphs.count - 1, paragraphs[start].letters < datelineLetters,
              !TextNormalizer.endsSentence(paragraphs[start].text), DateNormalizer.inText(paragraphs[start].text) != nil {
            start += 1
        }
        return Array(paragraphs[start...])
    }

    /// A dateline is shorter than this; a longer line with a date is a sentence of the story.
    static let datelineLetters = 60

    /// Drops the story's last paragraphs while they are a heading or a short line that is no
    /// sentence: a heading with nothing after it led to a section that is furniture
    /// ("Related stories", "Our partners"), and a closing fragment is a label or a button.
    static func trimmingTail(_ paragraphs: [Paragraphs.Paragraph]) -> [Paragraphs.Paragraph] {
        var result = paragraphs
        while let last = result.last, result.count > 1,
              MainText.headingTags.contains(last.tag) || (last.letters < 40 && !MainText.listTags.contains(last.tag)
                && !TextNormalizer.endsSentence(last.text)) {
            result.removeLast()
        }
        return result
    }
}
