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
        var depth: Int
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
    /// Elements whose content never reaches the text (scripts, styles, forms controls…).
    static let skippedTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "canvas", "object", "embed",
        "video", "audio", "iframe", "select", "option", "textarea", "button", "input", "map",
    ]
    static let controlTags: Set<String> = ["input", "button", "select", "textarea"]
    static let keptAttributes: Set<String> = [
        "class", "id", "itemprop", "itemtype", "role", "hidden", "aria-hidden", "style", "href",
        "rel", "property", "name", "content", "datetime", "lang", "type", "http-equiv", "src",
    ]

    init(document: Document) {
        guard let root = document.root else { return }
        // Explicit stack of (next node to visit, parent index): iterative pre-order walk.
        var stack: [(node: Node, parent: Int)] = [(root, -1)]
        while let (node, parent) = stack.popLast() {
            if let sibling = node.nextSibling { stack.append((sibling, parent)) }
            switch node.kind {
            case .text:
                guard parent >= 0 else { continue }
                let text = node.text
                if !text.isEmpty { elements[parent].children.append(.text(text)) }
            case .element:
                // libxml2's HTML parser gives tag and attribute names in lower case already.
                let tag = node.name
                if tag == "script" {
                    if node.attribute("type")?.lowercased().contains("ld+json") == true {
                        jsonLD.append(node.text)
                    }
                    continue
                }
                if tag == "title", titleText == nil {
                    titleText = node.text
                    continue
                }
                if PageTree.skippedTags.contains(tag) {
                    if PageTree.controlTags.contains(tag), parent >= 0,
                       !["checkbox", "radio", "hidden"].contains(node.attribute("type")?.lowercased() ?? "") {
                        controlParents.append(parent)
                    }
                    continue
                }
                let index = elements.count
                var element = Element(tag: tag, parent: parent,
                                      depth: parent >= 0 ? elements[parent].depth + 1 : 0)
                for name in node.attributeNames {
                    if PageTree.keptAttributes.contains(name), let value = node.attribute(name) {
                        element.attributes.append((name, value))
                    }
                }
                element.isBlock = TextBlocks.blockTags.contains(tag)
                element.isLink = tag == "a" && element.attribute("href").map { !$0.hasPrefix("#") } ?? false
                let classID = [element.attribute("class"), element.attribute("id")].compactMap { $0 }
                if !classID.isEmpty { element.words = TextNormalizer.words(classID.joined(separator: " ")) }
                elements.append(element)
                if parent >= 0 { elements[parent].children.append(.element(index)) }
                if let child = node.firstChild { stack.append((child, index)) }
            case .comment, .other:
                continue
            }
        }
        // Subtree ends: a post-order pass over the pre-order array.
        for index in elements.indices { elements[index].end = index + 1 }
        for index in elements.indices.reversed() {
            let parent = elements[index].parent
            if parent >= 0 { elements[parent].end = max(elements[parent].end, elements[index].end) }
        }
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
        while let (element, startChild) = stack.popLast() {
            let children = elements[element].children
            var child = startChild
            while child < children.count {
                switch children[child] {
                case .text(let text):
                    parts.append(text)
                    child += 1
                case .element(let next):
                    if elements[next].isBlock { parts.append(" ") }
                    stack.append((element, child + 1))
                    stack.append((next, 0))
                    child = children.count + 1
                }
            }
        }
        return TextNormalizer.collapse(parts.joined())
    }
}
