/// The story's paragraphs: the best-scoring wrapper's text, or, when that is too thin, every
/// prose-like paragraph of the page outside furniture (a jusText-style fallback).
struct MainText {
    let blocks: TextBlocks
    let title: String?

    func paragraphs() -> [Paragraphs.Paragraph] {
        let collector = Paragraphs(blocks: blocks)
        let roots = ContentSelection(blocks: blocks).roots()
        let chosen = Paragraphs.filter(collector.collect(roots: roots), title: title)
        let chosenLetters = chosen.reduce(0) { $0 + $1.letters }
        guard chosenLetters < 250, !blocks.tree.elements.isEmpty else { return chosen }
        let prose = Paragraphs.filter(collector.collect(roots: [blocks.body]), title: title).filter {
            $0.letters >= 40 && Double($0.linkLetters) < 0.3 * Double($0.letters)
        }
        let proseLetters = prose.reduce(0) { $0 + $1.letters }
        return proseLetters > chosenLetters * 2 ? prose : chosen
    }
}
