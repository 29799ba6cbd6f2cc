/// Tag, role and class/id rules that mark page furniture: navigation, share bars, comments,
/// ads, newsletter pleas, related-story lists, captions, bylines and the like.
///
/// Class and id values are split into words ("post__share-bar" → post, share, bar) and
/// compared word by word, so "shared" or "address" never match "share" or "ad".
enum Boilerplate {
    /// Elements that are furniture whatever their class.
    static let tags: Set<String> = [
        "nav", "aside", "footer", "form", "figcaption", "dialog", "menu", "fieldset",
        "legend", "noembed", "frameset", "frame",
    ]

    /// ARIA landmarks and widgets that are never the story.
    static let roles: Set<String> = [
        "navigation", "complementary", "banner", "contentinfo", "dialog", "alertdialog",
        "search", "menu", "menubar", "toolbar", "tooltip", "alert", "status", "marquee",
    ]

    /// Words that mark furniture even next to a content word ("comment-content").
    static let strongWords: Set<String> = [
        "comment", "comments", "commentlist", "disqus", "respond", "replies",
        "share", "sharing", "sharebar", "sharedaddy", "social", "socials", "addthis", "sociallinks",
        "newsletter", "newsletters", "subscribe", "subscription", "subscriptions", "signup", "signin",
        "cookie", "cookies", "consent", "gdpr",
        "advert", "advertisement", "advertising", "adsbygoogle", "adslot", "adunit", "sponsor",
        "sponsored", "promo", "promotion", "outbrain", "taboola", "zergnet",
        "related", "recommended", "recommendations", "recirc", "trending", "mostread", "popular",
        "breadcrumb", "breadcrumbs", "navbar", "navigation", "menu", "footer",
        "caption", "captions", "legend", "legends", "credit", "credits", "byline", "bylines", "tags", "tagcloud", "taglist",
        "keywords", "toolbar", "modal", "popup", "overlay", "lightbox", "paywall", "donate", "donation",
        // WordPress's classic themes' filing line under a post ("This entry was posted on …
        // and is filed under …"), written as one word.
        "postmetadata",
        // "skip" only in a skip link's spellings: alone it also marks "skip-lazy" images and
        // a page's "skip-item" sections.
        "skiplink", "skiplinks", "skipnav", "skipto", "skipmain", "skipcontent", "sronly", "screenreader", "visuallyhidden", "pagination", "pager",
        "bio", "authorbio", "authorbox", "authorinfo", "authordetail", "authordetails", "authorcard",
        "aboutauthor", "contributor", "contributors", "tweet", "tiktok", "biography", "print", "ad", "ads", "adsense", "dfp", "gpt",
    ]

    /// Words that mark furniture unless a content word sits beside them.
    static let weakWords: Set<String> = [
        "header", "masthead", "sidebar", "meta", "widget", "banner", "nav", "hidden", "hide", "more", "extra",
        "author", "date", "timestamp", "sticky", "top", "bottom", "community", "teaser", "teasers",
        "card", "cards", "login", "search", "follow", "rss", "subnav", "topics", "topic",
        "category", "categories", "newsletter", "feedback", "rating", "reactions", "toc", "listing", "copyright",
    ]

    /// Words that say "this is the story".
    static let contentWords: Set<String> = [
        "article", "articlebody", "body", "content", "entry", "main", "post", "story", "text",
        "blog", "prose", "richtext", "copy",
    ]

    /// How sure a rule is that an element is furniture.
    enum Verdict {
        /// Not furniture.
        case keep
        /// Furniture whatever it holds: hidden, navigation, comment sections.
        case drop
        /// Furniture by its class or tag, unless it holds much of the page's prose (many
        /// sites put words such as "widget" or "sidebar-layout" on the story's wrappers).
        case dropUnlessProse
        /// Named as pictures' captions: furniture unless it holds nearly all of the page's
        /// prose (a photo essay told in its captions). Beside a story, a gallery's fifty
        /// captions can outweigh it.
        case dropUnlessCaptionsAreTheStory
        /// A hint only ("widget", "meta", "header"): furniture unless it reads like prose.
        case dropUnlessProseLike
        /// Named as a pop-up or an ad network's box: furniture unless it holds the headline
        /// and nearly all of the page's prose, when the name is a theme's for its whole page
        /// ("theme-taboola", "modal-open"), or every headline of the page and a story's prose
        /// (a story opened in a pop-up's frame over a stream). An overlay, however long (a
        /// privacy pop-up that lists every tracker), holds no headline; or unless it is the
        /// story box's only child ("lightbox-content" in "entry-content"), as for comments.
        case dropUnlessNearlyAllProse
        /// Named as comments: furniture unless it is the only child of a box named as the story
        /// and nothing else: then it wraps the story under a feature's name ("comment on
        /// selection"), as a comment section beside the story never is.
        case dropUnlessSoleChildOfStory
    }

    /// Words of comment sections, pop-ups and consent banners: dropped even when they hold
    /// much prose (a long comment thread, a republishing-rules modal or a privacy pop-up that
    /// lists every tracker can outweigh a story), though not on the wrapper of the whole page
    /// (`dropUnlessNearlyAllProse`).
    static let certainWords: Set<String> = commentWords.union(popupWords).union([
        "cookie", "cookies", "consent", "gdpr", "outbrain", "taboola", "zergnet", "adsbygoogle",
    ])

    /// The certain words that name comment sections.
    static let commentWords: Set<String> = ["comment", "comments", "commentlist", "disqus", "respond", "replies"]

    /// The certain words of consent banners: a script-built page's only prose is often its
    /// cookie box, which must never become the story.
    static let consentWords: Set<String> = ["cookie", "cookies", "consent", "gdpr"]

    /// The strong words that name pictures' captions and credits.
    static let captionWords: Set<String> = ["caption", "captions", "legend", "legends", "credit", "credits"]

    /// Words by which a quotation names where it comes from ("twitter-tweet", "tiktok-embed",
    /// "social-media-embed"): a story quotes a post as it quotes a person, so on a
    /// `<blockquote>` or the box that frames one they do not make it furniture, while a
    /// share button's "tweet" or a share bar's "social" still does.
    static let quotedSourceWords: Set<String> = ["tweet", "tiktok", "social"]

    /// Judges an element by itself: tag, role, hidden state, class and id words.
    /// `framesQuotation`: whether the element holds a `<blockquote>` and nothing else (asked
    /// only of an element whose words are furniture).
    static func verdict(_ element: PageTree.Element, words: [String], framesQuotation: () -> Bool = { false }) -> Verdict {
        // A disclosure button (`aria-expanded`) is the label of the panel it opens, an FAQ's
        // question over its answer: it is judged as any element, and goes with its panel.
        if element.tag == "nav" || element.tag == "footer" || (element.tag == "button" && element.attribute("aria-expanded") == nil) {
            return .drop
        }
        let role = element.attribute("role")?.lowercased()
        if isDialog(element, role: role) { return .drop }
        var kinds: WordKind = []
        // An `<article>` or `<main>` is the story's unless named as a pop-up (a log-in dialog's
        // panels, each an `<article class="password-modal">`), and then it is still kept when
        // it holds the headline and nearly all the prose (a theme's "modal-open").
        if element.tag == "article" || element.tag == "main", namesPopup(element) { return .dropUnlessNearlyAllProse }
        if !protectedTags.contains(element.tag) {
            kinds = wordKinds(words)
            if !kinds.isDisjoint(with: [.strong, .certain]), element.tag == "blockquote" || framesQuotation() {
                kinds = wordKinds(words.filter { !quotedSourceWords.contains($0) })
            }
        }
        let certain = kinds.contains(.certain), strong = kinds.contains(.strong)
        let weak = kinds.contains(.weak), content = kinds.contains(.content)
        if certain {
            let named = words.filter(certainWords.contains)
            if named.allSatisfy(commentWords.contains) { return .dropUnlessSoleChildOfStory }
            // A lightbox shows a picture and its caption: a box so named that holds much of the
            // page's prose wraps a story whose pictures open in one ("LightboxWrapper").
            if named.allSatisfy({ $0 == "lightbox" }) { return .dropUnlessProse }
            // A consent banner, or comments among the pop-up words: furniture whatever it holds.
            if named.contains(where: { consentWords.contains($0) || commentWords.contains($0) }) { return .drop }
            return .dropUnlessNearlyAllProse
        }
        // A code listing readers see is part of a tutorial's story; a hidden one (a page's
        // raw source kept for scripts) is not, however much it reads like prose.
        if element.tag == "pre", isHidden(element) { return .drop }
        // An `<aside>` its class names as furniture too ("sidebar", "widget") is the page's
        // sidebar, whatever it holds: beside a short story its widgets outweigh the story.
        if strong || (weak && !content), element.tag == "aside" { return .drop }
        if strong, words.contains(where: captionWords.contains), !wordKinds(words.filter { !captionWords.contains($0) }).contains(.strong) {
            return .dropUnlessCaptionsAreTheStory
        }
        if strong || tags.contains(element.tag) || role.map(roles.contains) == true || isMediaItem(element) { return .dropUnlessProse }
        // React and others stream server-rendered pages into hidden divs, so even hidden
        // content is kept when it reads like prose; not a hidden schema.org item, a copy of
        // the story and its fields written for search engines (`<div style="display:none"
        // itemtype="…/NewsArticle">` with its `articleBody`, dates and image sizes).
        if isHidden(element) { return element.attribute("itemtype") != nil ? .drop : .dropUnlessProseLike }
        // A heading's class names its place in the layout ("module-header", "toc-heading",
        // "teaser-title"), not furniture: a weak word there does not make it less the heading
        // of its section. Its section is judged by its own wrapper.
        if weak && !content && !MainText.headingTags.contains(element.tag) { return .dropUnlessProseLike }
        return .keep
    }

    /// Whether a class or id token of the element names a pop-up ("password-modal"), not
    /// counting WordPress's "tag-…" and "category-…" classes, which name what a post is about.
    static func namesPopup(_ element: PageTree.Element) -> Bool {
        [element.attribute("class"), element.attribute("id")].contains { value in
            guard let value else { return false }
            return value.lowercased().split(whereSeparator: \.isWhitespace).contains { token in
                !token.hasPrefix("tag-") && !token.hasPrefix("category-")
                    && TextNormalizer.words(PageTree.namingClasses(String(token))).contains(where: popupWords.contains)
            }
        }
    }

    static let popupWords: Set<String> = ["modal", "popup", "lightbox"]

    /// Whether class or id words name text for screen readers only: "sr-only", "srOnly",
    /// "visually-hidden", "screen-reader-text" (one word or two).
    static func namesScreenReaderText(_ words: [String]) -> Bool {
        var previous = ""
        for word in words {
            switch (previous, word) {
            case (_, "sronly"), (_, "visuallyhidden"), (_, "screenreader"), ("sr", "only"), ("visually", "hidden"), ("screen", "reader"): return true
            default: previous = word
            }
        }
        return false
    }

    /// Whether the element is a schema.org media item (`itemtype` MediaObject, VideoObject,
    /// AudioObject): an embedded player, whose text is its title, its controls or the
    /// two-click consent notice shown in its place ("An dieser Stelle findest du einen externen
    /// Inhalt von YouTube …"), furniture beside the story unless it holds much of the page's
    /// prose (a page that is one video and its description).
    static func isMediaItem(_ element: PageTree.Element) -> Bool {
        guard let type = element.attribute("itemtype")?.lowercased() else { return false }
        return type.hasSuffix("/mediaobject") || type.hasSuffix("/videoobject") || type.hasSuffix("/audioobject")
    }

    /// A dialog box: a pop-up readers open or dismiss (log-in, consent, share).
    static func isDialog(_ element: PageTree.Element, role: String?) -> Bool {
        role == "dialog" || role == "alertdialog" || element.tag == "dialog"
            || element.attribute("aria-modal")?.lowercased() == "true"
    }

    /// What a class or id word says about its element.
    struct WordKind: OptionSet {
        let rawValue: UInt8
        static let certain = WordKind(rawValue: 1)
        static let strong = WordKind(rawValue: 2)
        static let weak = WordKind(rawValue: 4)
        static let content = WordKind(rawValue: 8)
    }

    /// Every listed word with its kinds: one hash lookup per word instead of one per list.
    static let wordTable: [String: WordKind] = {
        var table: [String: WordKind] = [:]
        for (words, kind) in [(certainWords, WordKind.certain), (strongWords, .strong), (weakWords, .weak),
                              (contentWords, .content)] {
            for word in words { table[word, default: []].insert(kind) }
        }
        return table
    }()

    /// First words of the two-word spellings in `strongWords` ("sr only", "most read").
    static func isPairStart(_ word: String) -> Bool {
        switch word {
        case "sr", "screen", "most", "skip", "author", "about", "visually", "social", "share", "sign": true
        default: false
        }
    }

    /// The kinds of all words, pairs included.
    static func wordKinds(_ words: [String]) -> WordKind {
        var kinds: WordKind = []
        var previous = ""
        for (position, word) in words.enumerated() {
            // The table first: most class words are in none, and need no qualifier check.
            if let kind = wordTable[word], !isQualifier(previous),
               position + 1 == words.count || !isSwitch(words[position + 1]) {
                kinds.formUnion(kind)
            }
            if isPairStart(previous), strongWords.contains(previous + word) { kinds.insert(.strong) }
            previous = word
        }
        return kinds
    }

    /// Class words written as one compound ("commentlinks", "sharebuttons", "relatedposts")
    /// split into the furniture word and the part of a layout it names, as "comment-links"
    /// would be; a word such as "commentary" or "shareholders" is no such compound.
    static func splittingCompounds(_ words: [String]) -> [String] {
        guard words.contains(where: { $0.utf8.count > 6 && wordTable[$0] == nil }) else { return words }
        return words.flatMap { word -> [String] in
            let bytes = word.utf8
            guard bytes.count > 6, wordTable[word] == nil else { return [word] }
            // Longest head first, looked up by length (ids are split per element: a scan of
            // every head with `hasPrefix` was 3 % of the extractor's CPU).
            for length in compoundHeadLengths where length < bytes.count {
                let cut = bytes.index(bytes.startIndex, offsetBy: length)
                let head = String(decoding: bytes[..<cut], as: UTF8.self)
                guard compoundHeads.contains(head) else { continue }
                let tail = String(decoding: bytes[cut...], as: UTF8.self)
                if compoundTails.contains(tail) { return [head, tail] }
            }
            return [word]
        }
    }

    /// Furniture words that start compounds (those of four letters and more; all ASCII).
    static let compoundHeads: Set<String> = certainWords.union(strongWords).filter { $0.utf8.count >= 4 }
    /// Their lengths in bytes, longest first.
    static let compoundHeadLengths: [Int] = Set(compoundHeads.map(\.utf8.count)).sorted(by: >)

    /// The parts of a layout a compound's second half names.
    static let compoundTails: Set<String> = [
        "links", "link", "list", "form", "section", "box", "area", "wrap", "wrapper", "container", "block",
        "count", "thread", "bar", "button", "buttons", "icons", "tools", "widget", "panel", "module", "banner",
        "notice", "items", "item", "posts", "stories", "articles", "title", "heading",
    ]

    /// Words after which a class word names a feature the element turns on or off, not what
    /// it is: "modal-enabled" and "enable-lightbox" sit on the wrappers of whole stories whose
    /// pictures open in a lightbox.
    static func isSwitch(_ word: String) -> Bool {
        word == "enabled" || word == "disabled"
    }

    /// Words after which a class word names what the element lacks or holds, not what it is:
    /// "titleNoCredit" (a title box without a photo credit), "no-sidebar", "non-sticky",
    /// "has-sidebar", "with-share" (a layout that holds a sidebar or share bar beside it),
    /// "enable-lightbox" (a feature switched on, as `isSwitch` reads "modal-enabled"); and
    /// CSS properties, after which a word is a style's value ("overflow-hidden" clips, it
    /// hides nothing; "valign-top", "padding-bottom", "position-sticky").
    static func isQualifier(_ word: String) -> Bool {
        switch word {
        case "no", "non", "without", "has", "with", "enable", "disable",
             "overflow", "padding", "margin", "border", "valign", "halign", "align", "offset", "position": true
        default: false
        }
    }

    /// Elements never dropped for their class: WordPress and others put words such as
    /// "has-sidebar" or "tag-politics" on the wrapper of the whole story.
    static let protectedTags: Set<String> = ["html", "body", "main", "article"]

    private static let hiddenStyles = ["display:none", "visibility:hidden"].map { Array($0.utf8) }

    static func isHidden(_ element: PageTree.Element) -> Bool {
        if element.attribute("hidden") != nil { return true }
        if element.attribute("aria-hidden")?.lowercased() == "true" { return true }
        guard let style = element.attribute("style") else { return false }
        // On bytes: style attributes are everywhere, and the words looked for are ASCII.
        var compact = TextNormalizer.asciiLowercased(style)
        compact.removeAll { $0 == 0x20 }
        return compact.withUnsafeBufferPointer { bytes in
            hiddenStyles.contains { needle in
                bytes.count >= needle.count && (0...(bytes.count - needle.count)).contains { start in
                    bytes[start] == needle[0] && needle.indices.allSatisfy { bytes[start + $0] == needle[$0] }
                }
            }
        }
    }

    /// Whole short paragraphs that are furniture on any news site.
    static func isFurnitureLine(_ text: String) -> Bool {
        let length = text.utf8.count
        guard length < 300 else { return false }
        let lowered = trimmed(TextNormalizer.asciiLowercased(text))
        if furniturePrefixBytes.contains(where: { lowered.starts(with: $0) }) || isShortcode(lowered) { return true }
        guard length < 100 else { return false }
        let words = lowered.split(whereSeparator: { !isWordByte($0) }).map { String(decoding: $0, as: UTF8.self) }
        if furnitureLines.contains(String(decoding: lowered, as: UTF8.self)) { return true }
        if length < 40 {
            let label = text.lowercased().trimmingCharacters(in: CharacterSetLite(" :-–—·|()[]»›>…."))
            if otherLanguageLines.contains(label) { return true }
        }
        return isBareURL(lowered) || isReadingTime(words) || isButtonRow(words) || isScriptNotice(words)
            || (bylinePrefixBytes.contains { lowered.starts(with: $0) } && isFragment(text)) || isIconLine(text)
    }

    /// A line of a few symbols and nothing else: an icon font's glyph, a rating's stars, a
    /// table cell's tick or cross, a gallery's "<<" and ">" buttons. Not currency ("$$", a
    /// price level), punctuation (a code listing's "}", "§") or dashes, which texts use.
    static func isIconLine(_ text: String) -> Bool {
        var count = 0
        for scalar in text.unicodeScalars where scalar != " " {
            count += 1
            guard count <= iconLineSymbols else { return false }
            switch scalar.properties.generalCategory {
            case .otherSymbol, .mathSymbol, .privateUse: continue
            default: return false
            }
        }
        return count > 0
    }

    /// Symbols above which a line of them is a rule or a drawing (a code listing's box), not icons.
    static let iconLineSymbols = 5

    static let furnitureLines: Set<String> = [
        "advertisement", "advertisements", "advert", "adverts", "sponsored", "sponsored content", "story continues below",
        "story continues below advertisement", "continue reading", "continue reading below",
        "read more", "read more below", "share", "share this", "share this article", "share this story",
        "comments", "leave a reply", "leave a comment", "post a comment", "related", "related articles",
        "related content", "related stories", "related posts", "you may also like", "most read",
        "most popular", "recommended", "recommended for you", "tags", "topics", "print", "email",
        "facebook", "twitter", "linkedin", "whatsapp", "copy link", "click to share",
        "skip to content", "skip to main content", "back to top", "scroll to top",
        "article continues below", "article continues after advertisement", "ad", "ads",
        "follow us", "sign up", "subscribe", "listen to this article", "image", "photo",
        "show caption", "hide caption", "jump to", "on this page", "contents", "table of contents",
        "in this article", "what to read next", "scroll for more", "scroll to continue", "by",
        "toggle caption", "enlarge this image", "view comments", "view gallery",
        // A spinner's or a video player's text, shown until a script replaces it.
        "loading", "loading...", "loading…", "video loading", "video unavailable", "click to play", "tap to play",
    ]

    /// Stock lines in other languages, lower-cased, each a line of its own (the English ones
    /// are in `furnitureLines`): "Advertisement" over an ad's slot ("REKLAM", "Anzeige",
    /// "Реклама"), then "Read more", "Read also" and "More on this" over links to other
    /// stories ("Czytaj więcej", "Mehr zum Thema", "Lire aussi").
    static let otherLanguageLines: Set<String> = [
        "anzeige", "werbung", "publicité", "publicidad", "pubblicità", "publicidade", "reklam", "reklama",
        "reklame", "annons", "annonse", "annonce", "advertentie", "mainos", "hirdetés", "διαφήμιση", "реклама",
        "广告", "廣告", "広告", "광고", "إعلان", "פרסומת", "iklan", "quảng cáo", "publicitate", "oglas",
        "mehr zum thema", "lesen sie auch", "lesen sie mehr", "weiterlesen", "auch interessant", "das könnte sie auch interessieren",
        "lire aussi", "lire la suite", "à lire aussi", "a lire aussi", "voir aussi", "sur le même sujet",
        "leer más", "lee también", "lea también", "te puede interesar", "leggi anche", "leggi di più", "potrebbe interessarti",
        "leia mais", "leia também", "lees ook", "lees meer", "läs också", "läs mer", "les også", "les mer", "læs også", "læs mere",
        "czytaj więcej", "czytaj też", "czytaj także", "zobacz też", "čtěte také", "přečtěte si také", "читайте также", "читайте також",
        "читати також", "devamını oku", "ayrıca bakınız", "ilginizi çekebilir", "lue myös", "olvassa el",
    ]

    /// Words of share-button rows ("Facebook Twitter Email").
    static let shareButtonWords: Set<String> = [
        "facebook", "twitter", "x", "email", "e", "mail", "linkedin", "whatsapp", "pinterest", "reddit",
        "print", "share", "copy", "link", "telegram", "threads", "bluesky", "flipboard", "messenger", "sms",
    ]

    /// Words of a view counter; built once, not on every line.
    static let counterWords: Set<String> = ["views", "visits", "shares", "comments", "times", "today", "visited"]

    /// A line made only of share-button names, or a view counter ("1,693 views").
    static func isButtonRow(_ words: [String]) -> Bool {
        guard !words.isEmpty else { return false }
        if words.allSatisfy(shareButtonWords.contains) { return true }
        let numbers = words.filter { $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }.count
        let counted = words.filter(counterWords.contains).count
        return numbers > 0 && counted > 0 && numbers + counted == words.count
    }

    /// Phrases of donation and subscription pleas ("Dear Reader … for $5 a month"), which
    /// news sites put inside or under the story.
    /// Each phrase is one a news story itself would hardly use ("fundraising" or "become a
    /// member" alone would drop political and NATO stories).
    static let pleaPhrases: [String] = [
        "small favor to ask", "small favour to ask", "support our journalism", "support our reporting",
        "support independent journalism", "support quality journalism", "please consider supporting us",
        "please consider pitching in", "donate now", "become a subscriber",
        "become a patron", "subscribe now", "a month you will receive", "for $5 a month",
        "per month you will receive", "we ask you to be our partner", "fundraising effort of the year",
        "every dollar you give", "has not put up a paywall", "have not put up a paywall",
        "help us grow and continue", "sign up for our newsletter", "sign up for our free",
        "subscribe to our newsletter", "join our facebook page", "follow us on", "already a subscriber",
        "subscribe to continue reading", "log in to continue reading", "create a free account",
        "unlock this article", "already have an account", "to read the rest of this story",
        "subscribe to read", "republish our articles", "republish this story",
        // Affiliate disclosures.
        "we may earn a commission", "we may earn a small commission", "we may be compensated",
        "may include paid promotion", "earn a commission from", "we earn from qualifying purchases",
    ]

    /// Whether a paragraph is part of a donation or subscription plea.
    static func isPlea(_ text: String) -> Bool {
        guard text.utf8.count < 900 else { return false }
        let lowered = TextNormalizer.asciiLowercased(text)
        // One pass: only where the next two bytes start some phrase are phrases compared.
        return lowered.withUnsafeBufferPointer { bytes in
            guard bytes.count >= 2 else { return false }
            for index in 0..<(bytes.count - 1) {
                let bucket = pleaStarts[Int(bytes[index]) << 8 | Int(bytes[index + 1])]
                guard bucket > 0 else { continue }
                // Only the phrases that start with this pair ("a " starts one, not forty).
                for phrase in pleaBuckets[Int(bucket) - 1] where phrase.count <= bytes.count - index {
                    if phrase.indices.allSatisfy({ bytes[index + $0] == phrase[$0] }) { return true }
                }
            }
            return false
        }
    }

    /// The plea phrases' bytes grouped by their first two bytes.
    private static let pleaBuckets: [[[UInt8]]] = {
        var buckets: [[UInt8]: [[UInt8]]] = [:]
        for phrase in pleaPhrases.map({ Array($0.utf8) }) { buckets[Array(phrase.prefix(2)), default: []].append(phrase) }
        return buckets.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { buckets[$0]! }
    }()
    /// Which bucket (1-based; 0 for none) holds the phrases starting with a two-byte pair,
    /// indexed by (first << 8 | second).
    private static let pleaStarts: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 1 << 16)
        for (bucket, phrases) in pleaBuckets.enumerated() {
            table[Int(phrases[0][0]) << 8 | Int(phrases[0][1])] = UInt8(bucket + 1)
        }
        return table
    }()

    /// A paragraph that is only a web address (source lists, embeds that failed to load).
    static func isBareURL(_ lowered: ArraySlice<UInt8>) -> Bool {
        (lowered.starts(with: "http://".utf8) || lowered.starts(with: "https://".utf8) || lowered.starts(with: "www.".utf8))
            && !lowered.contains(0x20)
    }

    /// A WordPress shortcode the site failed to render: "[button link=… type=big] Send us your
    /// review[/button]", "[convertkit form=1630175]": a bracketed name and an attribute. An
    /// editor's bracketed note ("[Image description: …]") has no "=" in it.
    static func isShortcode(_ lowered: ArraySlice<UInt8>) -> Bool {
        guard lowered.first == UInt8(ascii: "[") else { return false }
        let name = lowered.dropFirst().prefix { isWordByte($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
        let rest = lowered.dropFirst(1 + name.count)
        guard !name.isEmpty, rest.first == UInt8(ascii: " ") else { return false }
        return rest.prefix { $0 != UInt8(ascii: "]") }.contains(UInt8(ascii: "="))
    }

    /// A notice for readers without scripts: "This slideshow requires JavaScript.", "Please
    /// enable JavaScript to view the comments." A story that discusses JavaScript says more.
    static func isScriptNotice(_ words: [String]) -> Bool {
        words.count <= 12 && words.contains("javascript")
            && words.contains { ["requires", "required", "enable", "enabled", "activate", "activated"].contains($0) }
    }

    /// "3 min read", "5 minute read", "Reading time: 4 minutes".
    static func isReadingTime(_ words: [String]) -> Bool {
        guard words.count <= 5, words.contains(where: { $0 == "read" || $0 == "reading" }) else { return false }
        return words.contains { $0.hasPrefix("min") } && words.contains { $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }

    /// ASCII letters and digits, and every byte of a multi-byte character.
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
    }

    private static let trimmedASCII: Set<UInt8> = Set(" .:!|->".utf8)
    private static let trimmedMarks: [[UInt8]] = ["–", "—", "»", "›"].map { Array($0.utf8) }

    /// Drops spaces and separator punctuation (ASCII, and – — » ›) from both ends.
    static func trimmed(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var slice = bytes[...]
        var changed = true
        while changed {
            changed = false
            while let first = slice.first, trimmedASCII.contains(first) { slice = slice.dropFirst(); changed = true }
            while let last = slice.last, trimmedASCII.contains(last) { slice = slice.dropLast(); changed = true }
            for mark in trimmedMarks {
                if slice.starts(with: mark) { slice = slice.dropFirst(mark.count); changed = true }
                if slice.count >= mark.count, slice.suffix(mark.count).elementsEqual(mark) {
                    slice = slice.dropLast(mark.count); changed = true
                }
            }
        }
        return slice
    }

    /// A short line that is not a sentence: few words, no closing full stop.
    static func isFragment(_ text: String) -> Bool {
        guard let last = text.last, !".?!\"”".contains(last) else { return false }
        return text.split(separator: " ").count <= 12
    }

    /// Byline and dateline starts; such lines are metadata, not story.
    static let bylinePrefixBytes = bylinePrefixes.map { Array($0.utf8) }
    static let bylinePrefixes: [String] = [
        "by ", "posted by ", "written by ", "published ", "updated ", "last updated", "posted on ", "published on",
    ]

    static let furniturePrefixBytes = furniturePrefixes.map { Array($0.utf8) }
    static let furniturePrefixes: [String] = [
        "read more:", "related:", "see also:", "also read:", "read also:", "recommended:",
        "sign up for", "subscribe to", "click here to", "follow us on", "share on ", "share this",
        "photo:", "image:", "photo credit", "image credit", "credit:", "(photo", "(image",
        "listen to this article", "this article was originally published", "this story was originally published",
        "this story was produced by", "this article was produced by", "contact staff writer", "filed under",
        "all rights reserved", "©", "copyright ©",
    ]
}

extension String {
    /// Trims characters in `set` from both ends.
    func trimmingCharacters(in set: CharacterSetLite) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, set.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}

/// A tiny character set, so this module needs no Foundation for trimming.
/// Its members are single scalars, kept in an array: these sets hold a few characters and
/// are made on every call, where a `Set` would hash each one first.
struct CharacterSetLite {
    let scalars: [Unicode.Scalar]
    init(_ characters: String) { scalars = Array(characters.unicodeScalars) }
    func contains(_ character: Character) -> Bool {
        let view = character.unicodeScalars
        guard let first = view.first, view.index(after: view.startIndex) == view.endIndex else { return false }
        return scalars.contains(first)
    }
}
