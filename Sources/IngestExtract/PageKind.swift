import Foundation
import IngestCore

/// Decides whether a page is an article, and if not says why: empty, frameset, error page,
/// paywall teaser, or listing/section page.
enum PageKind {
    /// Below this many letters of main text a page is not an article, unless it is a short
    /// but real story with article markup.
    static let minimumLetters = 250

    /// A main text this long is a page of prose, not a listing's teasers, whatever the link
    /// share of the menus around it (`isListing`).
    static let listingStoryLetters = 3000

    /// A page that declares itself an article keeps that kind down to this many letters (a
    /// two-sentence news brief), unless a paywall explains the short body.
    static let minimumDeclaredLetters = 80

    /// Over this many letters of main text a page is not an error page whatever its headline
    /// says: a missing page's notice is a few sentences.
    static let errorPageLetters = 1500

    /// A page that does not vouch for being a story (no article type, author or stated date)
    /// and shows this many code listings is documentation: a tutorial that is a story is
    /// dated or signed.
    static let documentationListings = 5
    /// ... or this many form controls (buttons, fields) is a shop grid or a service's forms:
    /// a story page, sign-up and share boxes included, has a few dozen at most.
    static let formPageControls = 100
    /// ... or whose body's text is this much link text is an index of other pages (story
    /// pages that do not vouch reach 0.3 on the dev set: the margin is kept wide).
    static let indexLinkShare = 0.4
    /// ... unless its main text holds this many letters in paragraphs that end a sentence: a
    /// short story's worth (some 250 words), under menus that outweigh it (an old news or
    /// wiki template without metadata). Tune-half index pages reach 1,200.
    static let indexStoryProse = 1500
    /// ... or whose body's text is nearly all in one run of cards linking to other pages of
    /// its own site (a list of courses, stories or offers; see `cardRun`). First set at 0.5
    /// from the tune half (its story pages that do not vouch reach 0.43, a guide whose steps
    /// are cards); untuned-half stories that do not vouch reached 0.62–0.88 (an intro and an
    /// outro around a list of tools or places), so only a page that is cards and little else
    /// counts. Since the eighth not-article round only cards linking within the site count: a story's
    /// list of tools, places or events links out to them.
    static let cardListShare = 0.9
    /// ... or whose body's text is mostly such cards with a second sign of a listing: much
    /// link text, or a date on most cards (a site's list of its dated stories or posts; a
    /// story's picks carry prose, not dates). Tune-half stories that do not vouch reach a
    /// card share of 0.43 and a link share of 0.23, never both high; the listings kept at
    /// 0.74–0.75 and 0.36–0.39.
    static let cardsWithLinksShare = 0.6, linksWithCardsShare = 0.3
    /// Fewer like siblings than this are a few boxes, not a list of cards.
    static let minimumCards = 4
    /// A card is a short block: over this many letters it is a section of a story.
    static let cardLetters = 15...1000

    /// - Parameters:
    ///   - address: the address the page was read from (after redirects).
    ///   - vouched: the page declares an article type, names an author or states its date.
    ///   - declaredNonArticle: what the page's schema.org or OpenGraph type says it is when
    ///     that is not an article ("a product page"), from `Metadata`.
    ///   - roots: the story's wrappers (`ContentSelection.roots()`).
    ///   - typedArticle: the page's schema.org markup types it as an article (`NewsArticle`,
    ///     `LiveBlogPosting`…): a stronger claim than og:type, which site builders stamp on every page.
    ///   - headline: the element that shows the page's title (`Metadata.described()`).
    ///   - offering: what the page's structured data describes of a business, if anything ("a
    ///     local business", "questions and answers": `Metadata.describedOffering`).
    static func classify(_ article: inout Article, address: String?, tree: PageTree, blocks: TextBlocks, roots: [Int], declaresArticle: Bool,
                         typedArticle: Bool, vouched: Bool, headline: Int?, declaredNonArticle: String?, offering: String?) {
        let letters = article.text.utf8.reduce(0) { $1 > 0x20 ? $0 + 1 : $0 }
        let elements = tree.elements
        if letters < minimumLetters, elements.contains(where: { $0.tag == "frameset" }) {
            return reject(&article, "frameset page: its content lives in other documents")
        }
        if let declaredNonArticle {
            return reject(&article, "not an article: the page declares itself \(declaredNonArticle)")
        }
        // A story may be named "Not Found" (/reviews/not-found): one typed an article or at a
        // dated address is taken for what it says.
        if !typedArticle, let address, !DateNormalizer.isDatedPath(address), let named = ErrorPage.addressed(address) {
            return reject(&article, "\(named.kind.rawValue): its address ends in \"\(named.name)\"")
        }
        if let token = ErrorPage.template(tree) {
            return reject(&article, "error page: its template is marked \"\(token)\"")
        }
        // A short text only: a story may quote "not found" in its headline, rarely one typed an article.
        if letters < errorPageLetters, !typedArticle {
            if let said = ErrorPage.headline(errorHeadlines(article, tree: tree, roots: roots)) {
                return reject(&article, "\(said.kind.rawValue): it is headed \"\(TextNormalizer.collapse(said.headline).prefix(80))\"")
            }
            if ErrorPage.isConsentWall(article.text) {
                return reject(&article, ErrorPage.consentReason)
            }
        }
        // A main text that is one box named as the story ("article-body") is a story too,
        // however many links the menus around a short one hold; not one named as the page's
        // main area or a text ("c-page-main", "user-text-area": a home page, a question).
        let namedStory = roots.count == 1 && Boilerplate.wordKinds(elements[roots[0]].words) == .content
            && elements[roots[0]].words.contains(where: PageKind.storyBoxWords.contains)
        if !typedArticle, !namedStory, isListing(tree: tree, blocks: blocks, letters: letters), !hasProse(article.text) {
            return reject(&article, "listing page: mostly links to other pages")
        }
        let site = siteHost(tree: tree, canonical: article.canonicalURL)
        if let reason = PageStructure.nonArticleKind(tree: tree, blocks: blocks, roots: roots, page: article.canonicalURL,
                                                          site: site, vouched: vouched, typedArticle: typedArticle, textLetters: letters) {
            return reject(&article, reason)
        }
        if !vouched, let offering {
            return reject(&article, "service or product page: its structured data describes \(offering), and it has no article type, author or date")
        }
        if !vouched, let reason = unvouchedKind(tree: tree, blocks: blocks, site: site, text: article.text) {
            return reject(&article, reason)
        }
        // A site's front page, its manual and its offers live at addresses named for them; a
        // story there names its author and its day. A name alone is a testimonial's, a post
        // card's or the company's own ("Talkspace"), on pages that state no date.
        let page = article.canonicalURL ?? address
        let lacking = article.metadata.authors.isEmpty ? "it names no author" : article.metadata.published == nil ? "it states no date" : nil
        if let lacking, let page {
            if isSiteRoot(page) {
                return reject(&article, "home page: its address is the site's root, and \(lacking)")
            }
            if let section = Section.documentation.word(in: page) {
                return reject(&article, "documentation page: its address is in a \"\(section)\" section, and \(lacking)")
            }
            if let section = Section.service.word(in: page) {
                return reject(&article, "service page: its address is in a \"\(section)\" section, and \(lacking)")
            }
            if let section = Section.shop.word(in: page) {
                return reject(&article, "product page: its address is in a \"\(section)\" section, and \(lacking)")
            }
            if let section = Section.taxonomy.word(in: page) {
                return reject(&article, "listing page: its address is in a \"\(section)\" section, and \(lacking)")
            }
        }
        // A live blog has a thread's shape (dated entries, each linking to its own address).
        if !typedArticle, let reason = PageStructure.threadKind(tree: tree, blocks: blocks, roots: roots, site: site, headline: headline) {
            return reject(&article, reason)
        }
        // A forum's threads live in the forum, signed and dated: a story there is typed an article.
        if !typedArticle, let section = page.flatMap(Section.forum.word) {
            return reject(&article, "forum thread: its address is in a \"\(section)\" section, and it is not typed an article")
        }
        if letters == 0 {
            return reject(&article, emptyReason)
        }
        // A wall after 250 letters or more leaves a story's opening, stored as the page gives it
        // (headline, byline, date, lead): refusing it would lose the story.
        if letters < minimumLetters {
            if hasPaywall(blocks, roots: roots) { return reject(&article, "paywall teaser: only a short body is public") }
            if declaresArticle || isOneArticleElement(tree: tree, roots: roots), letters >= minimumDeclaredLetters { return }
            return reject(&article, tooLittleReason + " (\(letters) letters)")
        }
    }

    /// Whether the page's markup makes its text one story: an `<article>` element holds the
    /// `<h1>` and all of the main text (a news brief in a plain template). A listing's cards
    /// are `<article>`s too, but the page's headline stands outside them.
    static func isOneArticleElement(tree: PageTree, roots: [Int]) -> Bool {
        let elements = tree.elements
        guard var container = roots.first else { return false }
        while container >= 0, elements[container].tag != "article" { container = elements[container].parent }
        guard container >= 0 else { return false }
        let span = container..<elements[container].end
        return roots.allSatisfy { span.contains($0) } && span.contains { elements[$0].tag == "h1" }
    }

    /// What a page that does not vouch for being a story shows it is instead, if anything;
    /// `site` is the page's own host (`siteHost`).
    /// `text`: the main text, whose paragraphs of sentences (`prose`) make a story however many
    /// links the menus hold.
    static func unvouchedKind(tree: PageTree, blocks: TextBlocks, site: String?, text: String) -> String? {
        let unvouched = "and no article type, author or date"
        if tree.elements.lazy.filter({ $0.tag == "pre" }).count >= documentationListings {
            return "documentation page: code listings, \(unvouched)"
        }
        if tree.controlParents.count >= formPageControls {
            return "shop or service page: many form controls, \(unvouched)"
        }
        let linkShare = tree.elements.isEmpty ? 0 : blocks.linkDensity(blocks.body)
        if linkShare >= indexLinkShare, prose(text).letters < indexStoryProse {
            return "index page: much of the text is links, \(unvouched)"
        }
        let cards = cardRun(blocks, site: site)
        if cards.share >= cardListShare {
            return "listing page: nearly all the text is cards linking to the site's own pages, \(unvouched)"
        }
        if cards.share >= cardsWithLinksShare, linkShare >= linksWithCardsShare || cards.dated {
            return "listing page: most of the text is cards linking to the site's own pages, with much link text or a date on each, \(unvouched)"
        }
        return nil
    }

    /// The share of the body's kept text in its largest run of cards: siblings with the same
    /// tag and class (digits aside: `card-1`, `card-2`), each a short block whose first link
    /// goes to a page of the site `site` (`linksWithinSite`). Such a run is how a site lists
    /// its courses, stories or offers, with a teaser each. A paragraph is no card (a story may
    /// link its sources from every paragraph), and a menu is furniture, not kept. `dated`:
    /// most of the run's cards show a date (`Byline.date`).
    /// `minimumShare`: only runs whose parent holds that share of the body's text are looked
    /// at (a caller that asks for no less; most parents are then skipped without a look).
    static func cardRun(_ blocks: TextBlocks, site: String?, minimumShare: Double = 0) -> (share: Double, dated: Bool) {
        let elements = blocks.tree.elements
        guard !elements.isEmpty, blocks.subtreeText[blocks.body] > 0 else { return (0, false) }
        let floor = minimumShare * Double(blocks.subtreeText[blocks.body])
        var best = (cards: 0, letters: 0, members: [Int]())
        for parent in elements.indices where !blocks.removed[parent] && Double(blocks.subtreeText[parent]) >= floor {
            var runs: [String: (links: Set<String>, letters: Int, members: Int, cards: [Int])] = [:]
            for case .element(let child) in elements[parent].children where !blocks.removed[child] && elements[child].tag != "p" {
                let key = runKey(elements[child])
                runs[key, default: ([], 0, 0, [])].members += 1
                guard cardLetters.contains(blocks.subtreeText[child]), let link = firstLink(in: child, blocks),
                      linksWithinSite(link, site: site) else { continue }
                runs[key]?.links.insert(link)
                runs[key]?.letters += blocks.subtreeText[child]
                runs[key]?.cards.append(child)
            }
            for run in runs.values where run.members >= minimumCards && run.links.count > best.cards {
                best = (run.links.count, run.letters, run.cards)
            }
        }
        guard best.cards >= minimumCards else { return (0, false) }
        // Dates are read in the winning run only, not on every card of every run.
        let dated = best.members.filter { card in (card..<elements[card].end).contains { Byline.date(blocks.tree, $0) != nil } }.count
        return (Double(best.letters) / Double(blocks.subtreeText[blocks.body]), dated * 2 > best.cards)
    }

    /// Whether a link leads to another page of the site `site` (a host without "www."): a
    /// listing is a site's index of its own stories, courses or products, while a story's
    /// list of tools, places or events links out to them. A relative link is the site's own;
    /// an in-page anchor, a script or a mail address is no page.
    static func linksWithinSite(_ href: String, site: String?) -> Bool {
        let link = href.drop { $0 == " " }
        if link.isEmpty || link.hasPrefix("#") || ["javascript:", "mailto:", "tel:"].contains(where: { link.lowercased().hasPrefix($0) }) {
            return false
        }
        guard let target = host(of: link) else { return true }
        guard let site else { return false }
        return target == site || target.hasSuffix("." + site) || site.hasSuffix("." + target)
    }

    /// The host of an absolute link ("https://www.example.com/a", "//example.com/a"),
    /// lower-cased and without "www."; nil for a relative link or one without a host.
    static func host(of link: Substring) -> String? {
        guard let slashes = link.range(of: "//"),
              !link[..<slashes.lowerBound].contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) else { return nil }
        let host = link[slashes.upperBound...].prefix { !"/?#:".contains($0) }.lowercased()
        guard !host.isEmpty else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    /// A part of a site named for what its pages are, in a directory of the address (not the
    /// page's own last segment: "/docs/" alone is an index) or in the host's first label.
    struct Section {
        let directories: Set<String>
        let hosts: [String]

        static let documentation = Section(directories: ["docs", "documentation", "wiki", "manual"], hosts: ["docs.", "wiki."])
        static let service = Section(directories: ["services", "solutions"], hosts: [])
        static let shop = Section(directories: ["product", "products", "shop"], hosts: [])
        /// A blog's archives by category or tag: the stories themselves live at their own addresses.
        static let taxonomy = Section(directories: ["category", "categories", "tag", "tags"], hosts: [])
        static let forum = Section(directories: ["forum", "forums", "threads", "thread", "discussions", "comments", "questions"],
                                   hosts: ["forum.", "forums.", "community.", "discuss."])

        /// The word that puts `address` in this section ("docs", "forums"), if any.
        func word(in address: String) -> String? {
            guard let host = PageKind.host(of: Substring(address)) else { return nil }
            if let prefix = hosts.first(where: host.hasPrefix) { return String(prefix.dropLast()) }
            let path = address.prefix { $0 != "?" && $0 != "#" }.split(separator: "/", omittingEmptySubsequences: false).dropFirst(3)
            return path.dropLast().map { $0.lowercased() }.first(where: directories.contains)
        }
    }

    /// Whether an address is a site's front page: a host and nothing after it ("/", a
    /// fragment). Not "/?p=123", a story's address in WordPress's plain form, nor a host
    /// without a name before its dot (a template's "https://.example.com").
    static func isSiteRoot(_ address: String) -> Bool {
        guard let host = host(of: Substring(address)), host.contains("."), !host.hasPrefix("."), !host.hasSuffix("."),
              let slashes = address.range(of: "//") else { return false }
        let rest = address[slashes.upperBound...].drop { $0 != "/" && $0 != "?" && $0 != "#" }
        return rest.isEmpty || rest == "/" || rest.hasPrefix("#") || rest.hasPrefix("/#")
    }

    /// The page's own site: its canonical URL's host, else (a saved page that names no
    /// address) the host most of its absolute links go to, as its menus and footer link home.
    static func siteHost(tree: PageTree, canonical: String?) -> String? {
        if let canonical, let host = host(of: Substring(canonical)) { return host }
        var counts: [String: Int] = [:]
        for element in tree.elements where element.isLink {
            if let href = element.attribute("href"), let host = host(of: Substring(href)) { counts[host, default: 0] += 1 }
        }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }

    /// What like siblings of a run of cards share: tag and class, digits aside (`card-1`, `card-2`).
    static func runKey(_ element: PageTree.Element) -> String {
        element.tag + " " + (element.attribute("class") ?? "").filter { !$0.isNumber }
    }

    /// Whether the element at `index` lies inside a card that does not hold the headline: an
    /// ancestor (or itself) that is one of `minimumCards` or more like siblings, each with a
    /// link, none a paragraph; or a teaser: the smallest ancestor with a heading other than an
    /// `<h1>` opens with one that links to another page, above the element. A name found there
    /// is a card's or a review's byline (a listing's story cards, a shop's reviews), not the
    /// page's own.
    static func isInCard(_ index: Int, tree: PageTree, headline: Int) -> Bool {
        let elements = tree.elements
        var member = index
        var headingSeen = false
        while member >= 0, elements[member].parent >= 0 {
            if member <= headline && headline < elements[member].end { return false }
            // A story's own subheadings follow its byline; a teaser's linked title precedes it.
            if !headingSeen, let heading = (member..<elements[member].end).first(where: { elements[$0].tag != "h1" && MainText.headingTags.contains(elements[$0].tag) }) {
                headingSeen = true
                if heading < index, isLinked(heading, tree: tree) { return true }
            }
            let parent = elements[member].parent
            let key = runKey(elements[member])
            if elements[member].tag != "p" {
                var cards = 0
                for case .element(let sibling) in elements[parent].children where runKey(elements[sibling]) == key {
                    if (sibling..<elements[sibling].end).contains(where: { elements[$0].isLink }) { cards += 1 }
                }
                if cards >= minimumCards { return true }
            }
            member = parent
        }
        return false
    }

    /// Whether a heading is a link to another page, or holds one that carries its text.
    private static func isLinked(_ heading: Int, tree: PageTree) -> Bool {
        let elements = tree.elements
        var ancestor = elements[heading].parent
        while ancestor >= 0, heading - ancestor <= 3 {
            if elements[ancestor].isLink { return true }
            ancestor = elements[ancestor].parent
        }
        guard let link = (heading..<elements[heading].end).first(where: { elements[$0].isLink }) else { return false }
        return tree.text(of: link).count * 2 >= tree.text(of: heading).count
    }

    /// The target of the first kept link in an element's subtree (the element itself included).
    private static func firstLink(in index: Int, _ blocks: TextBlocks) -> String? {
        let elements = blocks.tree.elements
        for inner in index..<elements[index].end where elements[inner].isLink && !blocks.removed[inner] {
            return elements[inner].attribute("href")
        }
        return nil
    }

    /// Class words that name a box as one story, not a page's main area or any text.
    static let storyBoxWords: Set<String> = ["article", "articlebody", "story", "entry", "post"]

    static let emptyReason = "empty page: no main text"
    static let tooLittleReason = "too little text for an article"

    /// Where a `<meta http-equiv="refresh" content="0; url=…">` sends the reader, resolved
    /// against the page's address; nil without one.
    static func refreshTarget(_ tree: PageTree, address: String?) -> String? {
        for element in tree.elements where element.tag == "meta" && element.attribute("http-equiv")?.lowercased() == "refresh" {
            guard let content = element.attribute("content"), let start = content.lowercased().range(of: "url=") else { continue }
            let target = content[start.upperBound...].trimmingCharacters(in: .init(charactersIn: " \t'\""))
            guard !target.isEmpty else { continue }
            return URL(string: target, relativeTo: address.flatMap { URL(string: $0) })?.absoluteString ?? target
        }
        return nil
    }

    /// Whether a page was refused for want of text, not for what its text is.
    static func lacksText(_ article: Article) -> Bool {
        article.reason.map { $0 == emptyReason || $0.hasPrefix(tooLittleReason) } ?? false
    }

    /// The reason is one line, though it may quote a page's title.
    private static func reject(_ article: inout Article, _ reason: String) {
        article.kind = .notArticle
        article.reason = TextNormalizer.collapse(reason)
    }

    /// Where a page says it is an error page: its title, its first `<h1>` and the first
    /// heading of its main text (a template that titles every page with the site's name).
    static func errorHeadlines(_ article: Article, tree: PageTree, roots: [Int]) -> [ErrorPage.Headline] {
        let elements = tree.elements
        let h1 = elements.firstIndex { $0.tag == "h1" }
        let inText = roots.lazy.compactMap { root in
            (root..<elements[root].end).first { MainText.headingTags.contains(elements[$0].tag) }
        }.first
        return [tree.titleText, article.metadata.title].compactMap { $0 }.map { ErrorPage.Headline(text: $0) }
            + [h1.map { ErrorPage.Headline(text: tree.text(of: $0), isFirstH1: true) },
               inText.map { ErrorPage.Headline(text: tree.text(of: $0)) }].compactMap { $0 }
    }

    /// A paywall or subscriber-only wall: class words such as "paywall" or "subscriber-only"
    /// on an element after the story's start (`roots`), where a wall cuts the public part
    /// short, and holding no prose the story keeps. Before the story they name the site's
    /// log-in box in the header ("paywall-login-link"); around kept prose, a metered box with
    /// the rest of the story, public in the page.
    static func hasPaywall(_ blocks: TextBlocks, roots: [Int]) -> Bool {
        let elements = blocks.tree.elements
        let start = roots.first ?? 0
        return elements.indices.contains { index in
            let words = elements[index].words
            return index > start && blocks.keptProse[index] == 0
                && (words.contains("paywall") || (words.contains("subscriber") && words.contains("only"))
                || (words.contains("premium") && words.contains("wall")) || words.contains("metered"))
        }
    }

    /// Whether a main text holds a short story's worth of sentences: two or more paragraphs
    /// that end a sentence, `minimumLetters` together (a teaser list's lines are headlines,
    /// without full stops). A short story on a portal whose menus are most of the page
    /// (a Japanese news site's brief of four sentences) is such a text.
    static func hasProse(_ text: String) -> Bool {
        let found = prose(text)
        return found.sentences >= 2 && found.letters >= minimumLetters
    }

    /// The main text's paragraphs that end a sentence, and their letters.
    static func prose(_ text: String) -> (sentences: Int, letters: Int) {
        var sentences = 0, letters = 0
        for paragraph in text.split(separator: "\n\n") where TextNormalizer.endsSentence(String(paragraph)) {
            sentences += 1
            letters += paragraph.utf8.reduce(0) { $1 > 0x20 ? $0 + 1 : $0 }
        }
        return (sentences, letters)
    }

    /// Most of the body's text is link text (asked only of a page whose schema.org markup
    /// does not type it an article: a news site's menus and forum rails can outweigh a short
    /// story four to one).
    static func isListing(tree: PageTree, blocks: TextBlocks, letters: Int) -> Bool {
        let body = blocks.body
        let total = blocks.subtreeText.isEmpty ? 0 : blocks.subtreeText[body]
        guard total > 0, letters < listingStoryLetters else { return false }
        let linkShare = blocks.linkDensity(body)
        return linkShare > 0.6 && letters * 4 < total
    }
}
