/// The authors and the date a page shows its readers, for pages whose markup declares
/// neither (or declares only an organisation): the short lines around the headline
/// ("By Jane Doe · May 1, 2024", a "Written by" label over a name, "Updated on July 9,
/// 2025"), elements marked as an author or byline, and links to author pages.
///
/// Only short elements are read (a byline is a line, not a paragraph), and the headline's
/// neighbourhood comes first, because the same markers recur in related-story cards.
struct Byline {
    private(set) var authors: [String] = []
    private(set) var date: ShownDate?
    /// Whether the headline's neighbourhood showed the date or an author: a story's own
    /// byline. What is found elsewhere may be a card's or a review's, and vouches for less.
    private(set) var nearHeadline = false
    /// Whether the names found by the headline sit in a card below it (a listing's story
    /// cards, a shop's reviews): they are kept as metadata but vouch for nothing.
    private var authorsInCard = false
    /// Where the first date shown by the headline stands, and the headline (see `vouches`).
    private var firstDateAt: (date: Int, headline: Int)?
    /// Whether names stand by the headline outside a card.
    private(set) var namesNearHeadline = false
    /// The dates shown in the headline's neighbourhood, in document order, with their
    /// distance in elements from the headline (negative above it).
    private(set) var shownDates: [ShownDate] = []

    /// A date the page shows, with its other readings when day and month could be swapped
    /// ("03/10/2023") or a two-digit year could come first ("19.03.02"), where it stands and
    /// what its label says it is.
    struct ShownDate {
        let date: String
        let others: [String]
        var offset = 0
        var label = Label.none
        /// Whether the story's text had begun above it (two paragraphs of prose): a date there is
        /// one the story speaks of or cites ("Encyclical …, 25 December 2005"), not its byline's.
        var inStory = false

        /// Whether it stands in the article's header: near the headline, above the story's text.
        var inHeader: Bool { offset <= Byline.headerSpan && !inStory }

        /// What a date's label calls it: "Published Apr 26, 2023", "Last updated: May 2".
        enum Label { case none, published, updated }

        var marksPublished: Bool { label == .published }

        /// Whether a reading is the day of `declared` (in some zone: `DateNormalizer.isDay`).
        func shows(_ declared: String) -> Bool {
            ([date] + others).contains { DateNormalizer.isDay($0, of: declared) }
        }

        /// The reading `hint` (the URL's date) confirms, else the usual one.
        func read(as hint: String?) -> String {
            others.first { $0 == hint.map { String($0.prefix(10)) } } ?? date
        }
    }

    /// Whether what the headline's neighbourhood shows vouches for a story: names outside a
    /// card, or a first date outside one (a date in a card is the first listed story's, not
    /// the page's; kept as metadata), unless that date is labelled as an update and stands
    /// below the header (`headerSpan`): "Last updated …" under a manual's, a wiki's or a
    /// service's text is the page's revision stamp, while a story that shows only its update
    /// shows it by its headline. Asked only when nothing else vouches: `isInCard` climbs and
    /// scans siblings.
    func vouches(in tree: PageTree) -> Bool {
        if namesNearHeadline { return true }
        guard let firstDateAt,
              shownDates.first?.label != .updated || firstDateAt.date - firstDateAt.headline <= Byline.headerSpan else { return false }
        return !PageKind.isInCard(firstDateAt.date, tree: tree, headline: firstDateAt.headline)
    }

    /// The date a page shows readers for its story, when the markup declares another one:
    /// the first date the header labels as published, else the first date shown within
    /// `headerSpan` elements of the headline if the declared date is shown nowhere near it.
    /// Pages that show only "Updated June 3" there present that date as the story's,
    /// whatever their JSON-LD says; a page that shows the declared date anywhere near its
    /// headline keeps it. (The dev truth follows the visible date on most such pages, not
    /// all: tune half 250/287 with this rule, 242 without.)
    ///
    /// `updatesGiveWay`: the page also declares its publication in OpenGraph
    /// (`article:published_time`, the date link previews and feeds show), so a header date
    /// labelled as an update is the update, not the story's date.
    /// `undeclared`: `declared` is a `<meta name="date">` that does not say which date it is;
    /// shown only far below the header (a "last changed" stamp at the foot), it gives way too.
    func shownInstead(of declared: String, updatesGiveWay: Bool, undeclared: Bool = false) -> String? {
        var header = shownDates.filter(\.inHeader)
        if updatesGiveWay { header.removeAll { $0.label == .updated } }
        // A date the header labels as published ("Published Apr 26, 2023 · Updated Aug 21,
        // 2025") is the story's, even when the markup declares the update.
        if let labelled = header.first(where: \.marksPublished) {
            return header.contains { $0.marksPublished && $0.shows(declared) } ? nil : labelled.date
        }
        // Dates come in document order: the first shown is in the header or none is.
        guard let first = header.first, !(undeclared ? showsInHeader(declared) : shows(declared)) else { return nil }
        return first.date
    }

    /// The date the page shows for its story when the markup declares none: the first the
    /// header labels as published ("am 19.05.2007" in the headline, then "Published 20. Mai
    /// 2007"), else the first shown.
    var storyDate: ShownDate? {
        shownDates.first { $0.inHeader && $0.marksPublished } ?? date
    }

    /// Whether the headline's neighbourhood shows `declared`'s day.
    func shows(_ declared: String) -> Bool {
        shownDates.contains { $0.shows(declared) }
    }

    /// Whether the header (`ShownDate.inHeader`) shows `declared`'s day.
    func showsInHeader(_ declared: String) -> Bool {
        shownDates.contains { $0.inHeader && $0.shows(declared) }
    }

    /// How far below the headline a byline date may stand (a byline, a dateline, an
    /// "Updated" line under a standfirst); further down, dates belong to cards and comments.
    static let headerSpan = 60

    /// The length of a paragraph that is the story's prose, not a byline or a caption.
    static let proseLength = 150

    /// Elements before the headline that may still belong to the article's header (a date
    /// or byline above the title, inside the headline's own container: not the site's
    /// navigation, which often shows today's date), and elements after it that the header
    /// may span.
    static let before = 12, after = 250
    /// A byline or date line is short: longer elements are prose, not a byline.
    static let maxElements = 12, maxCharacters = 120

    init(tree: PageTree, headline: Int?) {
        let elements = tree.elements
        guard !elements.isEmpty else { return }
        if let headline {
            let window = Byline.headerStart(tree, headline: headline)..<min(elements.count, headline + Byline.after)
            var proseParagraphs = 0
            for index in window {
                if var shown = Byline.date(tree, index), !Byline.isOutOfView(index, tree: tree, headline: headline) {
                    shown.offset = index - headline
                    shown.label = Byline.label(tree, index)
                    shown.inStory = proseParagraphs >= 2
                    shownDates.append(shown)
                }
                // A standfirst may stand above the byline; a second paragraph of prose is the
                // story's, and so is a section heading after the first (not an `<h1>`, which
                // may be another of the template's headlines: counting it misdated aoc.media).
                if proseParagraphs < 2, index > headline, elements[index].tag == "p",
                   tree.text(of: index).count >= Byline.proseLength { proseParagraphs += 1 }
                if proseParagraphs == 1, elements[index].tag != "h1", MainText.headingTags.contains(elements[index].tag) { proseParagraphs = 2 }
                if authors.isEmpty {
                    authors = Byline.authors(tree, index, labelsToo: true)
                    if !authors.isEmpty, Byline.isOutOfView(index, tree: tree, headline: headline) { authors = [] }
                    if !authors.isEmpty { authorsInCard = PageKind.isInCard(index, tree: tree, headline: headline) }
                }
            }
            date = shownDates.first
            firstDateAt = shownDates.first.map { (headline + $0.offset, headline) }
            namesNearHeadline = !authors.isEmpty && !authorsInCard
            nearHeadline = date != nil || namesNearHeadline
            if date != nil, !authors.isEmpty { return }
        }
        // Anywhere else only what the markup marks counts: an author box at the end of the
        // article, a "published" date far from the headline or on a page without one.
        for index in elements.indices {
            // Markers are attributes: most elements have none.
            if elements[index].attributes.isEmpty { continue }
            if date == nil, elements[index].words.contains(where: Byline.publishedWords.contains),
               !Byline.isOutOfView(index, tree: tree, headline: headline) {
                date = Byline.date(tree, index)
            }
            if authors.isEmpty, Byline.isAuthorMarked(elements[index]), !Byline.isOutOfView(index, tree: tree, headline: headline) {
                authors = Byline.authors(tree, index, labelsToo: false)
                // A link's path alone does not make its picture a portrait (a badge's link
                // to a business "profile").
                if authors.isEmpty, Byline.isAuthorBox(elements[index]) { authors = Byline.portraitName(tree, index) }
                if date == nil, !authors.isEmpty { date = Byline.dateBeside(tree, index) }
            }
            if date != nil, !authors.isEmpty { return }
        }
    }

    /// Where the header may start: the highest ancestor of the headline that starts within
    /// `before` elements of it (a dated line above the headline's own box, in the header block
    /// that holds both), else `before` elements back inside the headline's container. Never
    /// the page's `<body>`, nor a box with a `<nav>` before the headline: the site's
    /// navigation often shows today's date.
    static func headerStart(_ tree: PageTree, headline: Int) -> Int {
        let elements = tree.elements
        var start = max(elements[headline].parent, 0)
        var ancestor = elements[headline].parent
        while ancestor >= 0, headline - ancestor <= before, elements[ancestor].tag != "body", elements[ancestor].tag != "html",
              !(ancestor..<headline).contains(where: { elements[$0].tag == "nav" }) {
            start = ancestor
            ancestor = elements[ancestor].parent
        }
        return max(start, headline - before)
    }

    /// The name an author box gives only in its portrait's `alt` text (the box's own text is
    /// the author's long bio, or nothing): a full name of two or more words, without a trailing
    /// "photo" or "headshot". One picture only: a box of several portraits lists a team.
    static func portraitName(_ tree: PageTree, _ index: Int) -> [String] {
        let elements = tree.elements
        let pictures = (index..<min(elements[index].end, index + maxElements)).filter { elements[$0].tag == "img" }
        guard pictures.count == 1, var alt = elements[pictures[0]].attribute("alt")?.trimmingCharacters(in: CharacterSetLite(" ")) else {
            return []
        }
        if let last = alt.split(separator: " ").last, pictureWords.contains(last.lowercased()) {
            alt = String(alt.dropLast(last.count)).trimmingCharacters(in: CharacterSetLite(" "))
        }
        let found = names(alt)
        return found.count == 1 && found[0].split(separator: " ").count >= 2 ? found : []
    }

    /// Words an `alt` text adds to the name of the person pictured.
    static let pictureWords: Set<String> = ["image", "photo", "picture", "headshot", "avatar", "portrait", "profile"]

    /// The date nearest to a byline found away from the headline (an author box at the end:
    /// "Written by Jane Doe" over "April 8, 2024"): the first date in the names' smallest
    /// ancestor that shows one, among those of at most `maxElements` elements.
    static func dateBeside(_ tree: PageTree, _ index: Int) -> ShownDate? {
        let elements = tree.elements
        var block = index
        while block >= 0, elements[block].end - block <= maxElements {
            if let found = (block..<elements[block].end).lazy.compactMap({ date(tree, $0) }).first { return found }
            block = elements[block].parent
        }
        return nil
    }

    /// A date anywhere on the page in an element whose class or id speaks of dates or a byline
    /// (`isDateWord`), outside cards, comments and pop-ups: the last source before none, for
    /// pages that date themselves nowhere else (so it is looked for only then). Only the
    /// element's first `maxElements` elements are read: a "meta" box may hold a "Posted on"
    /// line over a long list of tags.
    static func markedDate(_ tree: PageTree, headline: Int?) -> String? {
        let elements = tree.elements
        let candidates = elements.indices.lazy.filter { !elements[$0].attributes.isEmpty && elements[$0].words.contains(where: isDateWord) }
            .compactMap { index in
                (index..<min(elements[index].end, index + maxElements)).lazy.compactMap({ date(tree, $0)?.date }).first.map { (index, $0) }
            }
        for found in inView(candidates, tree: tree, headline: headline) { return found }
        return nil
    }

    /// Of dates found on the page, the ones outside cards, comments and pop-ups, in order;
    /// only the first `maxDateCandidates` are looked at there (a look walks the element's
    /// siblings: a hostile page's 100,000 dated cards would take minutes).
    private static func inView<Found>(_ candidates: some Sequence<(Int, Found)>, tree: PageTree, headline: Int?) -> some Sequence<Found> {
        candidates.prefix(maxDateCandidates).lazy.compactMap { index, found in
            guard !isOutOfView(index, tree: tree, headline: headline),
                  headline.map({ !PageKind.isInCard(index, tree: tree, headline: $0) }) ?? true else { return nil }
            return found
        }
    }

    /// How many dates found anywhere on the page are looked for in cards and pop-ups at most.
    static let maxDateCandidates = 50

    /// The date a sentence anywhere on the page gives as the story's first publication ("This
    /// article was originally published on 26 Sep 2019 at 4:12pm but has been updated…"):
    /// a regularly updated story shows its update by the headline and its own date in a note.
    /// Outside cards, comments and pop-ups.
    static func originalDate(_ tree: PageTree, headline: Int?) -> String? {
        // Nearly every text lacks "riginally": they are searched in place (borrowed, nothing joined).
        let candidates = tree.elements.withUnsafeBufferPointer { elements in
            elements.indices.filter { index in
                elements[index].children.contains { if case .text(let text) = $0 { containsOriginally(text) } else { false } }
            }
        }
        let elements = tree.elements
        for index in candidates {
            var own = ""
            for case .text(let text) in elements[index].children { own += text }
            // The sentence may go on in inline children ("on <time>…</time>").
            let text = elements[index].end - index <= maxElements ? TextNormalizer.collapse(tree.text(of: index)) : TextNormalizer.collapse(own)
            let lower = text.lowercased()
            guard let label = lower.range(of: "originally published") else { continue }
            // The date follows the label ("on 26 Sep 2019", ": May 2, 2020"): "originally
            // published in Journal X (URL), 25.06.2019" is a citation, whose date may be another's.
            var rest = Substring(lower[label.upperBound...].prefix(40)).drop { $0 == " " || $0 == ":" }
            if rest.hasPrefix("on ") { rest = rest.dropFirst(3) }
            guard let found = DateNormalizer.readings(in: String(rest)), DateNormalizer.dateStart(in: String(rest)) == String(rest).startIndex,
                  !isOutOfView(index, tree: tree, headline: headline),
                  headline.map({ !PageKind.isInCard(index, tree: tree, headline: $0) }) ?? true else { continue }
            return found.date
        }
        return nil
    }

    /// Whether `text` holds "riginally" (of "originally", "Originally"), found on bytes: nearly
    /// all of a page's text does not ("published" is in many bylines), and lower-casing all of
    /// it would cost more than the search.
    static func containsOriginally(_ text: String) -> Bool {
        // Most text nodes are the white space between tags.
        guard text.utf8.count >= originallyBytes.count else { return false }
        var text = text
        return text.withUTF8 { JSONLD.holds(originallyBytes, in: $0) }
    }

    private static let originallyBytes = Array("riginally".utf8)

    /// A date anywhere on the page that a label calls the publication or the last update
    /// ("Last updated: November 13, 2025" at the foot of a page), outside cards, comments and
    /// pop-ups: for pages that date themselves nowhere else.
    static func labelledDate(_ tree: PageTree, headline: Int?) -> String? {
        for shown in inView(datesShown(tree) { label(tree, $0) != .none }, tree: tree, headline: headline) { return shown.date }
        return nil
    }

    /// The dates shown anywhere on the page in short elements that `accepts`, in order, lazily.
    private static func datesShown(_ tree: PageTree, accepts: @escaping (Int) -> Bool) -> some Sequence<(Int, ShownDate)> {
        tree.elements.indices.lazy.filter { tree.elements[$0].end - $0 <= maxElements }.compactMap { index in
            date(tree, index).flatMap { accepts(index) ? (index, $0) : nil }
        }
    }

    /// The one day the page shows, when every date line in view outside cards (and at least
    /// one) is that day ("Apr 7, 2009" in a grey corner, a `<small>` "April 21, 2022" above the
    /// story): for pages that date themselves nowhere else. Two days shown (a story's and a
    /// comment's, an event's) say nothing about which is the story's, nor do more than
    /// `maxLoneDates` date lines (a list's; reading stops there, so a hostile page's countless
    /// ones cost no more).
    static func loneDate(_ tree: PageTree, headline: Int?) -> String? {
        let lines = Array(datesShown(tree) { isDateLine($0, in: tree) }.prefix(maxLoneDates + 1))
        guard lines.count <= maxLoneDates else { return nil }
        let shown = Array(inView(lines, tree: tree, headline: headline))
        guard let first = shown.first, shown.allSatisfy({ $0.date.prefix(10) == first.date.prefix(10) }) else { return nil }
        return first.date
    }

    /// A date line, not a date a sentence mentions ("Offers expire 9/30/2017", "for the period
    /// ended <span>December 31, 2025</span>."): the element is a `<time>` or its text opens
    /// with the date ("Apr 7, 2009", "on Jul 7, 2020"), and its block is a short line that
    /// ends no sentence.
    private static func isDateLine(_ index: Int, in tree: PageTree) -> Bool {
        let elements = tree.elements
        var own = ""
        for case .text(let text) in elements[index].children { own += text }
        guard elements[index].tag == "time"
            || DateNormalizer.readings(in: TextNormalizer.collapse(own), startingWithin: loneDateStart, shortYears: true) != nil else { return false }
        var block = index
        while block >= 0, !elements[block].isBlock { block = elements[block].parent }
        guard block >= 0 else { return true }
        guard elements[block].end - block <= maxElements else { return false }
        let line = tree.text(of: block)
        return collapsedLength(line) <= maxCharacters && !TextNormalizer.endsSentence(line)
    }

    /// How far into a date line's element its date may start: a word such as "on" before it.
    static let loneDateStart = 4
    /// More date lines than this are a list's, not a page's one date.
    static let maxLoneDates = 10

    /// Class or id words of the elements that may hold a page's date anywhere (htmldate's
    /// last markup source): "date", "time" and words holding them ("postdate", "timestamp"),
    /// a byline's, a post's meta or info line; in other languages "datum", "fecha".
    static func isDateWord(_ word: String) -> Bool {
        // On bytes: Foundation's `contains` on every class word of a page cost 2 % of the CPU.
        var word = word
        let holdsDate = word.withUTF8 { bytes in
            guard bytes.count >= 4 else { return false }
            for start in 0...(bytes.count - 4) {
                let rest = (bytes[start + 1], bytes[start + 2], bytes[start + 3])
                if bytes[start] == UInt8(ascii: "d"), rest == (UInt8(ascii: "a"), UInt8(ascii: "t"), UInt8(ascii: "e")) { return true }
                if bytes[start] == UInt8(ascii: "t"), rest == (UInt8(ascii: "i"), UInt8(ascii: "m"), UInt8(ascii: "e")) { return true }
            }
            return false
        }
        return holdsDate || dateLineWords.contains(word)
    }

    static let dateLineWords: Set<String> = ["meta", "byline", "posted", "info", "datum", "fecha", "submitted"]

    /// Class or id words that mark the publication date (not "date" alone: every card of a
    /// related-stories rail has one).
    static let publishedWords: Set<String> = ["published", "publish", "pubdate", "posted", "dtstart"]

    /// A date shown by the element: a `<time datetime>`, a microformat's `title`
    /// (`<abbr class="published" title="…">`), or a short text holding a written date.
    static func date(_ tree: PageTree, _ index: Int) -> ShownDate? {
        let element = tree.elements[index]
        if element.tag == "time", let value = element.attribute("datetime"), let date = DateNormalizer.normalize(value) {
            return ShownDate(date: date, others: [])
        }
        if element.words.contains(where: { $0 == "published" || $0 == "updated" || $0 == "dtstart" }),
           let value = element.attribute("title"), let date = DateNormalizer.normalize(value) {
            return ShownDate(date: date, others: [])
        }
        // The element's own text only: a container's date is found in the child that holds
        // it, where a `<time datetime>` may say more than its text.
        var own = ""
        for case .text(let text) in element.children { own += text }
        // A written date has digits (most texts in a header have none). The length is the
        // text's, white space counted once: not the template's indentation between its lines.
        guard !own.isEmpty, own.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), collapsedLength(own) <= maxCharacters * 2 else {
            return nil
        }
        // A date that a sentence of `maxCharacters` or more runs up to is mentioned, not shown
        // as a date line: a photo's caption ("…near Orleans, France, January 16, 2020."), a
        // teaser's "(25.07.2019)", a reference's "retrieved 09.11.2022".
        return DateNormalizer.readings(in: TextNormalizer.collapse(own), startingWithin: maxCharacters, shortYears: true)
            .map { ShownDate(date: $0.date, others: $0.others) }
    }

    /// The UTF-8 length of `text` with each run of white space counted as one byte.
    static func collapsedLength(_ text: String) -> Int {
        var count = 0, inSpace = false
        for byte in text.utf8 {
            let isSpace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
            if !isSpace || !inSpace { count += 1 }
            inSpace = isSpace
        }
        return count
    }

    /// What a date element's label calls it. The words a reader sees decide: the text just
    /// before it in its parent (a text or a short label element without a date of its own:
    /// "<span>Last Updated:</span> <span>April 1, 2025</span>") and its own text up to the
    /// date; the later of "publish"/"posted" and "updat"/"modif"/"revis" there wins. Without
    /// such words, class words do: "published" (also in WordPress's "published updated"),
    /// else "updated"/"modified".
    static func label(_ tree: PageTree, _ index: Int) -> ShownDate.Label {
        let element = tree.elements[index]
        var before = ""
        if element.parent >= 0 {
            // The nearest sibling before it that is an element or a text other than white space.
            var previous: Int?
            for child in tree.elements[element.parent].children[..<element.position].reversed() {
                if case .element(let sibling) = child {
                    previous = sibling
                    break
                } else if case .text(let text) = child, text.contains(where: { !$0.isWhitespace }) {
                    before = text
                    break
                }
            }
            if let previous, tree.elements[previous].end - previous <= 3 {
                let text = tree.text(of: previous)
                if text.count <= 40, DateNormalizer.dateStart(in: text) == nil { before = text }
            }
        }
        // A short element's whole text ("<time><strong>Last Updated:</strong> May 2</time>"),
        // a container's own text only.
        var own = ""
        if element.end - index <= maxElements { own = tree.text(of: index) } else {
            for case .text(let text) in element.children { own += text }
        }
        if let start = DateNormalizer.dateStart(in: own) { own = String(own[..<start]) }
        let label = (before + " " + own).lowercased()
        func last(_ words: [String]) -> String.Index? {
            words.compactMap { label.range(of: $0, options: .backwards)?.lowerBound }.max()
        }
        switch (last(["publish", "posted"]), last(["updat", "modif", "revis"])) {
        case let (published?, updated?): return published > updated ? .published : .updated
        case (.some, nil): return .published
        case (nil, .some): return .updated
        case (nil, nil): break
        }
        if element.words.contains(where: publishedWords.contains) { return .published }
        if element.words.contains(where: { $0 == "updated" || $0 == "modified" }) { return .updated }
        return .none
    }

    /// Whether the element sits in a box out of the story's view: a hidden one (`hidden`,
    /// `aria-hidden`, a `display:none` style), a dialog, the site's `<nav>`, or one marked as a
    /// comment section, pop-up or consent box (`Boilerplate.certainWords`). A name or date there
    /// is a log-in box's "Cancel" link, a social profile's link, today's date or a commenter's,
    /// never the story's byline. Boxes around the headline do not count: they
    /// hold the story whatever their class says (a "hero-banner-popup" header), and React
    /// streams whole pages into `hidden` divs.
    static func isOutOfView(_ index: Int, tree: PageTree, headline: Int?) -> Bool {
        var ancestor = index
        while ancestor >= 0 {
            let element = tree.elements[ancestor]
            if let headline, ancestor <= headline, headline < element.end { return false }
            if element.tag == "nav" { return true }
            if !element.attributes.isEmpty || element.tag == "dialog" {
                if Boilerplate.isHidden(element) || Boilerplate.isDialog(element, role: element.attribute("role")?.lowercased()) {
                    return true
                }
                if !Boilerplate.protectedTags.contains(element.tag), Boilerplate.wordKinds(element.words).contains(.certain),
                   !isCommentCount(ancestor, tree: tree, headline: headline) {
                    return true
                }
            }
            ancestor = element.parent
        }
        return false
    }

    /// Whether a box named for comments lies in the header, under the headline and above the
    /// story's first paragraph of prose: the byline line's comment count and share links
    /// ("entry-meta social-comments"), not a comment section, which follows the story.
    private static func isCommentCount(_ index: Int, tree: PageTree, headline: Int?) -> Bool {
        let elements = tree.elements
        guard let headline, index > headline, elements[index].end - headline <= headerSpan,
              elements[index].words.filter(Boilerplate.certainWords.contains).allSatisfy(Boilerplate.commentWords.contains) else { return false }
        // A paragraph of a sentence or more (a byline line is shorter) means the story has begun.
        return !((headline + 1)..<elements[index].end).contains { elements[$0].tag == "p" && tree.text(of: $0).count >= TextBlocks.proseLetters }
    }

    /// Author names an element shows: "By Jane Doe" (or "Written by", "Posted by"…), a
    /// label element followed by the name, or the name in an author-marked element.
    private static func authors(_ tree: PageTree, _ index: Int, labelsToo: Bool) -> [String] {
        let found = bylineAuthors(tree, index, labelsToo: labelsToo)
        guard !found.isEmpty else { return [] }
        // What the byline's inner elements show, each alone.
        let inner = ((index + 1)..<tree.elements[index].end).map { TextNormalizer.collapse(tree.text(of: $0)) }
        var shown: [String] = []
        var cut = false
        for name in found {
            // Once a name was cut from a role run into it, later "names" are the role's pieces
            // ("Founder & Lead Reviewer") unless an element shows one alone.
            if cut {
                if inner.contains(name) { shown.append(name) }
                continue
            }
            let alone = shownName(name, among: inner)
            cut = alone != name
            shown.append(alone)
        }
        return shown
    }

    /// The name as an element of the byline shows it alone: an author card puts the name and
    /// the author's role or the reading time in elements of their own ("<span>Jane Doe</span>
    /// <span>Senior Editor</span>"), which the card's text runs together. The longest of the
    /// inner elements' texts that starts the name and is a name of two or more capitalised
    /// words (a first name alone in its own element is not cut from the surname).
    private static func shownName(_ name: String, among inner: [String]) -> String {
        let starts = inner.filter { text in
            // Cut between words ("Jane Doe Senior…") or where run-together lines meet
            // ("Jane DoeSenior…"), never inside a word.
            guard text.count < name.count, name.hasPrefix(text), name.dropFirst(text.count).first?.isLowercase == false else { return false }
            let words = text.split(separator: " ")
            return words.count >= 2 && words.allSatisfy { $0.first?.isUppercase == true } && isNameLike(text)
        }
        return starts.max { $0.count < $1.count } ?? name
    }

    private static func bylineAuthors(_ tree: PageTree, _ index: Int, labelsToo: Bool) -> [String] {
        guard let text = shortText(tree, index) else { return [] }
        let marked = isAuthorMarked(tree.elements[index])
        guard labelsToo || marked else { return [] }
        // Most short lines near a headline hold no label: skip lower-casing them twice.
        if mayHoldLabel(text), !isCode(tree, index) {
            if endsWithLabel(text, overNextLine: true) {
                // The label stands alone ("Written by" over the name): the name is the next
                // element with text.
                let end = tree.elements[index].end
                var next = end
                while next < min(tree.elements.count, end + 4) {
                    if let name = shortText(tree, next), !name.isEmpty { return names(name) }
                    next += 1
                }
                return []
            }
            if let rest = afterLabel(text) { return continuesHeading(tree, index) ? [] : names(rest) }
        }
        // A label for screen readers ("| By ") leads to the name readers see; a box's own text
        // for them only is never the name.
        guard marked, !isInProse(tree, index), !isScreenReaderText(tree, index, text: text) else { return [] }
        // An author link's "Articles by Jane" or "More by Jane Doe" ("Mehr von", "Plus par"):
        // the name follows the "by".
        for word in [" by ", " von ", " par ", " por "] {
            if let by = text.range(of: word, options: [.caseInsensitive, .backwards]) { return names(String(text[by.upperBound...])) }
        }
        return names(text)
    }

    /// Whether all the element's text is text for screen readers only (`sr-only`,
    /// `visually-hidden`): such as the section's brand name ("capital") in a byline box.
    private static func isScreenReaderText(_ tree: PageTree, _ index: Int, text: String) -> Bool {
        let elements = tree.elements
        return (index..<elements[index].end).contains { inner in
            Boilerplate.namesScreenReaderText(elements[inner].words)
                && (inner == index || TextNormalizer.collapse(tree.text(of: inner)) == TextNormalizer.collapse(text))
        }
    }

    /// Whether the element is or sits in a code listing, whose "GROUP BY region" or
    /// `sortBy` is program text, never a byline label.
    static func isCode(_ tree: PageTree, _ index: Int) -> Bool {
        var element = index
        while element >= 0 {
            if codeTags.contains(tree.elements[element].tag) { return true }
            element = tree.elements[element].parent
        }
        return false
    }

    static let codeTags: Set<String> = ["pre", "code", "kbd", "samp"]

    /// Whether the element ends a heading's line rather than starting one: "<h2>Explore
    /// courses <span>By category</span></h2>" ("Shop by brand") is a title, and a byline is
    /// a line of its own.
    static func continuesHeading(_ tree: PageTree, _ index: Int) -> Bool {
        var ancestor = tree.elements[index].parent
        while ancestor >= 0, index - ancestor <= 3 {
            if MainText.headingTags.contains(tree.elements[ancestor].tag) {
                return !tree.text(of: ancestor).hasPrefix(tree.text(of: index))
            }
            ancestor = tree.elements[ancestor].parent
        }
        return false
    }

    /// False when `text` cannot hold a byline label: every label has "by" or "au" ("author")
    /// in it, in any case. Lower-casing maps no other character to an ASCII b, y, a or u
    /// (only the Kelvin sign becomes "k" and "İ" an "i" with a dot), so bytes can tell.
    static func mayHoldLabel(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if (previous == UInt8(ascii: "b") && lower == UInt8(ascii: "y")) || (previous == UInt8(ascii: "a") && lower == UInt8(ascii: "u")) {
                return true
            }
            previous = lower
        }
        return false
    }

    /// "Written by", "Jun 2 · Written By", "Author:": a label with nothing after it. With
    /// `overNextLine`, only a label that may stand over the name's own element: "Author" after
    /// a name is the name's role ("Jane Doe | Author"), while "by" always awaits the name.
    static func endsWithLabel(_ text: String, overNextLine: Bool = false) -> Bool {
        let key = text.lowercased().trimmingCharacters(in: CharacterSetLite(" :"))
        if labels.contains(key) { return true }
        guard (overNextLine ? byLabelSuffixes : labelSuffixes).contains(where: { key.hasSuffix($0) }) else { return false }
        // "Supported by", "Photos by": a sponsor's or a picture's credit, not the story's byline.
        return !creditWords.contains { key.hasSuffix(" " + $0 + " by") || key == $0 + " by" }
    }

    /// Words before "by" that credit a sponsor or a picture, not the story's writer.
    static let creditWords = ["supported", "sponsored", "presented", "powered", "funded", "promoted", "paid for",
                              "brought to you", "photo", "photos", "photograph", "photographs", "picture", "pictures",
                              "image", "images", "illustration", "illustrations", "video"]

    /// Words that introduce a byline, in the lower case `authors` compares with.
    static let labels: Set<String> = [
        "by", "written by", "posted by", "words by", "story by", "reported by", "author", "authors",
    ]
    static let labelSuffixes = labels.map { " " + $0 }
    static let byLabelSuffixes = labelSuffixes.filter { $0.hasSuffix(" by") }
    /// "by ", "by:", "author:"…: the labels as they start a byline.
    static let labelPrefixes = labels.map { $0 + ($0.hasPrefix("author") ? ":" : " ") } + labels.filter { !$0.hasPrefix("author") }.map { $0 + ":" }

    /// "By Jane Doe" → "Jane Doe"; nil when the text does not start with a byline label.
    static func afterLabel(_ text: String) -> String? {
        let lower = text.lowercased()
        for prefix in labelPrefixes {
            if lower.hasPrefix(prefix) {
                return String(text.dropFirst(prefix.count)).trimmingCharacters(in: CharacterSetLite(" :"))
            }
        }
        return nil
    }

    /// An element the markup marks as naming an author: `rel="author"`, `itemprop="author"`,
    /// a class or id word such as "author" or "byline", or a link to an author's page.
    static func isAuthorMarked(_ element: PageTree.Element) -> Bool {
        if isAuthorBox(element) { return true }
        guard element.isLink, let href = element.attribute("href") else { return false }
        return isAuthorPath(href)
    }

    /// An element its own attributes mark as an author's (`rel`, `itemprop`, class or id
    /// words), not only its link's path.
    static func isAuthorBox(_ element: PageTree.Element) -> Bool {
        for (name, value) in element.attributes where name == "rel" || name == "itemprop" {
            if value.utf8.count == 6, value.lowercased() == "author" { return true }
        }
        // Compared one by one, not hashed: short strings compare in a step or two.
        return element.words.contains(where: markerWords.contains)
    }

    /// Whether a link's path (before any query or fragment) has an author-page segment before its last
    /// one: "/author/jane-doe", "/people/jdoe/". Read as bytes: a page has hundreds of links.
    static func isAuthorPath(_ href: String) -> Bool {
        var href = href
        return href.withUTF8 { bytes in
            // The part before the first "?" (leading ones skipped) or "#", in segments between "/";
            // a matching segment counts once another non-empty segment follows it.
            var index = bytes.firstIndex { $0 != UInt8(ascii: "?") } ?? bytes.endIndex
            var start = index, matchPending = false
            while true {
                // "/s/#/profile/my_info" is a script's route on the site's home, not a profile.
                let atEnd = index == bytes.endIndex || bytes[index] == UInt8(ascii: "?") || bytes[index] == UInt8(ascii: "#")
                if atEnd || bytes[index] == UInt8(ascii: "/") {
                    if index > start {
                        if matchPending { return true }
                        matchPending = isAuthorSegment(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    }
                    if atEnd { return false }
                    start = index + 1
                }
                index += 1
            }
        }
    }

    /// Compared as bytes, ASCII case folded: lower-casing turns no other character into one
    /// of these ASCII words, and no string is made per segment.
    private static func isAuthorSegment(_ segment: UnsafeBufferPointer<UInt8>) -> Bool {
        (5...12).contains(segment.count) && authorPathSegments.contains { word in
            word.utf8.elementsEqual(segment) { $0 == ($1 >= 0x41 && $1 <= 0x5A ? $1 | 0x20 : $1) }
        }
    }

    static let markerWords = ["author", "authors", "byline", "writer", "contributor", "creator"]
    static let authorPathSegments = [
        "author", "authors", "writer", "writers", "contributor", "contributors", "people", "staff", "profile", "profiles",
        // "author" in German, Spanish, Portuguese, French and Italian.
        "autor", "autoren", "autores", "auteur", "auteurs", "autore", "autori",
    ]

    /// Whether the element lies in a paragraph of prose (a `<p>` of `proseLength` or more):
    /// a link there to a person's page names whom the story is about ("<a href="/people/
    /// prince/">Prince</a> was married when he died…"), not who wrote it.
    private static func isInProse(_ tree: PageTree, _ index: Int) -> Bool {
        var ancestor = tree.elements[index].parent
        while ancestor >= 0, index - ancestor <= 3 {
            let element = tree.elements[ancestor]
            if element.tag == "p" {
                // A byline line may run long ("Autor: kinra | Artikel veröffentlicht am …") but
                // is named as one ("entry-meta", "byline").
                return tree.text(of: ancestor).count >= proseLength && !isAuthorBox(element)
                    && Boilerplate.wordKinds(element.words).isDisjoint(with: [.weak, .strong])
            }
            ancestor = tree.elements[ancestor].parent
        }
        return false
    }

    /// The element's text when it is short enough to be a byline or a date line.
    private static func shortText(_ tree: PageTree, _ index: Int) -> String? {
        guard tree.elements[index].end - index <= maxElements, !tree.elements[index].children.isEmpty else { return nil }
        let text = tree.text(of: index)
        // A character has at least one byte: counting characters is needed only past that.
        return text.utf8.count <= maxCharacters || text.count <= maxCharacters ? text : nil
    }

    /// How the page's own byline joins `names`, when a short line shows them all in this order
    /// with "and" or "&" between some ("A, B, and C", "A & B"): that stretch of the line, as
    /// the page writes it. Nil for one name, for names the page joins with commas only (the
    /// export's own ", ") or does not show together. The header is read first, then the page.
    static func shownJoining(_ names: [String], tree: PageTree, headline: Int?) -> String? {
        guard names.count >= 2 else { return nil }
        let elements = tree.elements
        var order = Array(elements.indices)
        if let headline {
            let header = headerStart(tree, headline: headline)..<min(elements.count, headline + after)
            order = Array(header) + elements.indices.filter { !header.contains($0) }
        }
        for index in order where elements[index].children.contains(where: {
            if case .text(let text) = $0 { return text.contains(names[0]) } else { return false }
        }) {
            // The first name's element, or a short line holding it ("<a>A</a> and <a>B</a>"),
            // each name maybe in wrappers of its own (a tooltip's button in two <div>s).
            var line = index, depth = 0
            while line >= 0, depth <= 4, elements[line].end - line <= maxElements * 2 {
                let text = TextNormalizer.collapse(tree.text(of: line))
                if text.count <= maxCharacters * 2, let joined = joining(names, in: text) { return joined }
                line = elements[line].parent
                depth += 1
            }
        }
        return nil
    }

    /// The stretch of `text` from the first name to the last when only commas, "and" or "&"
    /// stand between the names and at least one "and" or "&" does.
    static func joining(_ names: [String], in text: String) -> String? {
        guard let first = text.range(of: names[0]) else { return nil }
        var end = first.upperBound, joined = false
        for name in names.dropFirst() {
            guard let next = text.range(of: name, range: end..<text.endIndex) else { return nil }
            let gap = text[end..<next.lowerBound].lowercased().split(whereSeparator: { $0 == " " || $0 == "," })
            guard gap.allSatisfy({ $0 == "and" || $0 == "&" }), gap.count <= 1 else { return nil }
            joined = joined || !gap.isEmpty
            end = next.upperBound
        }
        return joined ? String(text[first.lowerBound..<end]) : nil
    }

    /// The names in a byline: "Jane Doe and John Roe · May 1" → ["Jane Doe", "John Roe"].
    /// Cut at the first separator or date; split on "and", "&", ";" and on commas between
    /// full names (a comma before a credential such as "MD" or "Dietitian" is not a split).
    static func names(_ byline: String) -> [String] {
        var text = byline
        for separator in [" | ", " · ", " • ", " - ", " — ", " – ", "|", " on ", " in ", " updated", " Updated", " published", " Published"] {
            if let range = text.range(of: separator) { text = String(text[..<range.lowerBound]) }
        }
        if let dateStart = DateNormalizer.dateStart(in: text) { text = String(text[..<dateStart]) }
        var parts: [String] = []
        for piece in splitting(text, on: [" and ", " & ", ";", " And "]) {
            let commaParts = piece.split(separator: ",").map { String($0).trimmingCharacters(in: CharacterSetLite(" ")) }
            if commaParts.count > 1, commaParts.allSatisfy({ $0.split(separator: " ").count >= 2 }) {
                parts.append(contentsOf: commaParts)
            } else {
                parts.append(piece)
            }
        }
        let cleaned = parts.compactMap(Metadata.cleanAuthor).filter { isNameLike($0) && !endsWithLabel($0) }
        return cleaned.count == parts.count ? cleaned : []
    }

    private static func splitting(_ text: String, on separators: [String]) -> [String] {
        var pieces = [text]
        for separator in separators {
            pieces = pieces.flatMap { $0.components(separatedBy: separator) }
        }
        return pieces.map { $0.trimmingCharacters(in: CharacterSetLite(" ,")) }.filter { !$0.isEmpty }
    }

    /// Words that sit where a name would in a byline line but are not one; the plural ones
    /// name an index of people (a menu's "People" link to "/people/staff"), not a person.
    static let notNames: Set<String> = ["updated", "published", "posted", "edited", "share", "follow", "comments", "by",
                                        "people", "authors", "writers", "contributors", "profiles"]

    /// A name is a few words, starts with a capital (or is one handle-like word), and
    /// holds no date, no sentence punctuation and few digits.
    static func isNameLike(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        guard (1...6).contains(words.count), name.count <= 60 else { return false }
        guard !name.contains(where: { "?!\"“”:".contains($0) }), DateNormalizer.dateStart(in: name) == nil else { return false }
        guard name.filter(\.isNumber).count <= 2, !notNames.contains(name.lowercased()) else { return false }
        return words.count == 1 || words.first?.first?.isUppercase == true
    }
}
