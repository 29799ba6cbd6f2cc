/// Finds the element that holds the story, Readability-style: every paragraph-sized block
/// votes for its ancestors (weight falling with distance), wrappers that say "article body"
/// get a bonus, link-heavy wrappers lose their share of links, and the best wrapper wins.
/// Sibling blocks that score close to the winner join it (stories split into several divs).
struct ContentSelection {
    let blocks: TextBlocks

    /// Prose of a notice or a pitch (a sign-up's thanks, an error message): a box with less,
    /// and little of the page's, wins the vote by a content name only when its story holds
    /// the text that wins by its words.
    static let noticeProse = 500

    /// The roots whose text makes the story, in document order (empty when nothing scores).
    func roots() -> [Int] {
        let tree = blocks.tree
        let elements = tree.elements
        var score = [Double](repeating: 0, count: elements.count)
        var scored = [Bool](repeating: false, count: elements.count)
        // Each candidate's points from its paragraphs' votes, without its head start.
        var votes = [Double](repeating: 0, count: elements.count)
        let cards = storyCards()
        let citations = referenceLists()
        for index in elements.indices where !blocks.removed[index] {
            let length = blocks.ownText[index]
            // A teaser cut short with an ellipsis, or the excerpt of a story card, votes for
            // a list of other stories; a citation votes for the list of sources after a story.
            guard length >= 25, blocks.blockOf[index] == index, !blocks.endsCut[index], !cards[index], !citations[index] else { continue }
            let linkShare = Double(blocks.ownLinkText[index]) / Double(length)
            guard linkShare < 0.5 else { continue }
            let points = 1 + Double(blocks.ownCommas[index]) + min(Double(length) / 100, 3)
            var ancestor = elements[index].parent
            var level = 0
            // The block itself counts as its own candidate when it is a text container.
            if elements[index].tag == "div" || elements[index].tag == "section" {
                addScore(index, points, &score, &votes, &scored)
            }
            while ancestor >= 0, level < 5 {
                let divider: Double = level == 0 ? 1 : (level == 1 ? 2 : Double(level) * 3)
                addScore(ancestor, points / divider, &score, &votes, &scored)
                ancestor = elements[ancestor].parent
                level += 1
            }
        }
        var best = -1, earnedBest = -1
        var bestScore = 0.0, earnedBestScore = 0.0
        var finalScore = score
        for index in elements.indices where scored[index] {
            finalScore[index] = score[index] * (1 - blocks.linkDensity(index))
            if finalScore[index] > bestScore {
                bestScore = finalScore[index]
                best = index
            }
            // The vote again with a content name on a notice-sized box (less prose than
            // `noticeProse`, under a quarter of the page's) worth at most what its text earned.
            var vote = finalScore[index]
            if blocks.keptProse[index] < ContentSelection.noticeProse, blocks.keptProse[index] * 4 < blocks.keptProse[blocks.body] {
                let bonus = score[index] - votes[index] - tagStart(index)
                if bonus > votes[index] { vote -= (bonus - votes[index]) * (1 - blocks.linkDensity(index)) }
            }
            if vote > earnedBestScore {
                earnedBestScore = vote
                earnedBest = index
            }
        }
        guard best >= 0 else { return [] }
        let stories = wholeStories()
        best = climb(from: best, finalScore: finalScore, scored: scored, stories: stories)
        // A box that won by its name alone ("main_content" around a one-line notice) and whose
        // story, climbed to, leaves out the text that won by its words, is a notice beside the
        // story: the story is the other one's.
        if earnedBest >= 0, !blocks.tree.isInside(earnedBest, best) {
            best = climb(from: earnedBest, finalScore: finalScore, scored: scored, stories: stories)
        }
        return withSiblings(of: best, finalScore: finalScore, scored: scored, stories: stories)
    }

    /// Whole stories, each an `<article>` with its own `<h1>` (not a story card, which teases
    /// one in a few lines and a link): where two stand side by side, the page is a stream of
    /// stories (the next one loaded below the page's own), and the page's is the first.
    private func wholeStories() -> [Int] {
        let elements = blocks.tree.elements
        let articles = blocks.tree.indices(of: "article")
        guard articles.count >= 2 else { return [] }
        // Which subtrees hold an `<h1>`: one pass, children after their parent in the array.
        var holdsHeadline = [Bool](repeating: false, count: elements.count)
        for index in elements.indices.reversed() {
            if elements[index].tag == "h1" { holdsHeadline[index] = true }
            if holdsHeadline[index], elements[index].parent >= 0 { holdsHeadline[elements[index].parent] = true }
        }
        return articles.filter { holdsHeadline[$0] && !isShortCard($0) }
    }

    /// The first of `stories` (in document order, so sorted) at or after `index`: a binary
    /// search, as a page may hold thousands of them.
    private func story(from index: Int, in stories: [Int]) -> Int? {
        var low = 0, high = stories.count
        while low < high {
            let middle = (low + high) / 2
            if stories[middle] < index { low = middle + 1 } else { high = middle }
        }
        return low < stories.count ? stories[low] : nil
    }

    /// Whether one of `stories` lies in the subtree of `index`.
    private func holdsStory(_ index: Int, in stories: [Int]) -> Bool {
        story(from: index, in: stories).map { $0 < blocks.tree.elements[index].end } ?? false
    }

    /// Elements inside story cards: short `<article>`s that link to a page (`isShortCard`) beside
    /// another `<article>`, the way pages list other stories with their excerpts.
    private func storyCards() -> [Bool] {
        let elements = blocks.tree.elements
        var inCard = [Bool](repeating: false, count: elements.count)
        let articles = elements.indices.filter { elements[$0].tag == "article" && !blocks.removed[$0] }
        var articleChildren = [Int: Int]()
        for index in articles where elements[index].parent >= 0 { articleChildren[elements[index].parent, default: 0] += 1 }
        for index in articles where !inCard[index] && isShortCard(index)
            && articleChildren[elements[index].parent, default: 0] >= 2 {
            for inner in index..<elements[index].end { inCard[inner] = true }
        }
        return inCard
    }

    /// Elements inside a list of sources, named so in class or id ("references", "reflist",
    /// "bibliography", "footnotes"): a paper's forty citations, each a run of names and
    /// commas, outvoted its abstract, though they follow the story and are part of it only
    /// when they sit inside its wrapper.
    private func referenceLists() -> [Bool] {
        let elements = blocks.tree.elements
        var inList = [Bool](repeating: false, count: elements.count)
        var index = 0
        while index < elements.count {
            if elements[index].words.contains(where: ContentSelection.namesSources) {
                for inner in index..<elements[index].end { inList[inner] = true }
                index = elements[index].end
            } else {
                index += 1
            }
        }
        return inList
    }

    /// Whether a class or id word names a list of sources. A switch, not a set: it is asked of
    /// every word of every element, and hashing them all cost 2 % of the extractor's CPU.
    static func namesSources(_ word: String) -> Bool {
        switch word {
        case "references", "reflist", "bibliography", "footnotes", "endnotes": true
        default: false
        }
    }

    /// A short `<article>` (under 500 letters of prose) that links to a page: a story card
    /// teases the story it links to. One that links nowhere is a part of this page (a
    /// how-to's steps, each an `<article>` of a picture, a heading and a paragraph).
    private func isShortCard(_ index: Int) -> Bool {
        let elements = blocks.tree.elements
        return blocks.keptProse[index] < 500
            && (index..<elements[index].end).contains { elements[$0].isLink && !blocks.removed[$0] }
    }

    private func addScore(_ index: Int, _ points: Double, _ score: inout [Double], _ votes: inout [Double], _ scored: inout [Bool]) {
        if !scored[index] {
            scored[index] = true
            score[index] = initialScore(index)
        }
        score[index] += points
        votes[index] += points
    }

    /// A head start from the tag and from content or furniture words in class and id.
    private func initialScore(_ index: Int) -> Double {
        tagStart(index) + namingBonus(index)
    }

    private func tagStart(_ index: Int) -> Double {
        switch blocks.tree.elements[index].tag {
        case "div", "article", "main", "section": 5
        case "pre", "td", "blockquote": 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": -5
        default: 0
        }
    }

    /// What the element's attributes call it: the story's body, or furniture.
    private func namingBonus(_ index: Int) -> Double {
        let element = blocks.tree.elements[index]
        var value = 0.0
        if element.attribute("itemprop")?.lowercased().contains("articlebody") == true { value += 40 }
        let kinds = Boilerplate.wordKinds(element.words)
        if kinds.contains(.content) { value += 25 }
        if kinds.contains(.weak) { value -= 25 }
        return value
    }

    /// Moves up to a parent when the story's text is spread over several children: the
    /// parent holds clearly more of the page's good text and almost no more links.
    private func climb(from start: Int, finalScore: [Double], scored: [Bool], stories headedStories: [Int]) -> Int {
        let elements = blocks.tree.elements
        var best = start
        // Page builders wrap each section of a long story in its own rows and cells, often
        // many levels below the story's wrapper, so every ancestor up to the body is looked
        // at: one that adds half as much prose again at few links becomes the story.
        // Prose that only teases other stories does not count as a gain: blocks cut short
        // with an ellipsis, other short `<article>`s (story cards; a listicle's items can be
        // articles too, but long ones), and runs of cards of any tag (`teaserCards`).
        let teasers = Set(blocks.tree.indices(of: "article").filter { !blocks.removed[$0] && isShortCard($0) })
            .union(teaserCards(besides: start)).sorted()
        func storyProse(_ index: Int) -> Int {
            var other = 0, end = -1
            for teaser in teasers where teaser >= end && blocks.tree.isInside(teaser, index) && !blocks.tree.isInside(best, teaser) {
                other += blocks.keptProse[teaser]
                end = elements[teaser].end
            }
            return blocks.keptProse[index] - max(other, blocks.teaserProse[index] - blocks.teaserProse[best])
        }
        // A table's body or row is no story of its own: the story is the table, whose
        // caption and the paragraphs beside it (a list's introduction) then join it.
        while ContentSelection.tableParts.contains(elements[best].tag), elements[best].parent >= 0 {
            best = elements[best].parent
        }
        // An ancestor of the winner's whole story that holds another is a stream of stories,
        // not more of one: the page's is the first, whichever won the vote.
        let ownStory = headedStories.last { blocks.tree.isInside(best, $0) }
        func firstStory(in ancestor: Int) -> Int? {
            guard let ownStory else { return nil }
            // Stories side by side with the winner's: not one around it, nor a card inside it.
            // Before it, only those around it are passed over (as many as its depth).
            var earlier = story(from: ancestor, in: headedStories)
            while let found = earlier, found < ownStory, blocks.tree.isInside(ownStory, found) {
                earlier = story(from: found + 1, in: headedStories)
            }
            if let found = earlier, found < ownStory { return found }
            let later = story(from: elements[ownStory].end, in: headedStories)
            return later.map { $0 < elements[ancestor].end } == true ? ownStory : nil
        }
        var ancestor = elements[best].parent
        var isParent = true
        var child = best
        while ancestor >= 0, ancestor != blocks.body {
            if let head = streamHead(child, in: ancestor) {
                best = head
                break
            }
            if let first = firstStory(in: ancestor) {
                if !blocks.tree.isInside(best, first) { best = first }
                break
            }
            let gainsProse = storyProse(ancestor) * 2 >= blocks.keptProse[best] * 3
                && blocks.linkDensity(ancestor) < 0.3
            // A lone child adds nothing: its parent is the same story.
            if gainsProse || (isParent && keptChildCount(ancestor) == 1) {
                best = ancestor
                isParent = true
            } else {
                isParent = false
            }
            child = ancestor
            ancestor = elements[ancestor].parent
        }
        return best
    }

    /// The first of the like children of `parent` when `child` is one of a run of them
    /// (`PageStructure.threadPosts` or more, tag and leading classes alike) that each hold an
    /// `<h1>` and a date: whole stories an endless scroll loads one below the other, the
    /// page's own first, whichever of them is longest.
    private func streamHead(_ child: Int, in parent: Int) -> Int? {
        let tree = blocks.tree, elements = tree.elements
        let run = PageStructure.likeChildren(of: parent, as: child, tree: tree)
        guard run.count >= PageStructure.threadPosts else { return nil }
        for member in run {
            let span = member..<elements[member].end
            guard span.contains(where: { elements[$0].tag == "h1" }), span.contains(where: { Byline.date(tree, $0) != nil }) else { return nil }
        }
        return run.first
    }

    /// The parts of a table below `<table>` that may win the vote.
    static let tableParts: Set<String> = ["tbody", "thead", "tfoot", "tr"]

    /// Teaser cards of other stories: four or more like siblings (tag and class, digits
    /// aside: `card-1`, `card-2`), three in four of them short blocks (under 500 letters of
    /// prose, 1000 of text) whose first text is a link, the headline linking to the story teased. Under a
    /// short story, their excerpts add half as much prose again as the story has, which made
    /// the climb take in a "More news" rail. A run that holds the winner is the story's own
    /// list.
    private func teaserCards(besides winner: Int) -> [Int] {
        let elements = blocks.tree.elements
        var result: [Int] = []
        for parent in elements.indices where !blocks.removed[parent] && elements[parent].children.count >= ContentSelection.runCards {
            // Keyed by tag and class bytes, ASCII digits left out: no Unicode work per element.
            var runs: [[UInt8]: [Int]] = [:]
            for case .element(let child) in elements[parent].children where !blocks.removed[child] {
                var key = Array(elements[child].tag.utf8)
                key.append(0x20)
                key += (elements[child].attribute("class") ?? "").utf8.filter { $0 < 0x30 || $0 > 0x39 }
                runs[key, default: []].append(child)
            }
            for members in runs.values where members.count >= ContentSelection.runCards
                && !members.contains(where: { blocks.tree.isInside(winner, $0) }) {
                let cards = members.filter { blocks.keptProse[$0] < 500 && blocks.subtreeText[$0] <= 1000 && opensWithLink($0) }
                if cards.count * 4 >= members.count * 3 { result += cards }
            }
        }
        return result
    }

    /// How many like siblings make a run of cards rather than a few boxes.
    static let runCards = 4

    /// Whether the first text in an element's subtree is link text.
    private func opensWithLink(_ root: Int) -> Bool {
        let elements = blocks.tree.elements
        var index = root
        while index < elements[root].end {
            if blocks.removed[index] {
                index = elements[index].end
                continue
            }
            if elements[index].isLink { return blocks.subtreeText[index] > 0 }
            let hasText = elements[index].children.contains { child in
                if case .text(let text) = child { return text.utf8.contains { $0 > 0x20 } }
                return false
            }
            if hasText { return false }
            index += 1
        }
        return false
    }

    private func keptChildCount(_ index: Int) -> Int {
        blocks.tree.elements[index].children.reduce(0) { count, child in
            switch child {
            case .element(let element): count + (!blocks.removed[element] && blocks.subtreeText[element] > 0 ? 1 : 0)
            case .text(let text): count + (text.utf8.contains { $0 > 0x20 } ? 1 : 0)
            }
        }
    }

    /// The winner plus siblings that look like more of the same story; none when they are
    /// the next stories of a stream.
    private func withSiblings(of best: Int, finalScore: [Double], scored: [Bool], stories: [Int]) -> [Int] {
        let elements = blocks.tree.elements
        let parent = elements[best].parent
        guard parent >= 0 else { return [best] }
        if let head = streamHead(best, in: parent) { return [head] }
        let threshold = max(10, finalScore[best] * 0.2)
        // A whole story beside the winner's is another story (`wholeStories`).
        let isStory = stories.contains { blocks.tree.isInside(best, $0) }
        var result: [Int] = []
        for child in elements[parent].children {
            guard case .element(let sibling) = child, !blocks.removed[sibling] else { continue }
            if sibling == best {
                result.append(sibling)
                continue
            }
            if isStory, holdsStory(sibling, in: stories) { continue }
            if scored[sibling], finalScore[sibling] >= threshold, sameKind(sibling, best) {
                result.append(sibling)
                continue
            }
            // A sibling of the winner's own tag and class is more of the story's text, cut
            // into parts by a page builder (a call to action or an embed between them), as
            // Readability has it: it joins with any score when it holds prose.
            if scored[sibling], finalScore[sibling] > 0, blocks.keptProse[sibling] > 0, sameClass(sibling, best) {
                result.append(sibling)
                continue
            }
            // A block of the winner's kind before it, page builders' hash words aside
            // (`elementor-element-98fbbca`), is the story's intro or first sections in a
            // block of its own: it joins when it holds prose at few links.
            if sibling < best, blocks.keptProse[sibling] > 0, blocks.linkDensity(sibling) < 0.3, sameKind(ofBlock: sibling, best) {
                result.append(sibling)
                continue
            }
            let length = blocks.subtreeText[sibling]
            if elements[sibling].tag == "p", length > 80, blocks.linkDensity(sibling) < 0.25 {
                result.append(sibling)
            }
        }
        return withSectionHeadings(result)
    }

    /// The joined blocks plus the headings between them: a page builder puts each section's
    /// heading in a block of its own between the blocks of its text, and a heading holds no
    /// prose to score or join by. A box between two parts of the story that holds a heading
    /// and nothing else is the heading of the part after it; one that held furniture too
    /// (a tag list under its "Tags:" heading) is the furniture's label.
    private func withSectionHeadings(_ joined: [Int]) -> [Int] {
        guard let first = joined.first, let last = joined.last, joined.count >= 2 else { return joined }
        let tree = blocks.tree
        var result: [Int] = []
        for child in tree.elements[tree.elements[first].parent].children {
            guard case .element(let sibling) = child, sibling >= first, sibling <= last else { continue }
            if joined.contains(sibling) || (!blocks.removed[sibling] && blocks.subtreeText[sibling] > 0 && isHeading(sibling)
                && TextNormalizer.letters(tree.text(of: sibling)).letters == blocks.subtreeText[sibling]) {
                result.append(sibling)
            }
        }
        return result
    }

    /// Whether an element is a heading, or boxes of one child each around one.
    private func isHeading(_ index: Int) -> Bool {
        var current: Int? = index
        while let element = current {
            if MainText.headingTags.contains(blocks.tree.elements[element].tag) { return true }
            current = loneChild(element)
        }
        return false
    }

    private func sameClass(_ a: Int, _ b: Int) -> Bool {
        let elements = blocks.tree.elements
        guard elements[a].tag == elements[b].tag, let namedA = named(a), let namedB = named(b),
              elements[namedA].tag == elements[namedB].tag else { return false }
        return elements[namedA].attribute("class") == elements[namedB].attribute("class")
    }

    /// Same tag and the same class words, leaving out words that hold a digit: of the blocks
    /// as `named` finds them, or of the blocks inside their boxes of one child each that hold
    /// the text (`innermost`).
    private func sameKind(ofBlock a: Int, _ b: Int) -> Bool {
        let elements = blocks.tree.elements
        func kind(_ index: Int) -> [Substring] {
            (elements[index].attribute("class") ?? "").split(whereSeparator: \.isWhitespace).filter { !$0.contains(where: \.isNumber) }
        }
        func alike(_ x: Int, _ y: Int) -> Bool {
            guard elements[x].tag == elements[y].tag else { return false }
            let words = kind(x)
            return !words.isEmpty && words == kind(y)
        }
        guard elements[a].tag == elements[b].tag else { return false }
        if let namedA = named(a), let namedB = named(b), alike(namedA, namedB) { return true }
        // The blocks that hold the text, inside any boxes of one child each: the intro's
        // summary box and the story's bare `<div>` both wrap the site's `article-text` block.
        return alike(innermost(a), innermost(b))
    }

    /// The element inside a chain of lone children that holds the text itself (two or more
    /// kept children, or text of its own).
    private func innermost(_ index: Int) -> Int {
        var current = index
        while let only = loneChild(current) { current = only }
        return current
    }

    /// The element whose class names a block: the block itself, or, when it has no class, the
    /// lone child it wraps, looked at the same way (component frameworks wrap each block of a
    /// story in a bare `<div>`, so the story's parts are unclassed siblings around like blocks).
    private func named(_ index: Int) -> Int? {
        let elements = blocks.tree.elements
        var current = index
        while elements[current].attribute("class")?.isEmpty ?? true {
            guard let only = loneChild(current) else { return nil }
            current = only
        }
        return current
    }

    /// The one kept child element holding text, when the element holds nothing else.
    private func loneChild(_ index: Int) -> Int? {
        var only: Int? = nil
        for child in blocks.tree.elements[index].children {
            switch child {
            case .element(let element):
                guard !blocks.removed[element], blocks.subtreeText[element] > 0 else { continue }
                guard only == nil else { return nil }
                only = element
            case .text(let text):
                if text.utf8.contains(where: { $0 > 0x20 }) { return nil }
            }
        }
        return only
    }

    private func sameKind(_ a: Int, _ b: Int) -> Bool {
        let elements = blocks.tree.elements
        return elements[a].tag == elements[b].tag || elements[a].tag == "p"
    }
}
