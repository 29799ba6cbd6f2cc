/// Signs in a page's layout that it is documentation, a shop's collection or a listing, strong enough to
/// hold whatever its markup says: documentation generators and site builders stamp og:type
/// "article" and a date on every page, and a shop's review cards carry names, so these pages
/// often vouch for being a story (`PageKind.classify`) without being one.
enum PageStructure {
    /// A page with code listings that points to the same page in three or more other versions
    /// or languages (a version switcher: ".../17/sql-select.html", ".../16/sql-select.html") is
    /// a reference manual's page: a story is published once. Tune-half articles link to their
    /// own name elsewhere up to 18 times, none of them with five code listings.
    static let switcherLinks = 3
    /// A page whose address names a release ("/en/6.0/ref/middleware/") and that links to the
    /// same address under this many other releases ("/en/5.1/…", "/en/dev/…") is a manual's
    /// page whatever else it shows: readers pick the version of a manual, while a story is
    /// published once and never versioned. No tune article links to its own address under
    /// another release at all (a story's year directory is four digits, not a release).
    static let versionLinks = 3
    /// A shop's grid: this many like siblings, each with a price, a picture and a link to a
    /// different page of the site. Tune-half stories with such rails reach 19 (stock quotes
    /// beside a market story), always below or beside the story, never above its first prose.
    /// Below the text, a grid is a shop's when its cards hold half as many letters as the main
    /// text or more (a category's intro over its products, which stay out of the text as
    /// cards): a story's rail of quotes or picks is a footnote to it. Such rails under stories
    /// of every set hold 3 to 7 % of their story's letters; shop grids under a category's
    /// intro on the tune half 88 % (and 25 % on a service page).
    static let gridItems = 8
    /// A card has fewer elements than this (a picture, a name, a price, a few labels).
    static let cardElements = 200
    /// A forum thread: the main text starts in the first of this many like siblings (a post
    /// each, `isOpeningPost`), most of them dated and linking within the site.
    static let threadPosts = 4

    /// What the page's layout says it is instead of a story, if anything.
    /// - Parameters:
    ///   - roots: the story's wrappers (`ContentSelection.roots()`), where its text starts.
    ///   - page: the page's address (canonical URL, else its own), to find its version switcher.
    ///   - site: the page's host (`PageKind.siteHost`).
    ///   - vouched: the page vouches for a story (`PageKind.classify`); one that does not is
    ///     read by `PageKind.unvouchedKind` too, which refuses listings on either sign alone.
    ///   - textLetters: the main text's letters, spaces aside.
    static func nonArticleKind(tree: PageTree, blocks: TextBlocks, roots: [Int], page: String?, site: String?, vouched: Bool,
                               typedArticle: Bool, textLetters: Int) -> String? {
        let listings = tree.elements.lazy.filter { $0.tag == "pre" }.count
        if listings >= PageKind.documentationListings {
            if isChapter(tree) {
                return "documentation page: code listings on a page that declares its previous or next chapter"
            }
            if let page, switcherLinks(tree, page: page, site: site) >= switcherLinks {
                return "documentation page: code listings and links to the same page in other versions or languages"
            }
        }
        if let page, versionSwitcherLinks(tree, page: page, site: site) >= versionLinks {
            return "documentation page: links to the same page in other releases of the manual"
        }
        if let grid = shopGrid(tree, site: site), grid.items >= gridItems, let prose = firstProse(blocks, in: roots) {
            if grid.start < prose {
                return "collection page: a grid of \(grid.items) priced items above the main text"
            }
            // A brief that its schema.org markup types as a story keeps its rail, however short.
            if !typedArticle, grid.letters * 2 >= textLetters {
                return "collection page: a grid of \(grid.items) priced items below a short main text"
            }
        }
        // A listing that vouches (og:type article on every page of the site, a name the
        // byline reader takes for an author) still shows both signs at once: nearly all its
        // text is cards linking to the site's own pages, and most cards are dated. Tune-half
        // stories that vouch reach a card share of .91 without dates, .84 with them. A page
        // its schema.org markup types as an article is not asked: a live blog is dated
        // entries linking to their own addresses, and nothing else.
        if vouched, !typedArticle {
            let cards = PageKind.cardRun(blocks, site: site, minimumShare: PageKind.cardListShare)
            if cards.share >= PageKind.cardListShare, cards.dated {
                return "listing page: nearly all the text is dated cards linking to the site's own pages"
            }
        }
        return nil
    }

    /// The first prose block (`TextBlocks.proseLetters` or more letters of its own, under a
    /// third of them links) of the story's roots: where the main text starts to read, after
    /// a shop's grid when the story's wrapper holds both.
    static func firstProse(_ blocks: TextBlocks, in roots: [Int]) -> Int? {
        for root in roots {
            for index in root..<blocks.tree.elements[root].end where !blocks.removed[index]
                && blocks.ownText[index] >= TextBlocks.proseLetters && blocks.ownLinkText[index] * 3 < blocks.ownText[index] {
                return index
            }
        }
        return nil
    }

    /// What a page whose main text is one post or entry among others is, if it is one: asked
    /// after every other rule (`PageKind.classify`), whose reasons say more where they apply.
    static func threadKind(tree: PageTree, blocks: TextBlocks, roots: [Int], site: String?, headline: Int?) -> String? {
        guard let prose = firstProse(blocks, in: roots), isOpeningPost(prose, tree: tree, site: site, headline: headline) else { return nil }
        return "forum thread or listing: the main text is the first of several like posts or entries, most of them dated"
    }

    /// Whether the element `prose`, where the main text starts, lies in the first of a run of
    /// `threadPosts` or more like siblings most of which show a date (`Byline.date`) and
    /// whose first link stays on the site `site` (a poster's profile, an entry's own page;
    /// `PageKind.linksWithinSite`): a thread's opening post followed by its replies, or the
    /// first of a listing's dated entries, the page's text one among others. A story's
    /// comments make such a run too, but below the story, which is no member of it; a story
    /// made of dated picks (festivals, conferences) links them out to their own sites. The
    /// closest run to the text decides; like siblings share their tag and `leadingClasses`.
    /// A first member that holds the page's `headline` is the story itself, the run the next
    /// stories an endless scroll loads below it: a thread's or a listing's title stands
    /// above its posts or entries.
    static func isOpeningPost(_ prose: Int, tree: PageTree, site: String?, headline: Int?) -> Bool {
        let elements = tree.elements
        var member = prose
        while elements[member].parent >= 0 {
            let parent = elements[member].parent
            if elements[member].tag != "p" {
                let run = likeChildren(of: parent, as: member, tree: tree)
                if run.count >= threadPosts {
                    var posts = 0, others = 0
                    for post in run where posts * 2 <= run.count && others * 2 < run.count {
                        let span = post..<elements[post].end
                        let link = span.first { elements[$0].isLink }.flatMap { elements[$0].attribute("href") }
                        if let link, PageKind.linksWithinSite(link, site: site), span.contains(where: { Byline.date(tree, $0) != nil }) {
                            posts += 1
                        } else {
                            others += 1
                        }
                    }
                    if posts * 2 > run.count {
                        return run[0] == member && !(headline.map { (member..<elements[member].end).contains($0) } ?? false)
                    }
                }
            }
            member = parent
        }
        return false
    }

    /// The children of `parent` like `member` (itself included): the same tag and
    /// `leadingClasses`, digits aside.
    static func likeChildren(of parent: Int, as member: Int, tree: PageTree) -> [Int] {
        let elements = tree.elements
        let classes = leadingClasses(elements[member])
        var run: [Int] = []
        for case .element(let sibling) in elements[parent].children where elements[sibling].tag == elements[member].tag {
            let other = leadingClasses(elements[sibling])
            if sameAsideDigits(classes.0, other.0), sameAsideDigits(classes.1, other.1) { run.append(sibling) }
        }
        return run
    }

    /// An element's first two class names ("" for each it lacks): what a thread's posts share
    /// with their tag, digits aside (`sameAsideDigits`). A forum adds its marks for the opening
    /// post after these; a page's layout blocks share a first class ("block", "col") but name
    /// their kind in the second.
    static func leadingClasses(_ element: PageTree.Element) -> (Substring, Substring) {
        guard let value = element.attribute("class") else { return ("", "") }
        // On bytes, split on ASCII whitespace as HTML splits class lists: asked for every like
        // sibling of every ancestor of the text's start.
        let bytes = value.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        func token(from index: String.Index) -> Substring {
            let start = bytes[index...].firstIndex { !isSpace($0) } ?? bytes.endIndex
            return value[start..<(bytes[start...].firstIndex(where: isSpace) ?? bytes.endIndex)]
        }
        let first = token(from: value.startIndex)
        return (first, token(from: first.endIndex))
    }

    /// Whether two class names are the same but for their digits ("post-1", "post-2").
    static func sameAsideDigits(_ one: Substring, _ other: Substring) -> Bool {
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        return one == other || one.utf8.lazy.filter { !isDigit($0) }.elementsEqual(other.utf8.lazy.filter { !isDigit($0) })
    }

    /// Whether the page declares its place in a sequence of pages (`<link rel="prev">` or
    /// `rel="next"` in its head), as manuals and books do. An `<a rel="next">` is not read: a
    /// blog's "next post" link carries it; nor a `<link>` to a dated address, if only to the
    /// month ("/2017/07/04/…", "/2015/03/…"): WordPress declares a post's neighbours in time
    /// that way, under whatever permalinks the blog chose.
    static func isChapter(_ tree: PageTree) -> Bool {
        tree.elements.contains { element in
            guard element.tag == "link", let rel = element.attribute("rel")?.lowercased(),
                  rel.split(separator: " ").contains(where: { $0 == "prev" || $0 == "previous" || $0 == "next" }) else { return false }
            return element.attribute("href").map(DateNormalizer.isDatedPath) == false
        }
    }

    /// How many distinct pages of the site the page links to that have its own file name in
    /// another directory ("/docs/16/sql-select.html" from "/docs/18/sql-select.html").
    static func switcherLinks(_ tree: PageTree, page: String, site: String?) -> Int {
        let own = path(of: Substring(page))
        guard let name = lastSegment(own), !name.hasPrefix("index.") else { return 0 }
        var paths: Set<Substring> = []
        for element in tree.elements where element.isLink {
            guard let href = element.attribute("href"), PageKind.linksWithinSite(href, site: site) else { continue }
            let target = path(of: Substring(href))
            // A bare name is this directory: the page itself or a sibling.
            guard target.contains("/"), target != own, lastSegment(target) == name else { continue }
            paths.insert(target)
        }
        return paths.count
    }

    /// How many distinct pages of the site the page links to whose path is its own with one
    /// directory (not the last segment) naming another release (`isRelease`):
    /// "/en/5.1/ref/middleware/" and "/en/dev/ref/middleware/" from "/en/6.0/ref/middleware/".
    /// A page in another language ("/fr/6.0/…") is not counted: translated stories exist.
    static func versionSwitcherLinks(_ tree: PageTree, page: String, site: String?) -> Int {
        let own = path(of: Substring(page)).split(separator: "/")
        guard let name = own.last, own.contains(where: isRelease) else { return 0 }
        let directory = name + "/"
        var paths: Set<[Substring]> = []
        for element in tree.elements where element.isLink {
            guard let href = element.attribute("href") else { continue }
            let link = path(of: Substring(href))
            // Most links end in another page's name: the page's own name is looked for first.
            guard link.hasSuffix(name) || link.hasSuffix(directory), PageKind.linksWithinSite(href, site: site) else { continue }
            let target = link.split(separator: "/")
            guard target.count == own.count else { continue }
            // One directory differs, not the page's own name: "/news/482" and "/news/483" are
            // two stories numbered in turn, not releases of one page.
            let differing = own.indices.filter { own[$0] != target[$0] }
            guard differing.count == 1, let index = differing.first, index < own.count - 1,
                  isRelease(own[index]), isRelease(target[index]) else { continue }
            paths.insert(target)
        }
        return paths.count
    }

    /// Whether a path segment names a release of a manual: "5.1", "v2", "3.x", "17", or one of
    /// "latest", "stable", "dev", "devel", "master", "nightly". A four-digit number is a
    /// year, as in a story's dated address, not a release.
    static func isRelease(_ segment: Substring) -> Bool {
        if ["latest", "stable", "dev", "devel", "master", "nightly"].contains(segment.lowercased()) { return true }
        var rest = segment.first == "v" || segment.first == "V" ? segment.dropFirst() : segment
        if rest.hasSuffix(".x") { rest = rest.dropLast(2) }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return false }
        return parts.count > 1 || parts[0].count <= 3
    }

    /// The path of a link, without scheme, host, query or fragment.
    static func path(of link: Substring) -> Substring {
        var rest = link.prefix { $0 != "?" && $0 != "#" }
        if let slashes = rest.range(of: "//"),
           !rest[..<slashes.lowerBound].contains(where: { $0 == "/" }) {
            rest = rest[slashes.upperBound...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? ""
        }
        return rest
    }

    /// The last non-empty segment of a path ("sql-select.html", "CSS" of "/docs/CSS/").
    static func lastSegment(_ path: Substring) -> Substring? {
        path.split(separator: "/").last.map { $0 }
    }

    /// The largest run of like siblings (`PageKind.runKey`, a `<p>` is no card) that each show a
    /// price, hold a picture and link to a page of the site, short blocks all (a card, not a
    /// review's section): how many distinct pages they link to, where the run starts, and the
    /// letters of its cards (spaces aside).
    static func shopGrid(_ tree: PageTree, site: String?) -> (items: Int, start: Int, letters: Int)? {
        let elements = tree.elements
        guard !elements.isEmpty else { return nil }
        // Whether each subtree holds a picture, and a currency sign in its text: one post-order
        // pass over the pre-order array, so that no other block's text is put together.
        var pictured = elements.map { $0.tag == "img" || $0.tag == "picture" }
        var priced = elements.map { element in
            element.children.contains { child in
                if case .text(let text) = child { return hasCurrencySign(text) }
                return false
            }
        }
        for index in elements.indices.reversed() where elements[index].parent >= 0 {
            pictured[elements[index].parent] = pictured[elements[index].parent] || pictured[index]
            priced[elements[index].parent] = priced[elements[index].parent] || priced[index]
        }
        var best: (items: Int, start: Int, letters: Int)?
        for parent in elements.indices where pictured[parent] && priced[parent] {
            var runs: [String: (links: Set<String>, start: Int, letters: Int)] = [:]
            for case .element(let child) in elements[parent].children
            where pictured[child] && priced[child] && elements[child].tag != "p" {
                // A card is a few dozen elements; a larger subtree is a section, not worth reading.
                guard elements[child].end - child <= cardElements,
                      let link = (child..<elements[child].end).first(where: { elements[$0].isLink }),
                      let href = elements[link].attribute("href"), PageKind.linksWithinSite(href, site: site) else { continue }
                let text = tree.text(of: child)
                guard text.count <= PageKind.cardLetters.upperBound, showsPrice(text) else { continue }
                let key = PageKind.runKey(elements[child])
                runs[key, default: ([], child, 0)].links.insert(href)
                runs[key]?.letters += TextNormalizer.letters(text).letters
            }
            for run in runs.values where run.links.count > (best?.items ?? 0) {
                best = (run.links.count, run.start, run.letters)
            }
        }
        return best
    }

    /// Whether a text has a currency sign; ASCII text (most) is read byte by byte.
    static func hasCurrencySign(_ text: String) -> Bool {
        var ascii = true
        for byte in text.utf8 {
            if byte == 0x24 { return true } // "$"
            if byte >= 0x80 { ascii = false }
        }
        return !ascii && text.unicodeScalars.contains { mayBeCurrency($0.value) && $0.properties.generalCategory == .currencySymbol }
    }

    /// False for the blocks that hold no currency sign (Latin-1's letters to Armenian, general
    /// punctuation, U+20D0 to U+A837 with the CJK ideographs, U+A839 to U+FDFB with Hangul):
    /// the prose of most non-English pages, whose every letter cost a Unicode property lookup.
    static func mayBeCurrency(_ value: UInt32) -> Bool {
        switch value {
        case ..<0xA2, 0xA6...0x58E, 0x2000...0x209F, 0x20D0...0xA837, 0xA839...0xFDFB: false
        default: true
        }
    }

    /// Whether a text shows an amount of money: a currency sign next to a digit ("$49.99",
    /// "12,00 €", "£ 5").
    static func showsPrice(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar.properties.generalCategory == .currencySymbol {
            for step in [-1, 1] {
                var next = index + step
                if scalars.indices.contains(next), scalars[next] == " " || scalars[next] == "\u{A0}" { next += step }
                if scalars.indices.contains(next), ("0"..."9").contains(scalars[next]) { return true }
            }
        }
        return false
    }
}
