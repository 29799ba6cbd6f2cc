import Foundation
import IngestCore

/// Title, authors, dates, site, canonical URL, language and description, each from
/// the most reliable source present: JSON-LD, then OpenGraph / `article:*` / Dublin Core /
/// standard `<meta>`, then visible markup (`<h1>`, `<time>`, bylines), then the URL.
struct Metadata {
    let tree: PageTree
    let url: String?
    /// `<meta>` values by lower-cased `name`, `property` or `itemprop` (first one wins).
    private(set) var meta: [String: String] = [:]
    private(set) var canonical: String?
    /// The earliest date of the `<meta>`s whose name speaks of publishing ("published",
    /// "publish-date", "article.published", "citation_publication_date"…) but not of an update, a last publication or the
    /// publisher: sites name it freely, and a CMS may stamp when it last pushed the page
    /// ("published-time") beside the story's own date ("published-date").
    private(set) var publishedMeta: String?
    private(set) var htmlLanguage: String?
    private(set) var h1: [Int] = []
    private(set) var times: [Int] = []
    /// Elements carrying each `itemprop` (RDFa date properties under their microdata names,
    /// `rdfaDateProperty`), in document order.
    private(set) var itemprops: [String: [Int]] = [:]
    /// schema.org microdata types (`itemtype`), lower-case short names.
    private(set) var itemtypes: Set<String> = []
    /// Read after the `<meta>`s: a page may write its JSON-LD into one.
    private(set) var ld = JSONLD(scripts: [])

    init(tree: PageTree, url: String?) {
        self.tree = tree
        self.url = url
        var scripts = tree.jsonLD
        // Borrowed in place: copying an element would retain and release its arrays.
        tree.elements.withUnsafeBufferPointer { elements in
            for index in elements.indices {
                // Most elements carry no attribute and no tag of interest: skip them cheaply.
                let tag = elements[index].tag
                if elements[index].attributes.isEmpty, tag != "h1", tag != "time" { continue }
                let element = elements[index]
                switch tag {
                case "meta":
                    guard let content = element.attribute("content") else { continue }
                    for key in ["property", "name", "itemprop", "http-equiv"] {
                        guard let name = element.attribute(key)?.lowercased() else { continue }
                        // JSON-LD written entity-escaped into a meta ("script:ld+json").
                        if name.hasSuffix("ld+json") { scripts.append(content) }
                        if meta[name] == nil { meta[name] = content }
                        if name.contains("publish") || name.contains("publication"),
                           !["publisher", "modif", "updat", "last"].contains(where: name.contains),
                           let date = DateNormalizer.normalize(content), publishedMeta.map({ date.prefix(10) < $0.prefix(10) }) ?? true {
                            publishedMeta = date
                        }
                    }
                case "link":
                    if canonical == nil, element.attribute("rel")?.lowercased().split(separator: " ").contains("canonical") == true {
                        canonical = element.attribute("href")
                    }
                case "html":
                    htmlLanguage = htmlLanguage ?? element.attribute("lang")
                case "h1":
                    h1.append(index)
                case "time":
                    times.append(index)
                default:
                    break
                }
                if let itemtype = element.attribute("itemtype") {
                    for name in itemtype.split(separator: " ") { itemtypes.insert(JSONLD.shortType(String(name))) }
                }
                // An element may carry several properties at once (`itemprop="author creator"`).
                var names = element.attribute("itemprop").map { $0.lowercased().split(whereSeparator: \.isWhitespace).map(String.init) } ?? []
                if let property = element.attribute("property") {
                    names += property.split(separator: " ").compactMap(Metadata.rdfaDateProperty).filter { !names.contains($0) }
                }
                for name in names { itemprops[name, default: []].append(index) }
            }
        }
        ld = JSONLD(scripts: scripts)
    }

    /// Whether the page says it is an article (JSON-LD article type or og:type article).
    var declaresArticle: Bool {
        ld.isArticle || meta["og:type"]?.lowercased() == "article"
    }

    /// Whether the page's JSON-LD types it as an article.
    var typesArticle: Bool { ld.isArticle }

    /// Page types that schema.org and OpenGraph give to pages that are not articles.
    static let nonArticleTypes: [(type: String, kind: String)] = [
        ("qapage", "a question-and-answer page"), ("discussionforumposting", "a forum thread"),
        ("collectionpage", "a collection page"), ("searchresultspage", "a search results page"),
        ("itempage", "an item page"), ("profilepage", "a profile page"), ("productgroup", "a product page"),
        ("service", "a service page"), ("softwareapplication", "a software product page"),
        ("educationaloccupationalprogram", "a study programme's page"),
    ]

    /// What a business's own page describes in its structured data: the business, what it
    /// sells, the questions its customers ask. A story may embed these too (a review's
    /// product, a guide's FAQ), and is then typed an article, signed or dated; a page that is
    /// none of these and describes one is the business's page (`PageKind.classify`). Not
    /// `AggregateRating`: recipes carry one, and it moved no page of any set.
    static let offeringTypes: [(type: String, kind: String)] = [
        ("localbusiness", "a local business"), ("professionalservice", "a professional service"), ("product", "a product"),
        ("faqpage", "questions and answers"),
    ]

    /// The schema.org types the page's JSON-LD and microdata name (lower-case).
    var schemaTypes: Set<String> { ld.types.union(itemtypes) }

    /// The first of `offeringTypes` the page's JSON-LD or microdata describes, as words.
    var describedOffering: String? {
        let types = schemaTypes
        return Metadata.offeringTypes.first { types.contains($0.type) }?.kind
    }

    /// What the page declares itself when that is not an article (a product on sale, a
    /// forum thread, a collection…), nil otherwise. An article type anywhere wins: a review
    /// or a news story may embed the product or the discussion it is about.
    var declaredNonArticle: String? {
        let types = schemaTypes
        guard !ld.isArticle, types.isDisjoint(with: JSONLD.articleTypes) else { return nil }
        if let found = Metadata.nonArticleTypes.first(where: { types.contains($0.type) }) { return found.kind }
        let sells = ld.offersProduct || (itemtypes.contains("product") && itemtypes.contains("offer"))
        if sells || meta["og:type"]?.lowercased().hasPrefix("product") == true { return "a product page" }
        return nil
    }

    /// The article's fields, and whether the page vouches for being a story: it declares an
    /// article type, its markup names an author or a publication date, a byline or date
    /// stands by its headline, or its URL is dated. A plain WebPage's JSON-LD date is no such
    /// sign (site builders stamp it on every page, shop and service pages included), nor are
    /// names and dates far from the headline (a card's, a review's, a sidebar's `<time>`):
    /// both are kept as metadata. `headline` is the element that shows the title, if any.
    func described() -> (article: Article, vouched: Bool, headline: Int?) {
        var found = ArticleMetadata()
        let declaredTitle = title(ld)
        // Metadata is read back from double-decoded UTF-8 as the paragraphs are ("NOMADÂ®");
        // the headline is found by the page's own spelling.
        found.title = declaredTitle.map(Mojibake.repaired)
        let headlineIndex = headline(declaredTitle)
        let byline = Byline(tree: tree, headline: headlineIndex)
        let markupAuthors = self.markupAuthors(ld, headline: headlineIndex)
        // A markup "author" that is the site's own name (`<meta name="author">` set once for
        // the whole site, a JSON-LD "Person" named as the publisher) gives way to the people
        // the byline shows, as an organisation author does.
        let siteKeys = Set(siteNames(ld).map(Paragraphs.comparable).filter { !$0.isEmpty })
        // Only names by the headline count, and none that says the site's name in part: a
        // one-person site's byline shows its name with a label or a reading time run into it.
        let shown = byline.namesNearHeadline ? Metadata.distinctAuthors(byline.authors) : []
        let shownPeople = shown.contains { name in
            let key = Paragraphs.comparable(name)
            return siteKeys.contains { key.contains($0) || $0.contains(key) }
        } ? [] : shown
        // So does a user handle ("CC7567": one word with a digit), when the byline shows names.
        // A name the markup writes surname first ("Gillman, Steve") is written as the page
        // shows it ("by Steve Gillman").
        let shownNames = Metadata.distinctAuthors(byline.authors)
        let people = markupAuthors.filter { name in
            !siteKeys.contains(Paragraphs.comparable(name)) && !(Metadata.isHandle(name) && !shownPeople.isEmpty)
        }.map { name in shownNames.first { Metadata.isSurnameFirst(name, of: $0) } ?? name }
        found.authors = [people.isEmpty ? shownPeople : people, markupAuthors, Metadata.distinctAuthors(byline.authors),
                         Metadata.distinctAuthors(labelledTwitterAuthor), Metadata.distinctAuthors(ld.organisationAuthors)]
            .first { !$0.isEmpty } ?? []
        found.byline = Byline.shownJoining(found.authors, tree: tree, headline: headlineIndex)
        found.modified = firstDate([ld.modified, meta["article:modified_time"], meta["og:updated_time"],
                                    meta["datemodified"], meta["last-modified"], meta["dcterms.modified"],
                                    itempropValue("datemodified", headline: headlineIndex)])
        let declaredDates = dates([ld.isArticle ? ld.published : nil, meta["article:published_time"], meta["og:published_time"],
                                   meta["datepublished"], meta["pubdate"], meta["publishdate"], meta["publish-date"],
                                   meta["dc.date.issued"], meta["dcterms.created"], meta["parsely-pub-date"],
                                   itempropValue("datepublished", headline: headlineIndex), publishedMeta])
        let declaredPublished = declaredDates.first
        // A date that does not say which one it is ("date", DC.date) is often the page's last
        // change: when it is the declared modification day, what the page shows comes first.
        let undeclared = firstDate([meta["date"], meta["dc.date"], meta["dcterms.date"], meta["sailthru.date"]])
        let isModification = undeclared.flatMap { date in found.modified.map { DateNormalizer.isDay(String(date.prefix(10)), of: $0) } }
        let markupDate = declaredPublished ?? (isModification == true ? nil : undeclared)
        // The page's address, or the one it gives itself. A saved page read from a file is
        // dated by the address it gives when it gives one: the file's name is the user's, and
        // a day in it is often the day it was saved ("site_2026_06_06.html"), which moved a
        // story's evening stamp to the next morning.
        let ownAddresses = [canonical, meta["og:url"]]
        let addresses = url?.hasPrefix("file:") == true && ownAddresses.contains(where: { $0 != nil }) ? ownAddresses : [url] + ownAddresses
        let urlDate = addresses.lazy.compactMap { $0.flatMap(DateNormalizer.fromURLPath) }.first
        // A shown "03/10/2023" is read as the URL's date when that is one of its readings.
        found.published = markupDate ?? firstDate([byline.storyDate?.read(as: urlDate), timeValue(headline: headlineIndex)]) ?? urlDate ?? undeclared
            ?? (ld.isArticle ? nil : firstDate([ld.published])) ?? Byline.markedDate(tree, headline: headlineIndex)
            ?? Byline.labelledDate(tree, headline: headlineIndex) ?? Byline.loneDate(tree, headline: headlineIndex)
        // Of the publication dates the markup declares, the one the header shows is the story's
        // (JSON-LD may keep a first version's date where OpenGraph and the byline give the
        // republished story's); else what the headline's byline shows beats a declared date it
        // never shows (`shownInstead`).
        if let markupDate, !byline.shows(markupDate),
           let alternative = declaredDates.first(where: { byline.showsInHeader($0) }) {
            found.published = alternative
        } else if let markupDate, let shown = byline.shownInstead(
            of: markupDate, updatesGiveWay: firstDate([meta["article:published_time"], meta["og:published_time"]]) != nil, undeclared: declaredPublished == nil) {
            found.published = shown
        }
        // A note that gives the story's first publication beats what the header shows.
        if let original = Byline.originalDate(tree, headline: headlineIndex) { found.published = original }
        // A bare day ("2015-01-28", Dublin Core's habit) takes its time from a `<time>` of that
        // day that gives one (midnight is a day written as a stamp).
        if let day = found.published, day.count == 10, let stamp = firstDate([timeValue(headline: headlineIndex)]),
           stamp.hasPrefix(day + "T"), !stamp.dropFirst(11).hasPrefix("00:00:00") {
            found.published = stamp
        }
        // A UTC stamp a day off the address's day is the site's evening or early morning:
        // written in the site's own offset when the page gives the same instant so, it shows
        // the day a reader there sees (and the address names).
        if let published = found.published, let urlDate,
           let local = Metadata.localStamp(of: published, day: urlDate, in: tree.source) ?? Metadata.stamp(published, shownOn: urlDate) {
            found.published = local
        }
        let vouched = declaresArticle || !markupAuthors.isEmpty || (declaredPublished ?? undeclared) != nil || urlDate != nil
            || byline.vouches(in: tree)
        found.site = first([meta["og:site_name"], ld.publisher, meta["application-name"], meta["publisher"]]).map(Mojibake.repaired)
            ?? url.flatMap { URL(string: $0)?.host }
        if let title = found.title, let site = found.site {
            found.title = Metadata.stripSiteName(title, site: site)
        }
        found.language = language(first([htmlLanguage, meta["content-language"], meta["og:locale"], ld.language, meta["language"]]))
        found.description = first([meta["og:description"], meta["description"], ld.description, meta["twitter:description"],
                                   meta["dc.description"]]).map(Mojibake.repaired)
        return (Article(metadata: found, canonicalURL: resolve(first([canonical, meta["og:url"]])) ?? url), vouched, headlineIndex)
    }

    /// `stamp` (a UTC instant on the day before or after `day`) as `source` writes it in the
    /// site's offset, which puts it on `day` ("2023-11-08T22:28:35-05:00" for
    /// "2023-11-09T03:28:35Z"), if it does: in a `<time>`, a meta or a script's data layer.
    /// A local time without a zone ("2020-02-17 21:18:11") counts when it is the instant to
    /// the second, some whole or half hours off (a zone's offset), and its seconds are not
    /// ":00" (a whole minute matches by chance): the offset is then written out. The instant
    /// is the same; only the day shown changes. Nil when the page gives no such rendering.
    static func localStamp(of stamp: String, day: String, in source: [UInt8]) -> String? {
        guard stamp.hasSuffix("Z"), stamp.prefix(10) != day, let (instant, _) = DateNormalizer.instant(of: stamp),
              let (dayStart, _) = DateNormalizer.instant(of: day + "T00:00:00Z"),
              (dayStart - 14 * 3_600..<dayStart + 86_400 + 12 * 3_600).contains(instant) else { return nil }
        let key = Array(day.utf8)
        // "Z" runs on too: a UTC stamp of another instant ("created_date":"…T21:43:07.535Z"),
        // cut before it, would read as a zone-less local time some hours off.
        let stampBytes: Set<UInt8> = Set("0123456789-+:. TZ".utf8)
        var start = 0
        while let found = source[start...].firstRange(of: key) {
            start = found.upperBound
            // The stamp runs on from the day over digits and separators ("T22:28:35.000-05:00").
            let end = source[found.lowerBound...].prefix(40).firstIndex { !stampBytes.contains($0) } ?? min(source.count, found.lowerBound + 40)
            guard let local = DateNormalizer.normalize(String(decoding: source[found.lowerBound..<end], as: UTF8.self)),
                  local.utf8.count >= 19 else { continue }
            if let (seconds, offset) = DateNormalizer.instant(of: local), offset != 0, seconds == instant { return local }
            // A zone-less time: its offset from the instant, if it is a zone's.
            guard local.utf8.count == 19, !local.hasSuffix(":00"),
                  let (seconds, _) = DateNormalizer.instant(of: local + "Z") else { continue }
            let offset = (seconds - instant) / 60
            guard (seconds - instant) % 1_800 == 0, offset != 0, (-12 * 60...14 * 60).contains(offset) else { continue }
            return local + (offset < 0 ? "-" : "+") + DateNormalizer.pad(abs(offset) / 60) + ":" + DateNormalizer.pad(abs(offset) % 60)
        }
        return nil
    }

    /// `stamp` (a UTC instant on the day before or after `day`, at most 14 hours before it
    /// starts or 10 after it ends: the offsets of inhabited zones, Kiribati's +14 to Hawaii's
    /// −10) written in the nearest whole-hour offset that puts it on `day`, when the page
    /// writes it in no offset of its own: the address's day is the one the site's clock gave
    /// the story. The instant is the same.
    static func stamp(_ stamp: String, shownOn day: String) -> String? {
        guard stamp.hasSuffix("Z"), stamp.prefix(10) != day, let (instant, _) = DateNormalizer.instant(of: stamp),
              let (dayStart, _) = DateNormalizer.instant(of: day + "T00:00:00Z") else { return nil }
        let hours: Int
        if instant < dayStart, instant >= dayStart - 14 * 3_600 {
            hours = (dayStart - instant + 3_599) / 3_600
        } else if instant >= dayStart + 86_400, instant < dayStart + 86_400 + 10 * 3_600 {
            hours = -((instant - dayStart - 86_400) / 3_600 + 1)
        } else {
            return nil
        }
        guard let zone = TimeZone(secondsFromGMT: hours * 3_600) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(instant)).formatted(Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: zone))
    }

    /// The names the site gives itself: OpenGraph's, the publisher's, the web app's, and the
    /// `<title>`'s part after its last separator ("Headline | Example News").
    private func siteNames(_ ld: JSONLD) -> [String] {
        var names = [meta["og:site_name"], ld.publisher, meta["application-name"]].compactMap { $0 }
        // The rights holder a copyright meta names is the company ("Copyright (c) Condé Nast
        // 2022"), which templates also put in `<meta name="author">`.
        if let holder = meta["copyright"].flatMap(Metadata.rightsHolder) { names.append(holder) }
        if let title = tree.titleText {
            let head = Metadata.stripSiteSuffix(title)
            if head.count < title.count { names.append(String(title.dropFirst(head.count))) }
        }
        // The name in the site's address: a site credits itself by its short name too ("LTO"
        // at lto.de, whose og:site_name is "Legal Tribune Online").
        let address = [canonical, meta["og:url"], url].lazy.compactMap { $0.flatMap { URL(string: $0)?.host } }.first
        if let name = address.flatMap(Metadata.hostName) { names.append(name) }
        return names
    }

    /// The name a host gives its site: the label before its public suffix ("lto" of
    /// www.lto.de, "bbc" of news.bbc.co.uk), nil for an address (an IP's digits).
    static func hostName(_ host: String) -> String? {
        var labels = host.lowercased().split(separator: ".").map(String.init)
        guard labels.count >= 2, !labels.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return nil }
        labels.removeLast()
        if labels.count >= 2, let last = labels.last, ["co", "com", "org", "net", "ac", "gov", "edu", "or", "ne"].contains(last) { labels.removeLast() }
        return labels.last
    }

    /// The headline: JSON-LD, OpenGraph, Dublin Core or `<title>`, replaced by the page's
    /// `<h1>` when that is the same headline without the " | Site name" suffix.
    private func title(_ ld: JSONLD) -> String? {
        let others = [meta["og:title"], meta["twitter:title"], meta["dc.title"], tree.titleText.map(Metadata.stripSiteSuffix)]
        let headings = h1.lazy.map { tree.text(of: $0) }.filter { !$0.isEmpty }
        // An article's JSON-LD headline that neither the page's <h1> nor its other titles say
        // is not its title (Wikipedia's gives the subject's short description). Without an
        // <h1> it stands: a <title> is often a shortened headline.
        var articleHeadline = ld.isArticle ? ld.headline : nil
        if let headline = articleHeadline, !headings.isEmpty {
            func comparable(_ title: String) -> String { Paragraphs.comparable(Entities.decode(title)) }
            let key = comparable(headline)
            let said = (others.compactMap { $0 } + headings).map(comparable).filter { !$0.isEmpty }
            if !said.isEmpty, !said.contains(where: { $0.contains(key) || key.contains($0) }) { articleHeadline = nil }
        }
        let declared = first([articleHeadline] + others + [ld.headline])
        guard let declared else { return headings.first }
        let key = Paragraphs.comparable(declared)
        for heading in headings {
            let headingKey = Paragraphs.comparable(heading)
            if headingKey == key { return heading }
            if headingKey.count * 10 >= key.count * 6, key.contains(headingKey) { return heading }
            // A <title> that is a shortened headline: the <h1> says it in full.
            if !key.isEmpty, headingKey.count <= key.count * 3, headingKey.contains(key) { return heading }
        }
        // A single headline-like <h1> is what readers see, even when the declared title is
        // written for search engines or social media.
        let headlines = headings.filter { heading in
            let words = heading.split(separator: " ").count
            return words >= 4 && words <= 40
        }
        if headlines.count == 1, let headline = headlines.first { return headline }
        return declared
    }

    /// "Headline | Example News" → "Headline" when the part after the last separator is the
    /// site's name.
    static func stripSiteName(_ title: String, site: String) -> String {
        let siteKey = Paragraphs.comparable(site)
        guard !siteKey.isEmpty else { return title }
        for separator in titleSeparators {
            guard let range = title.range(of: separator, options: .backwards) else { continue }
            let tailKey = Paragraphs.comparable(String(title[range.upperBound...]))
            if !tailKey.isEmpty, siteKey.contains(tailKey) || tailKey.contains(siteKey) {
                return String(title[..<range.lowerBound])
            }
        }
        return title
    }

    /// "Story headline | The Daily Example" → "Story headline" when the rest is short.
    static func stripSiteSuffix(_ title: String) -> String {
        for separator in titleSeparators {
            guard let range = title.range(of: separator, options: .backwards) else { continue }
            let head = title[..<range.lowerBound], tail = title[range.upperBound...]
            if tail.count <= 40, tail.count <= head.count * 2 { return String(head) }
        }
        return title
    }

    /// "The Daily Example :: Story headline" → "Story headline": the part after the title's
    /// last separator, nil when it has none.
    static func lastPart(_ title: String) -> String? {
        for separator in titleSeparators {
            guard let range = title.range(of: separator, options: .backwards) else { continue }
            return String(title[range.upperBound...])
        }
        return nil
    }

    static let titleSeparators = [" | ", " - ", " – ", " — ", " :: ", " · "]

    /// The element that carries the headline: the `<h1>` that says the title, else a
    /// heading or title-marked element that does (pages built without an `<h1>`), else the
    /// first `<h1>`; on a page with no `<h1>` at all (site builders make every text a `<p>`),
    /// the first short element that says the title, with or without the site's name, else
    /// the first `<h2>` that holds all its words.
    private func headline(_ title: String?) -> Int? {
        guard let title else { return h1.first }
        let key = Paragraphs.comparable(title)
        if let index = h1.first(where: { Paragraphs.comparable(tree.text(of: $0)) == key }) { return index }
        let headingTags: Set<String> = ["h2", "h3", "h4", "p", "div", "span"]
        let elements = tree.elements
        func saysTitle(_ index: Int, keys: [String], marked: Bool) -> Bool {
            let element = elements[index]
            guard element.end - index <= 4, headingTags.contains(element.tag), !element.children.isEmpty,
                  !marked || element.tag.hasPrefix("h") || element.words.contains(where: { $0 == "title" || $0 == "headline" })
            else { return false }
            return keys.contains(Paragraphs.comparable(tree.text(of: index)))
        }
        if let candidate = elements.indices.first(where: { saysTitle($0, keys: [key], marked: true) }) { return candidate }
        guard h1.isEmpty else { return h1.first }
        let keys = [key, Paragraphs.comparable(Metadata.stripSiteSuffix(title))]
        if let index = elements.indices.first(where: { saysTitle($0, keys: keys, marked: false) }) { return index }
        // A title that puts the site first ("Example News :: Headline"): its last part, only
        // now, as in "Headline | Example News" that part is the site's name in the logo.
        let last = Metadata.lastPart(title)
        if let last, let index = elements.indices.first(where: { saysTitle($0, keys: [Paragraphs.comparable(last)], marked: false) }) {
            return index
        }
        // A heading that says the title at more length ("Introducing X" over "Introducing X:
        // the next-generation…"): a title of three words or more, all in the <h2>.
        for part in [Metadata.stripSiteSuffix(title), last].compactMap({ $0 }) {
            let words = Set(TextNormalizer.words(part))
            guard words.count >= 3 else { continue }
            if let index = elements.indices.first(where: { elements[$0].tag == "h2" && words.isSubset(of: TextNormalizer.words(tree.text(of: $0))) }) {
                return index
            }
        }
        return nil
    }

    /// People named by JSON-LD, `<meta>` or `itemprop=author`. Without them the visible
    /// byline names the authors, and without one an organisation named as the author (a
    /// site often credits itself where the page names a person).
    private func markupAuthors(_ ld: JSONLD, headline: Int?) -> [String] {
        var names = ld.authors.filter { !$0.hasPrefix("http") }
        if names.isEmpty {
            for key in ["author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl"] {
                if let value = meta[key], !value.hasPrefix("http"), !value.isEmpty {
                    names = [value]
                    break
                }
            }
        }
        if names.isEmpty {
            // A Person item shows its person's name in its own `itemprop=name`, without the
            // byline's "By" and "and" around it (a hidden `<meta itemprop=name>` may hold a
            // user handle or markup: only shown names count). An organisation is no author.
            names = itempropAuthors(headline: headline).flatMap { index -> [String] in
                let element = tree.elements[index]
                if let content = element.attribute("content") { return [content] }
                if element.attribute("itemtype")?.lowercased().contains("organization") == true { return [] }
                let shown = itemprops["name", default: []].filter { tree.isInside($0, index) && $0 != index }
                    .compactMap(bylineText).filter { !$0.isEmpty }
                return shown.isEmpty ? [bylineText(index)].compactMap { $0 } : shown
            }
        }
        return Metadata.distinctAuthors(names)
    }

    /// The name a "Written by" summary card gives (`twitter:label1` "Written by" or "Author",
    /// `twitter:data1` the name, as Yoast writes it for link previews): after the markup's and
    /// the byline's people, since it may name the account that posted the page.
    private var labelledTwitterAuthor: [String] {
        for number in 1...4 {
            guard let label = meta["twitter:label\(number)"] else { break }
            if Byline.labels.contains(label.lowercased().trimmingCharacters(in: CharacterSetLite(" :"))), let name = meta["twitter:data\(number)"] {
                return [name]
            }
        }
        return []
    }

    private static func distinctAuthors(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.compactMap(Metadata.cleanAuthor).filter { seen.insert($0.lowercased()).inserted }
    }

    private func bylineText(_ index: Int) -> String? {
        let text = tree.text(of: index)
        return text.count <= 80 ? text : nil
    }

    /// "By" as bylines write it, in English and the languages whose dates `DateNormalizer`
    /// reads; matched with the case shown, and only before a name.
    static let bylinePrefixes = ["by ", "By ", "BY ", "Written by ", "Posted by ", "Author: ", "Von ", "von ", "VON ", "Par ", "par ",
                                 "PAR ", "Por ", "por ", "POR ", "Door ", "door ", "Autor: ", "Autor ", "Auteur : ", "Auteur: ", "Autore: "]
    /// Lower-case words that join a name to the date after it: "am", "le", "el", "on".
    static let connectors: Set<String> = ["am", "on", "le", "el", "il", "em", "op"]
    /// A date's label where a name should be ("Veröffentlicht am" over the date, read as the author).
    static let publishedWords: Set<String> = ["published", "posted", "veröffentlicht", "publié", "publicado", "pubblicato",
                                              "gepubliceerd", "erstellt", "geschrieben",
                                              // An update's label in the same languages ("Zuletzt geändert: 18.10.2021").
                                              "updated", "last updated", "modified", "last modified", "geändert", "zuletzt geändert",
                                              "aktualisiert", "zuletzt aktualisiert", "mis à jour", "modifié", "actualizado",
                                              "aggiornato", "bijgewerkt"]

    /// What is left of "Thursday, 12 May 2022" when its date is read: no one's name.
    static let weekdays: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
        "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    ]

    /// The name in a copyright notice: "Copyright (c) Condé Nast 2022" → "Condé Nast";
    /// nil when nothing but the notice's words and years is left.
    static func rightsHolder(_ notice: String) -> String? {
        var words = Entities.decode(notice).split(whereSeparator: \.isWhitespace).map(String.init)
        words.removeAll { word in
            let bare = word.lowercased().trimmingCharacters(in: CharacterSetLite(".,;:()"))
            return ["copyright", "c", "©", "all", "rights", "reserved"].contains(bare)
                || (!bare.isEmpty && bare.allSatisfy { $0.isNumber || $0 == "-" || $0 == "–" })
        }
        let name = words.joined(separator: " ").trimmingCharacters(in: CharacterSetLite(" .,;:-–©"))
        return name.isEmpty ? nil : name
    }

    /// Whether `name` is `shown` written surname first: "Gillman, Steve" for "Steve Gillman".
    static func isSurnameFirst(_ name: String, of shown: String) -> Bool {
        let parts = name.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, !shown.contains(",") else { return false }
        return Paragraphs.comparable(String(parts[1] + parts[0])) == Paragraphs.comparable(shown)
    }

    /// A user name rather than a person's: one word holding a digit ("CC7567", "jdoe42").
    static func isHandle(_ name: String) -> Bool {
        !name.contains(" ") && name.contains(where: \.isNumber) && name.contains(where: \.isLetter)
    }

    /// "By Jane Doe" → "Jane Doe", "Von Jane Doe am" → "Jane Doe"; drops empty names, a date's
    /// label or weekday, e-mail-like and overly long values.
    static func cleanAuthor(_ raw: String) -> String? {
        var name = Mojibake.repaired(TextNormalizer.collapse(Entities.decode(raw)))
        for prefix in bylinePrefixes where name.hasPrefix(prefix) && name.count > prefix.count {
            name = String(name.dropFirst(prefix.count))
        }
        name = name.trimmingCharacters(in: CharacterSetLite(" ,|-–—:"))
        // The word that led to a date the byline line went on with ("Von Jane Doe am 3. Mai").
        if let space = name.lastIndex(of: " "), connectors.contains(String(name[name.index(after: space)...])) {
            name = String(name[..<space])
        }
        // A date where a name should be (a theme that marks its byline's date as the Person's name).
        guard !publishedWords.contains(name.lowercased()), !weekdays.contains(name.lowercased()),
              !DateNormalizer.hasFourDigits(name) || DateNormalizer.normalize(name) == nil else { return nil }
        // A separator the byline line puts between its parts ("by Jane Doe ● May 2"): a dot,
        // bullet or geometric shape never ends or starts a name (a "®" may).
        func isSeparator(_ character: Character) -> Bool {
            character == " " || character.unicodeScalars.allSatisfy { (0x25A0...0x25FF).contains($0.value) || "·•‧∙".unicodeScalars.contains($0) }
        }
        while let last = name.last, isSeparator(last) { name.removeLast() }
        while let first = name.first, isSeparator(first) { name.removeFirst() }
        guard !name.isEmpty, name.count <= 80, !name.contains("@"), name.contains(where: \.isLetter) else { return nil }
        return name
    }

    /// The microdata name of an RDFa date property (`<span property="schema:dateCreated"
    /// content="…">`, `property="dc:date dc:created"`: Drupal marks its nodes up so, with no
    /// `<meta>`), read like microdata: the same publication and change dates under schema.org
    /// or Dublin Core names, with or without their prefix.
    static func rdfaDateProperty(_ property: Substring) -> String? {
        let parts = property.lowercased().split(separator: ":", maxSplits: 1)
        guard let term = parts.last, parts.count == 1 || ["schema", "dc", "dcterms"].contains(parts[0]) else { return nil }
        switch term {
        case "datepublished", "datecreated", "created", "issued": return "datepublished"
        case "datemodified", "modified": return "datemodified"
        default: return nil
        }
    }

    /// The first element's value for an `itemprop`, unless it is a comment's or a pop-up's
    /// (schema.org's Comment has a `datePublished` too).
    private func itempropValue(_ name: String, headline: Int?) -> String? {
        guard let index = itemprop(name, headline: headline) else { return nil }
        let element = tree.elements[index]
        return element.attribute("content") ?? element.attribute("datetime") ?? tree.text(of: index)
    }

    /// The first element carrying `itemprop` `name` that describes this page: not in a
    /// comment or a pop-up (`Byline.isOutOfView`), nor inside an item of its own whose scope
    /// leaves out the headline (microdata gives a property to its nearest `itemscope`, which
    /// carries the `itemtype` kept here: a related story's card marked up as an Article
    /// names that story's date and author); nil when later such elements disagree with it.
    private func itemprop(_ name: String, headline: Int?) -> Int? {
        guard let found = itempropFirst(name, headline: headline) else { return nil }
        // When later elements say otherwise ("datePublished" on every card of a related-stories
        // rail, with no `itemtype` around them to tell them apart), the first is no more the
        // page's than the others: none is read.
        let first = itempropKey(name, found)
        let later = itemprops[name, default: []].drop { $0 <= found }
        return later.contains { itempropKey(name, $0) != first && !Byline.isOutOfView($0, tree: tree, headline: headline) } ? nil : found
    }

    /// The page's `itemprop=author` elements: the first (`itempropFirst`) and the like
    /// elements beside it, one per author of a byline ("By <span itemprop=author>…</span> and
    /// <span itemprop=author>…</span>"). As for `itemprop`, none when others in view elsewhere
    /// name someone else (a related-stories rail's authors).
    private func itempropAuthors(headline: Int?) -> [Int] {
        guard let first = itempropFirst("author", headline: headline) else { return [] }
        let elements = tree.elements, parent = elements[first].parent
        let all = itemprops["author", default: []].drop { $0 < first }
        let byline = all.filter { elements[$0].parent == parent && elements[$0].tag == elements[first].tag }
        let names = Set(byline.map { itempropKey("author", $0) })
        let elsewhere = all.filter { !byline.contains($0) && !tree.isInside($0, first) }
        return elsewhere.contains { !names.contains(itempropKey("author", $0)) && !Byline.isOutOfView($0, tree: tree, headline: headline) } ? [] : byline
    }

    /// What an `itemprop` element says, dates compared by their day.
    private func itempropKey(_ name: String, _ index: Int) -> String {
        let element = tree.elements[index]
        let raw = element.attribute("content") ?? element.attribute("datetime") ?? tree.text(of: index)
        guard name.hasPrefix("date") else { return raw }
        return DateNormalizer.normalize(raw).map { String($0.prefix(10)) } ?? raw
    }

    private func itempropFirst(_ name: String, headline: Int?) -> Int? {
        itemprops[name]?.first { index in
            guard !Byline.isOutOfView(index, tree: tree, headline: headline) else { return false }
            guard let headline else { return true }
            let elements = tree.elements
            var scope = elements[index].parent
            while scope >= 0, elements[scope].attribute("itemtype") == nil { scope = elements[scope].parent }
            return scope < 0 || (scope <= headline && headline < elements[scope].end)
        }
    }

    /// The first `<time>` with a machine-readable date, as a last resort before the URL; not
    /// a comment's or a pop-up's (`Byline.isOutOfView`).
    private func timeValue(headline: Int?) -> String? {
        for index in times.prefix(5) where !Byline.isOutOfView(index, tree: tree, headline: headline) {
            if let value = tree.elements[index].attribute("datetime"), DateNormalizer.normalize(value) != nil { return value }
        }
        return nil
    }

    private func firstDate(_ values: [String?]) -> String? {
        values.lazy.compactMap { $0.flatMap(DateNormalizer.normalize) }.first
    }

    /// Every value that reads as a date, normalised, in the order given.
    private func dates(_ values: [String?]) -> [String] {
        values.compactMap { $0.flatMap(DateNormalizer.normalize) }
    }

    private func first(_ values: [String?]) -> String? {
        values.lazy.compactMap { $0.map { TextNormalizer.collapse(Entities.decode($0)) } }.first { !$0.isEmpty }
    }

    private func resolve(_ href: String?) -> String? {
        guard let href = href?.trimmingCharacters(in: .whitespacesAndNewlines), !href.isEmpty else { return nil }
        let base = url.flatMap { URL(string: $0) }
        return URL(string: href, relativeTo: base)?.absoluteURL.absoluteString ?? href
    }

    /// "en-US", "en_GB", "EN" → "en".
    private func language(_ value: String?) -> String? {
        guard let value else { return nil }
        let primary = value.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() }
        guard let primary, (2...3).contains(primary.count), primary.allSatisfy(\.isLetter) else { return nil }
        return primary
    }
}
