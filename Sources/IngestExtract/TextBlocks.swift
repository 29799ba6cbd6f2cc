/// Per-element text measures: how much text each block holds, how much of it is link text,
/// and which elements are furniture (their subtree is dropped).
struct TextBlocks {
    /// Elements that start a new paragraph.
    static let blockTags: Set<String> = [
        "html", "body", "p", "div", "section", "article", "main", "header", "footer", "nav", "aside",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre",
        "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "figure", "figcaption",
        "address", "details", "summary", "center", "hgroup", "form", "fieldset", "hr", "br",
        "dialog", "menu", "frameset", "frame", "legend",
    ]

    let tree: PageTree
    /// Dropped: furniture itself or inside furniture.
    let removed: [Bool]
    /// Nearest block ancestor-or-self of each element.
    let blockOf: [Int]
    /// Non-space characters of text whose nearest block is this element (not removed).
    let ownText: [Int]
    let ownLinkText: [Int]
    let ownCommas: [Int]
    /// Non-space characters of the whole (kept) subtree, and how many are inside links.
    let subtreeText: [Int]
    let subtreeLinkText: [Int]
    let body: Int
    /// Letters of kept prose blocks in each subtree.
    let keptProse: [Int]
    /// The part of `keptProse` in blocks that end with an ellipsis: teasers of other stories
    /// ("… the council said the vote will be...") cut short to link to them.
    let teaserProse: [Int]
    /// Whether an element's text ends with an ellipsis (a cut-short teaser when it is a block).
    let endsCut: [Bool]
    /// A block with at least this many letters (and few links) counts as prose.
    static let proseLetters = 50
    /// Prose a box named as a pop-up must hold with all the page's headlines to be the story
    /// shown in a pop-up's frame: a newsletter or log-in pop-up's pitch is shorter.
    static let framedStoryProse = 500
    /// A form control's surrounding box with less text than this is a widget.
    static let controlBoxLetters = 500
    /// An overlay box with controls and less text than this is not the story.
    static let overlayLetters = 1500

    /// - Parameter lenient: keep a box whose class names both the story and furniture
    ///   ("sr-body-share-wrapper") when it is mostly prose, even if it holds little of the
    ///   page's (the first of a stream's stories): asked only when the strict reading leaves a page
    ///   without a story (`Extractor`). A box named as furniture alone ("related-articles",
    ///   a "panel" `<aside>`) stays out: on a page with no story it is all the text there is.
    init(tree: PageTree, lenient: Bool = false) {
        self.tree = tree
        let elements = tree.elements
        let count = elements.count
        var blockOf = [Int](repeating: 0, count: count)
        var inLink = [Bool](repeating: false, count: count)
        // A hidden schema.org item is the story again for search engines (`Boilerplate.verdict`
        // drops it): its prose is not the page's, or it would halve every share of it.
        var machineCopy = [Bool](repeating: false, count: count)
        var body = 0
        for index in 0..<count {
            let parent = elements[index].parent
            blockOf[index] = elements[index].isBlock || parent < 0 ? index : blockOf[parent]
            inLink[index] = elements[index].isLink || (parent >= 0 && inLink[parent])
            machineCopy[index] = (parent >= 0 && machineCopy[parent])
                || (elements[index].attribute("itemtype") != nil && Boilerplate.isHidden(elements[index]))
            if body == 0, elements[index].tag == "body" { body = index }
        }
        // Raw text per element, before any removal, to protect the story's own wrapper.
        var rawOwn = [Int](repeating: 0, count: count)
        var rawLink = [Int](repeating: 0, count: count)
        var commas = [Int](repeating: 0, count: count)
        for index in 0..<count {
            for child in elements[index].children {
                guard case .text(let text) = child else { continue }
                let (letters, commaCount) = TextNormalizer.letters(text)
                rawOwn[index] += letters
                commas[index] += commaCount
                if inLink[index] { rawLink[index] += letters }
            }
        }
        var rawSubtree = rawOwn
        for index in stride(from: count - 1, through: 1, by: -1) where elements[index].parent >= 0 {
            rawSubtree[elements[index].parent] += rawSubtree[index]
        }
        // Prose: text of paragraph-sized, link-poor blocks, before any removal.
        var blockRaw = [Int](repeating: 0, count: count)
        var blockRawLink = [Int](repeating: 0, count: count)
        for index in 0..<count {
            blockRaw[blockOf[index]] += rawOwn[index]
            blockRawLink[blockOf[index]] += rawLink[index]
        }
        func isProseBlock(_ block: Int) -> Bool {
            blockRaw[block] >= TextBlocks.proseLetters && blockRawLink[block] * 3 < blockRaw[block]
        }
        var prose = [Int](repeating: 0, count: count)
        for index in 0..<count where isProseBlock(index) && !machineCopy[index] {
            prose[index] = blockRaw[index]
        }
        for index in stride(from: count - 1, through: 1, by: -1) where elements[index].parent >= 0 {
            prose[elements[index].parent] += prose[index]
        }
        let totalProse = count > 0 ? prose[body] : 0
        let headlines = elements.indices.filter { elements[$0].tag == "h1" }
        let builderWords = TextBlocks.builderWords(elements, prose: prose, totalProse: totalProse)
        // The runs of "paywall" siblings, found once per parent when a child is so named.
        var meteredRuns: [Int: (prose: Int, raw: Int)] = [:], runParents: Set<Int> = []
        func isMeteredRest(_ index: Int) -> Bool {
            let parent = elements[index].parent
            if parent >= 0, runParents.insert(parent).inserted {
                meteredRuns.merge(TextBlocks.paywallRuns(of: parent, elements, prose: prose, rawSubtree: rawSubtree)) { $1 }
            }
            let run = meteredRuns[index] ?? (prose[index], rawSubtree[index])
            return TextBlocks.isMeteredRest(prose: run.prose, rawSubtree: run.raw)
        }
        var removed = [Bool](repeating: false, count: count)
        // Only the first box read leniently: the page's story, on top of a stream's next ones.
        var readLeniently = false
        // Inside a code listing, class words are a highlighter's token kinds ("hljs-comment",
        // "token comment"), not furniture: the listing is judged as a whole by its own tag.
        var inCode = [Bool](repeating: false, count: count)
        for index in 0..<count {
            let parent = elements[index].parent
            if parent >= 0, removed[parent] { removed[index] = true; continue }
            if parent >= 0, inCode[parent] || Byline.codeTags.contains(elements[parent].tag) { inCode[index] = true; continue }
            // A blog entry's wrapper (hAtom's "hentry", which WordPress's `post_class` writes)
            // that holds the headline is the story's, as an `<article>` is: its classes name
            // the post's terms too ("category-social"), what the story is about.
            if elements[index].words.contains("hentry"), headlines.contains(where: (index..<elements[index].end).contains) { continue }
            let words = builderWords.isEmpty ? elements[index].words : elements[index].words.filter { !builderWords.contains($0) }
            switch Boilerplate.verdict(elements[index], words: words, framesQuotation: { TextBlocks.framesQuotation(index, elements) }) {
            case .keep: continue
            case .drop: removed[index] = true
            // A wrapper holding much of the page's prose is the story's, whatever its class says.
            case .dropUnlessProse: removed[index] = (TextBlocks.sameClassProse(index, elements, prose: prose) * 2 < totalProse || totalProse == 0)
                && !TextBlocks.isSidenote(index, elements, words: words, prose: prose, rawSubtree: rawSubtree)
                && !(words.contains("paywall") && isMeteredRest(index))
                // A span that is a whole paragraph's text is the paragraph, whose own tag names
                // no furniture (a story pasted from a social site keeps its markup:
                // `<p><span class="…ContentTags">`).
                let parent = elements[index].parent
                if removed[index], !elements[index].isBlock, parent >= 0, elements[parent].tag == "p",
                   rawSubtree[index] == blockRaw[parent], isProseBlock(parent) {
                    removed[index] = false
                }
                if lenient, removed[index], !readLeniently, Boilerplate.wordKinds(words).contains(.content),
                   TextBlocks.isMostlyProse(prose: prose[index], rawSubtree: rawSubtree[index]) {
                    (removed[index], readLeniently) = (false, true)
                }
            case .dropUnlessCaptionsAreTheStory:
                removed[index] = prose[index] * 10 < totalProse * 9 || totalProse == 0
            case .dropUnlessNearlyAllProse:
                let span = index..<elements[index].end
                let holdsHeadline = headlines.contains(where: span.contains)
                // Every headline of the page with a story's prose under them: the page shows its
                // story in a pop-up's frame (a stream's article opened over it, "render-target-modal").
                let showsStory = holdsHeadline && prose[index] >= TextBlocks.framedStoryProse && headlines.allSatisfy(span.contains)
                removed[index] = (prose[index] * 10 < totalProse * 9 || totalProse == 0 || !holdsHeadline) && !showsStory
                    && !TextBlocks.isSoleChildOfStory(index, elements)
            case .dropUnlessSoleChildOfStory:
                removed[index] = !TextBlocks.isSoleChildOfStory(index, elements)
            case .dropUnlessProseLike:
                removed[index] = !TextBlocks.isMostlyProse(prose: prose[index], rawSubtree: rawSubtree[index]) && (prose[index] * 10 < totalProse * 3 || totalProse == 0)
                // Words of a sentence that a weak word styles ("<span class='card-link'>", an
                // entity or topic link) are the sentence's, not a box beside it.
                if removed[index], TextBlocks.inRunningText(index, elements), isProseBlock(blockOf[index]),
                   !Boilerplate.isHidden(elements[index]) {
                    removed[index] = false
                }
                // A box named as a card or teaser that opens with a heading linking to another
                // page, over a few lines of excerpt, teases that page ("Mehr zum Thema" inside a
                // story), however much its excerpt reads like prose.
                if !removed[index], prose[index] < TextBlocks.cardProse, words.contains(where: TextBlocks.cardWords.contains),
                   TextBlocks.opensWithLinkedHeading(index, elements) {
                    removed[index] = true
                }
            }
        }
        // A short line laid right after a picture, the two alone in their box, is the
        // picture's credit or caption ("Getty Images / …", "Source: …", DW's captions in a
        // `<p>`), as a `<figcaption>` is.
        // An icon before each item of a list is no picture: the item's words stay.
        for index in 0..<count where !removed[index] && TextBlocks.isPictureCredit(index, elements, rawSubtree: rawSubtree)
            && !TextNormalizer.endsSentence(tree.text(of: index)) && !TextBlocks.isInListItem(index, elements) {
            for inner in index..<elements[index].end { removed[inner] = true }
        }
        // A card laid inside a paragraph's sentence (a person's portrait and links to stories
        // about them, shown on hover): the innermost inline box holding a picture and two or
        // more links. Boxes around it hold the sentence's own linked name too.
        for index in 0..<count where !removed[index] && TextBlocks.isInlineCard(index, elements, blockOf: blockOf)
            && !((index + 1)..<elements[index].end).contains(where: { TextBlocks.isInlineCard($0, elements, blockOf: blockOf) }) {
            for inner in index..<elements[index].end { removed[inner] = true }
        }
        // A small box around a form control is a sign-up, search or share widget. A `<form>`
        // is furniture already, but the box around it, with its pitch ("Get the morning
        // briefing in your inbox…"), is not: the search starts from the form all the same.
        for control in tree.controlParents where !removed[control] || elements[control].tag == "form" {
            var box = control
            // Climb while the box stays small; it may take in a pitch of prose beside the
            // control, not a part of the story (a quarter of the page's prose or more).
            while elements[box].parent > body, rawSubtree[elements[box].parent] < TextBlocks.controlBoxLetters,
                  prose[elements[box].parent] == prose[box] || prose[elements[box].parent] * 4 < totalProse {
                box = elements[box].parent
            }
            if rawSubtree[box] < TextBlocks.controlBoxLetters, !Boilerplate.protectedTags.contains(elements[box].tag),
               !TextBlocks.isListItem(box, elements, prose: prose) {
                for inner in box..<elements[box].end { removed[inner] = true }
            }
        }
        // A box laid over the page (cookie consent, newsletter or app prompt): a child or
        // grandchild of the body, short, with two or more controls, and no story wrapper or
        // headline inside. Such a box is often the only prose a script-built page has.
        var overlayControls: [Int: Int] = [:]
        for control in tree.controlParents where !removed[control] {
            var chain: [Int] = []
            var node = control
            while node > body, node >= 0 { chain.append(node); node = elements[node].parent }
            guard node == body, let top = chain.last(where: { rawSubtree[$0] < TextBlocks.overlayLetters }),
                  chain.count - (chain.lastIndex(of: top) ?? 0) <= 2 else { continue }
            overlayControls[top, default: 0] += 1
        }
        for (box, controls) in overlayControls where controls >= 2 && !removed[box] {
            let range = box..<elements[box].end
            guard !range.contains(where: { ["main", "article", "h1"].contains(elements[$0].tag) }) else { continue }
            for inner in range { removed[inner] = true }
        }
        var ownText = [Int](repeating: 0, count: count)
        var ownLinkText = [Int](repeating: 0, count: count)
        var ownCommas = [Int](repeating: 0, count: count)
        var subtreeText = [Int](repeating: 0, count: count)
        var subtreeLinkText = [Int](repeating: 0, count: count)
        for index in 0..<count where !removed[index] {
            let block = blockOf[index]
            ownText[block] += rawOwn[index]
            ownLinkText[block] += rawLink[index]
            ownCommas[block] += commas[index]
            subtreeText[index] = rawOwn[index]
            subtreeLinkText[index] = rawLink[index]
        }
        for index in stride(from: count - 1, through: 1, by: -1) where !removed[index] {
            let parent = elements[index].parent
            guard parent >= 0 else { continue }
            subtreeText[parent] += subtreeText[index]
            subtreeLinkText[parent] += subtreeLinkText[index]
        }
        // Prose again, now without the furniture.
        var keptProse = [Int](repeating: 0, count: count)
        for index in 0..<count where !removed[index] && ownText[index] >= TextBlocks.proseLetters
            && ownLinkText[index] * 3 < ownText[index] {
            keptProse[index] = ownText[index]
        }
        // Whether an element's text ends with an ellipsis, from its last child that is text
        // or inline (children come after their parent, so a reverse loop sees them first).
        var endsCut = [Bool](repeating: false, count: count)
        for index in stride(from: count - 1, through: 0, by: -1) {
            for child in elements[index].children.reversed() {
                switch child {
                case .text(let text):
                    guard let last = text.utf8.lastIndex(where: { $0 > 0x20 }) else { continue }
                    endsCut[index] = TextBlocks.endsWithEllipsis(text.utf8[...last])
                case .element(let inner):
                    if removed[inner] || (subtreeText[inner] == 0 && !elements[inner].isBlock) { continue }
                    endsCut[index] = !elements[inner].isBlock && endsCut[inner]
                }
                break
            }
        }
        var teaserProse = [Int](repeating: 0, count: count)
        for index in 0..<count where keptProse[index] > 0 && endsCut[index] { teaserProse[index] = keptProse[index] }
        for index in stride(from: count - 1, through: 1, by: -1) where elements[index].parent >= 0 {
            keptProse[elements[index].parent] += keptProse[index]
            teaserProse[elements[index].parent] += teaserProse[index]
        }
        self.keptProse = keptProse
        self.teaserProse = teaserProse
        self.endsCut = endsCut
        self.removed = removed
        self.blockOf = blockOf
        self.ownText = ownText
        self.ownLinkText = ownLinkText
        self.ownCommas = ownCommas
        self.subtreeText = subtreeText
        self.subtreeLinkText = subtreeLinkText
        self.body = body
    }

    /// Weak furniture words ("widget", "card") that a page builder puts on every block of the
    /// story: they sit on at least `builderBlocks` separate elements holding prose which
    /// together hold at least half the page's prose. On such a page they say nothing, and the
    /// story's headings and short lines (an Elementor or HubSpot heading widget) are kept
    /// instead of dropped for not reading like prose. A real sidebar's widgets hold links,
    /// not half the page's prose.
    static func builderWords(_ elements: [PageTree.Element], prose: [Int], totalProse: Int) -> Set<String> {
        guard totalProse > 0 else { return [] }
        var coverage: [String: (blocks: Int, prose: Int)] = [:]
        for index in elements.indices where prose[index] > 0 {
            let parent = elements[index].parent
            for word in elements[index].words where Boilerplate.wordTable[word]?.contains(.weak) == true {
                // The outermost element carrying the word counts, not its nested parts.
                if parent >= 0, elements[parent].words.contains(word) { continue }
                coverage[word, default: (0, 0)].blocks += 1
                coverage[word, default: (0, 0)].prose += prose[index]
            }
        }
        return Set(coverage.filter { $0.value.blocks >= builderBlocks && $0.value.prose * 2 >= totalProse }.keys)
    }

    /// Whether a box holding prose is one of `listItems` or more siblings of its tag and class
    /// that hold prose: an item of a list in the story (an FAQ's answer under its toggle,
    /// a roundup's entry with its "Continue reading" button). A sign-up, search or share box
    /// around a control is not repeated, nor does it hold prose in every copy.
    static func isListItem(_ box: Int, _ elements: [PageTree.Element], prose: [Int]) -> Bool {
        let parent = elements[box].parent
        guard prose[box] > 0, parent >= 0 else { return false }
        // Digits aside: builders number their items ("list-item-3").
        func kind(_ index: Int) -> String? { elements[index].attribute("class")?.filter { !$0.isNumber } }
        let tag = elements[box].tag, name = kind(box)
        var alike = 0
        for case .element(let sibling) in elements[parent].children
        where prose[sibling] > 0 && elements[sibling].tag == tag && kind(sibling) == name {
            alike += 1
            if alike >= listItems { return true }
        }
        return false
    }

    /// Whether an element is the only child of a box named as the story ("entry-content") and
    /// nothing else: then a furniture name on it is a feature's ("comment on selection",
    /// "lightbox-content" for a story whose pictures open in a lightbox), as a comment section
    /// or a pop-up beside the story never is.
    static func isSoleChildOfStory(_ index: Int, _ elements: [PageTree.Element]) -> Bool {
        let parent = elements[index].parent
        return parent >= 0 && index == parent + 1 && elements[index].end == elements[parent].end
            && Boilerplate.wordKinds(elements[parent].words) == .content
    }

    /// Whether an element holds one `<blockquote>` and nothing else: the frame of an embedded
    /// post ("social-media-embed").
    static func framesQuotation(_ index: Int, _ elements: [PageTree.Element]) -> Bool {
        var quotations = 0
        for child in elements[index].children {
            switch child {
            case .text(let text): if text.utf8.contains(where: { $0 > 0x20 }) { return false }
            case .element(let inner):
                switch elements[inner].tag {
                case "blockquote": quotations += 1
                case "script": continue  // the embed's loader
                default: return false
                }
            }
        }
        return quotations == 1
    }

    /// Whether a box named "paywall" holds the rest of the story: a metered site sends the
    /// whole text, public in the page, and a script hides the part in that box. A wall itself
    /// is a pitch of a sentence or two and a button, far under `meteredRestLetters` of prose.
    /// `prose` and `rawSubtree` are those of the element's run of "paywall" siblings.
    static func isMeteredRest(prose: Int, rawSubtree: Int) -> Bool {
        prose >= meteredRestLetters && prose * 2 >= rawSubtree
    }

    /// The children of `parent` named "paywall", each with the prose and text of its run of
    /// adjacent `<p>` siblings so named: a site may mark each paragraph of the metered rest
    /// (`<p class="body-paragraph paywall">`, the selector its schema.org `hasPart` names)
    /// rather than one box around them. Any other element is a run of its own.
    static func paywallRuns(of parent: Int, _ elements: [PageTree.Element], prose: [Int], rawSubtree: [Int]) -> [Int: (prose: Int, raw: Int)] {
        var runs: [Int: (prose: Int, raw: Int)] = [:]
        var run: [Int] = []
        func close() {
            let total = run.reduce((prose: 0, raw: 0)) { ($0.prose + prose[$1], $0.raw + rawSubtree[$1]) }
            for member in run { runs[member] = total }
            run.removeAll()
        }
        for child in elements[parent].children {
            switch child {
            case .text(let text): if text.utf8.contains(where: { $0 > 0x20 }) { close() }
            case .element(let inner) where elements[inner].words.contains("paywall"):
                // Paragraph by paragraph, or one box: sibling boxes so named are a public
                // part and a wall ("non-paywall", "paywall"), not one rest.
                if elements[inner].tag == "p" { run.append(inner) } else { close(); run = [inner]; close() }
            case .element: close()
            }
        }
        close()
        return runs
    }

    static let meteredRestLetters = 500

    /// The prose of an element and of its siblings of the same class: a story laid out in
    /// sections of one class ("kb-tip-print-step", one box per step of a how-to) is the story
    /// together, though no section holds half the page's prose. Not when the element's id
    /// names it as furniture (`id="footer"` on a layout's "column"): the class then names a
    /// place in the grid, shared with the story's own column.
    /// A box without prose of its own adds none to the story: its siblings are not looked at
    /// (share buttons and ad slots are most of the boxes asked about, often hundreds a parent).
    static func sameClassProse(_ index: Int, _ elements: [PageTree.Element], prose: [Int]) -> Int {
        let parent = elements[index].parent
        guard prose[index] > 0, parent >= 0, let name = elements[index].attribute("class"), !name.isEmpty else { return prose[index] }
        if let id = elements[index].attribute("id"),
           !Boilerplate.wordKinds(TextNormalizer.words(id)).isDisjoint(with: [.certain, .strong, .weak]) {
            return prose[index]
        }
        var total = 0
        for case .element(let sibling) in elements[parent].children where elements[sibling].attribute("class") == name {
            total += prose[sibling]
        }
        return total
    }

    /// Whether a box reads like prose: two paragraphs' worth, and half its text or more.
    static func isMostlyProse(prose: Int, rawSubtree: Int) -> Bool {
        prose >= 2 * proseLetters && prose * 2 >= rawSubtree
    }

    /// Whether an `<aside>` is a note inside the story (HTML's aside within an article: a
    /// callout or sidenote the story's paragraphs run around): mostly prose, no furniture
    /// word, and prose blocks before and after it in its parent. A sidebar beside the story
    /// or a box after its end has no prose on one side.
    static func isSidenote(_ index: Int, _ elements: [PageTree.Element], words: [String], prose: [Int], rawSubtree: [Int]) -> Bool {
        guard elements[index].tag == "aside", isMostlyProse(prose: prose[index], rawSubtree: rawSubtree[index]),
              Boilerplate.wordKinds(words).isDisjoint(with: [.strong, .certain, .weak]) else { return false }
        let parent = elements[index].parent
        guard parent >= 0 else { return false }
        var before = false, after = false, seen = false
        for case .element(let sibling) in elements[parent].children {
            if sibling == index { seen = true; continue }
            if prose[sibling] > 0 { if seen { after = true } else { before = true } }
        }
        return before && after
    }

    /// Whether an inline element sits inside a sentence: text other than spaces right
    /// before it and right after it, in its parent.
    static func inRunningText(_ index: Int, _ elements: [PageTree.Element]) -> Bool {
        let parent = elements[index].parent
        guard !elements[index].isBlock, parent >= 0 else { return false }
        let children = elements[parent].children
        guard let position = children.firstIndex(where: { if case .element(index) = $0 { true } else { false } }),
              position > 0, position + 1 < children.count else { return false }
        func isText(_ child: PageTree.Child) -> Bool {
            if case .text(let text) = child { return text.utf8.contains { $0 > 0x20 } }
            return false
        }
        return isText(children[position - 1]) && isText(children[position + 1])
    }

    /// Whether an element is an inline line or a `<p>` of under `creditLetters` letters that
    /// follows a picture (`<img>`, `<picture>`, or a box holding one and no text), with nothing
    /// else in their parent.
    static func isPictureCredit(_ index: Int, _ elements: [PageTree.Element], rawSubtree: [Int]) -> Bool {
        // Cheapest tests first: this is asked of every element.
        guard rawSubtree[index] > 0, rawSubtree[index] < creditLetters, !elements[index].isBlock || elements[index].tag == "p" else { return false }
        let parent = elements[index].parent
        guard parent >= 0, elements[parent].children.count <= 5 else { return false }
        var kept: [Int] = []
        for child in elements[parent].children {
            switch child {
            case .text(let text): if text.utf8.contains(where: { $0 > 0x20 }) { return false }
            case .element(let element): kept.append(element)
            }
        }
        guard kept.count == 2, kept[1] == index, rawSubtree[kept[0]] == 0, creditTags.contains(elements[index].tag) else { return false }
        let picture = kept[0]
        return (picture..<elements[picture].end).contains { pictureTags.contains(elements[$0].tag) }
    }

    /// Whether an inline element inside a `<p>` holds a picture and two or more links: a card
    /// (a hover card's portrait and headlines), not words of the paragraph's sentence.
    static func isInlineCard(_ index: Int, _ elements: [PageTree.Element], blockOf: [Int]) -> Bool {
        guard elements[index].tag == "span", !elements[index].isBlock, elements[blockOf[index]].tag == "p" else { return false }
        let inner = (index + 1)..<elements[index].end
        return inner.contains { pictureTags.contains(elements[$0].tag) } && inner.lazy.filter { elements[$0].isLink }.prefix(2).count == 2
    }

    /// Whether an element sits in a list item or table cell, up to `listDepth` levels up.
    static func isInListItem(_ index: Int, _ elements: [PageTree.Element]) -> Bool {
        var ancestor = elements[index].parent, level = 0
        while ancestor >= 0, level < listDepth {
            if MainText.listTags.contains(elements[ancestor].tag) { return true }
            ancestor = elements[ancestor].parent
            level += 1
        }
        return false
    }

    /// Whether the element opens with a heading (within its first `cardOpening` elements: a
    /// picture and a kicker may come first) that is a link to another page, or holds one.
    static func opensWithLinkedHeading(_ index: Int, _ elements: [PageTree.Element]) -> Bool {
        guard let heading = (index..<min(elements[index].end, index + cardOpening)).first(where: { MainText.headingTags.contains(elements[$0].tag) })
        else { return false }
        if (heading..<elements[heading].end).contains(where: { elements[$0].isLink }) { return true }
        var ancestor = elements[heading].parent
        while ancestor >= index {
            if elements[ancestor].isLink { return true }
            ancestor = elements[ancestor].parent
        }
        return false
    }

    /// Class words of a card that teases another page, and the most prose such a card holds
    /// (a story card's excerpt, as `ContentSelection` counts one).
    static let cardWords: Set<String> = ["teaser", "teasers", "card", "cards"]
    static let cardProse = 500, cardOpening = 40

    static let listDepth = 4
    static let creditTags: Set<String> = ["span", "small", "em", "i", "cite", "b", "strong", "font", "p"]
    static let pictureTags: Set<String> = ["img", "picture"]
    /// A credit or caption line is shorter than this (letters).
    static let creditLetters = 100

    /// How many like siblings with prose make a list of items rather than one widget.
    static let listItems = 3

    /// How many separate prose-holding elements a weak word must mark to be a page builder's.
    static let builderBlocks = 3

    /// "...", "…" or "[…]" at the end.
    static func endsWithEllipsis(_ text: Substring.UTF8View) -> Bool {
        var bytes = text[...]
        if bytes.last == 0x5D { bytes = bytes.dropLast() } // "]"
        return bytes.reversed().starts(with: [0x2E, 0x2E, 0x2E]) || bytes.reversed().starts(with: [0xA6, 0x80, 0xE2])
    }

    /// Share of an element's kept text that sits inside links.
    func linkDensity(_ index: Int) -> Double {
        let text = subtreeText[index]
        return text == 0 ? 0 : Double(subtreeLinkText[index]) / Double(text)
    }
}
