import IngestMarkup

/// A compact copy of the parsed page: elements in document (pre-)order with parent links,
/// so every later pass is a plain loop over an array instead of a walk over libxml2 nodes.
///
/// Because elements are stored in pre-order, a loop over indices from the end visits every
/// child before its parent (a post-order pass for free), and no pass ever recurses: a page
/// with 100,000 nested elements costs time, never stack.
struct PageTree {
    /// One piece of an element's content, in document order.
    enum Child {
        case element(Int)
        case text(String)
    }

    struct Element {
        /// Lower-case tag name.
        var tag: String
        /// Index of the parent element, -1 for the root.
        var parent: Int
        var children: [Child] = []
        /// The attributes the extractor looks at (class, id, itemprop, href…).
        var attributes: [(name: String, value: String)] = []
        /// Whether the element is a link to another page (an `<a>` whose `href` is not an
        /// in-page anchor such as a heading's permalink "#section").
        var isLink = false
        /// Whether the element starts a new paragraph (`TextBlocks.blockTags`).
        var isBlock = false
        /// Lower-case words of the class and id attributes.
        var words: [String] = []
        /// Index one past the last element of this element's subtree.
        var end: Int = 0
        /// Where the element stands in its parent's `children`: its neighbours are found
        /// without a walk over siblings (a hostile page puts 100,000 under one parent).
        var position: Int = 0

        func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }
    }

    private(set) var elements: [Element] = []
    /// `<script type="application/ld+json">` bodies, in document order.
    private(set) var jsonLD: [String] = []
    /// Elements that directly hold a form control (input, button, select, textarea):
    /// sign-up and search boxes are found through them.
    private(set) var controlParents: [Int] = []
    /// Text of the first `<title>`.
    private(set) var titleText: String?
    /// Whether the page has a `<noscript>` (read only with `parse(readsNoscript:)`).
    private(set) var hasNoscript = false
    /// The bytes the tree was parsed from, for what parsing leaves out: the stamps in a
    /// script's data layer (`Metadata.localStamp`).
    let source: [UInt8]
    /// Elements whose content never reaches the text (scripts, styles, forms controls…).
    /// `button` is kept instead (and dropped as furniture): a misparsed page can have its
    /// whole story inside one, which `misnestedCut` takes out.
    static let skippedTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "canvas", "object", "embed",
        "video", "audio", "iframe", "select", "option", "textarea", "input", "map",
    ]
    static let controlTags: Set<String> = ["input", "button", "select", "textarea"]

    /// Whether a tag is in `skippedTags` and whether in `TextBlocks.blockTags`.
    struct TagRole: OptionSet {
        let rawValue: UInt8
        static let skipped = TagRole(rawValue: 1)
        static let block = TagRole(rawValue: 2)
    }
    static let tagRoles: [String: TagRole] = {
        var roles: [String: TagRole] = [:]
        for tag in skippedTags { roles[tag, default: []].insert(.skipped) }
        for tag in TextBlocks.blockTags { roles[tag, default: []].insert(.block) }
        return roles
    }()
    static let keptAttributes: Set<String> = [
        "class", "id", "itemprop", "itemtype", "role", "hidden", "aria-hidden", "aria-expanded", "aria-modal", "style", "href",
        "rel", "property", "name", "content", "datetime", "lang", "type", "http-equiv", "src",
        // Microformat dates: <abbr class="published" title="2008-05-01T10:00:00Z">.
        "title",
        // An ordered list's first number.
        "start",
        // An author box's portrait names its author ("<img alt='Jane Doe'>").
        "alt",
    ]

    /// How the parse ended: a page that made no document or nested too deep is refused.
    let outcome: Document.StreamOutcome

    /// Parses a page straight into the tree (`Document.walkHTML`: libxml2 builds no tree of its
    /// own), script bodies cut before parsing; when a cut proves wrong, the page is parsed again whole.
    /// React's streamed parts are put where the page's scripts would put them (`ReactStream`).
    /// With `readsNoscript`, a `<noscript>` is read as a box of the page: the text a page
    /// gives readers without scripts (a blog's whole post, where scripts render it from a
    /// template).
    static func parse(html: [UInt8], encoding: String?, url: String?, readsNoscript: Bool = false) -> PageTree {
        let html = ReactStream.resolved(html) ?? html
        let trimmed = PageTree(html: html, encoding: encoding, url: url, trimsCode: true, readsNoscript: readsNoscript)
        return trimmed.outcome == .trimMisread
            ? PageTree(html: html, encoding: encoding, url: url, trimsCode: false, readsNoscript: readsNoscript) : trimmed
    }

    private init(html: [UInt8], encoding: String?, url: String?, trimsCode: Bool, readsNoscript: Bool) {
        source = html
        var elements: [Element] = []
        var jsonLD: [String] = []
        var titleText: String?
        var controlParents: [Int] = []
        var hasNoscript = false
        // Indices of the open elements; -1 for a skipped element or one whose text is captured.
        var open: [Int] = []
        // Indices of the open kept elements only: the last one is the parent of what comes next.
        var parents: [Int] = []
        var capturing: (isTitle: Bool, text: String)?
        // Class and id values split into words, once per distinct value and attribute.
        var classWordCache: [String: [String]] = [:], idWordCache: [String: [String]] = [:]
        outcome = Document.walkHTML(html, encoding: encoding, url: url, trimsCode: trimsCode,
                                    attributes: PageTree.keptAttributes) { event in
            switch event {
            case .open(let tag, let attributes):
                // libxml2 2.9 closes no element that an unclosed `<div>` inside it keeps open
                // (`<button><div></button>`), so a page's `<main>` can end up inside its menu
                // button or `<nav>`, where browsers never put it: close the furniture here.
                if let cut = PageTree.misnestedCut(tag, parents: parents, elements: elements) {
                    parents.removeSubrange(cut...)
                }
                let parent = parents.last ?? -1
                if tag == "script" || (tag == "title" && titleText == nil && capturing == nil) {
                    open.append(-1)
                    let type = attributes.first { $0.name == "type" }?.value.lowercased()
                    guard tag == "title" || type?.contains("ld+json") == true else { return .skipContent }
                    capturing = (tag == "title", "")
                    return .descend
                }
                // One hash of the tag for both sets it is looked up in.
                let role = PageTree.tagRoles[tag] ?? []
                if tag == "noscript" { hasNoscript = true }
                if role.contains(.skipped) && !(readsNoscript && tag == "noscript") || tag == "title" {
                    let type = attributes.first { $0.name == "type" }?.value.lowercased() ?? ""
                    if PageTree.controlTags.contains(tag), parent >= 0, !["checkbox", "radio", "hidden"].contains(type) {
                        controlParents.append(parent)
                    }
                    // A radio button in its answer's label is a poll's or a quiz's choice; one
                    // beside a label that points to it is a CSS tab switch, holding no text.
                    if type == "radio", parent >= 0, elements[parent].tag == "label" { controlParents.append(parent) }
                    open.append(-1)
                    return .skipContent
                }
                if tag == "button", parent >= 0 { controlParents.append(parent) }
                let index = elements.count
                var element = Element(tag: tag, parent: parent)
                element.attributes = attributes
                element.isBlock = role.contains(.block)
                element.isLink = tag == "a" && element.attribute("href").map { !$0.hasPrefix("#") } ?? false
                // Class lists repeat across a page (every list item, every card): split once.
                func words(_ value: String?, _ cache: inout [String: [String]], naming: (String) -> String) -> [String] {
                    guard let value else { return [] }
                    // One hash of the value, found or added (`inout` through the dictionary's slot).
                    func cached(_ entry: inout [String]?) -> [String] {
                        if let entry { return entry }
                        let split = Boilerplate.splittingCompounds(TextNormalizer.words(naming(value)))
                        entry = split
                        return split
                    }
                    return cached(&cache[value])
                }
                let classWords = words(element.attribute("class"), &classWordCache, naming: PageTree.namingClasses)
                let idWords = words(element.attribute("id"), &idWordCache) { $0 }
                // An id of four or more words is an anchor made from a heading ("menu-ideas-for-
                // small-kitchens"), which says nothing about what the element is, unless a box
                // that is no heading carries it and it names a consent bar, a pop-up or comments
                // ("cookie-law-info-bar").
                if idWords.count >= 4 {
                    element.words = MainText.headingTags.contains(tag) ? classWords : classWords + idWords.filter(Boilerplate.certainWords.contains)
                } else {
                    element.words = classWords + idWords
                }
                if parent >= 0 { element.position = elements[parent].children.count }
                elements.append(element)
                if parent >= 0 { elements[parent].children.append(.element(index)) }
                open.append(index)
                parents.append(index)
            case .text(let text):
                if capturing != nil {
                    capturing?.text += text
                } else if open.last.map({ $0 >= 0 }) == true, let parent = parents.last, !text.isEmpty {
                    elements[parent].children.append(.text(text))
                }
            case .close:
                let closed = open.popLast()
                // An element closed early by `misnestedCut` is no longer among the parents.
                if let closed, closed >= 0, parents.last == closed { parents.removeLast() }
                if closed == -1, let captured = capturing {
                    if captured.isTitle { titleText = captured.text } else { jsonLD.append(captured.text) }
                    capturing = nil
                }
            }
            return .descend
        }
        // Subtree ends: a post-order pass over the pre-order array.
        for index in elements.indices { elements[index].end = index + 1 }
        for index in elements.indices.reversed() {
            let parent = elements[index].parent
            if parent >= 0 { elements[parent].end = max(elements[parent].end, elements[index].end) }
        }
        self.elements = elements
        self.jsonLD = jsonLD
        self.titleText = titleText
        self.controlParents = controlParents
        self.hasNoscript = hasNoscript
    }

    /// Where the open elements must be cut so that a story wrapper opening now is not put
    /// inside furniture: the position of the outermost open element it may not sit in, or
    /// nil. By the HTML standard `<main>` never sits in a `<nav>`, header, footer, aside, link
    /// or button, and no `<article>` sits in a link or button; an `<article>` in a `<nav>` is
    /// allowed but unheard of outside such parse accidents.
    static func misnestedCut(_ tag: String, parents: [Int], elements: [Element]) -> Int? {
        let barred: Set<String>
        switch tag {
        case "main": barred = ["nav", "header", "footer", "aside", "a", "button"]
        case "article": barred = ["nav", "a", "button"]
        default: return nil
        }
        return parents.firstIndex { barred.contains(elements[$0].tag) }
    }

    /// Elements with a given tag, in document order.
    func indices(of tag: String) -> [Int] {
        elements.indices.filter { elements[$0].tag == tag }
    }

    /// Whether `index` lies in the subtree of `ancestor` (the ancestor itself included).
    func isInside(_ index: Int, _ ancestor: Int) -> Bool {
        index >= ancestor && index < elements[ancestor].end
    }

    /// The whitespace-collapsed text of an element's subtree, walked without recursion.
    func text(of index: Int) -> String {
        var parts: [String] = []
        var stack: [(element: Int, child: Int)] = [(index, 0)]
        // A block ends its line as it starts one: "<div>Jane Doe</div>May 1" is two words, but
        // "<div>Jane Doe</div>, John Roe" keeps its comma by the name.
        var blockEnded = false
        while let (element, startChild) = stack.popLast() {
            let children = elements[element].children
            if startChild > 0, case .element(let previous) = children[startChild - 1], elements[previous].isBlock {
                blockEnded = true
            }
            var child = startChild
            while child < children.count {
                switch children[child] {
                case .text(let text):
                    if blockEnded, let first = text.utf8.first(where: { $0 > 0x20 }) {
                        if !PageTree.closingPunctuation.contains(first) { parts.append(" ") }
                        blockEnded = false
                    }
                    parts.append(text)
                    child += 1
                case .element(let next):
                    if elements[next].isBlock {
                        parts.append(" ")
                        blockEnded = false
                    }
                    stack.append((element, child + 1))
                    stack.append((next, 0))
                    child = children.count + 1
                }
            }
        }
        return TextNormalizer.collapse(parts)
    }

    /// Bytes that attach to the word before them: no space goes between a block and them.
    static let closingPunctuation: Set<UInt8> = Set(",.;:!?)]".utf8)
}

extension PageTree {
    /// The class tokens that name what an element is: a token with a variant ("print:hidden",
    /// "md:flex", "hover:bg-tint", "[&+div_a]:pl-5", utility CSS such as Tailwind's) styles the
    /// element under a condition and names nothing, yet its words ("print", "hidden") are
    /// furniture words. Shown on screen, a "print:hidden" block is the story.
    static func namingClasses(_ value: String) -> String {
        guard value.utf8.contains(UInt8(ascii: ":")) else { return value }
        // On bytes: such pages put long class lists on every element.
        let tokens = value.utf8.split { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
        return tokens.filter { !$0.contains(UInt8(ascii: ":")) }.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
    }
}
