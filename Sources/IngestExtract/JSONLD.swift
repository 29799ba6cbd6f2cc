import Foundation

/// Schema.org metadata from `<script type="application/ld+json">` blocks: the first object
/// whose `@type` is an article type, found in top-level arrays, `@graph` lists and nested
/// objects (walked with a bounded queue, never recursively).
struct JSONLD {
    static let articleTypes: Set<String> = [
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "blogposting",
        "liveblogposting", "socialmediaposting", "techarticle", "scholarlyarticle", "report",
        "medicalscholarlyarticle", "satiricalarticle", "advertisercontentarticle", "posting",
    ]

    var headline: String?
    var authors: [String] = []
    /// Authors typed as an Organization: a weaker answer than a person's byline.
    var organisationAuthors: [String] = []
    var published: String?
    var modified: String?
    var publisher: String?
    var url: String?
    var description: String?
    var language: String?
    /// True when an article-typed object was found.
    var isArticle = false
    /// `@type` values seen anywhere (lower-case), for page-kind hints such as CollectionPage.
    var types: Set<String> = []
    /// A Product or ProductGroup with `offers`: a product on sale, not a review of one.
    var offersProduct = false
    /// The article's authors' own descriptions (a Person's `description`, inline or found by
    /// its `@id` in the graph): the text of the author box the page shows under the story.
    var authorDescriptions: [String] = []
    /// The article's `articleBody`: its text as the publisher's system wrote it.
    var body: String?
    /// The article says it is not free to read (`isAccessibleForFree`: false, schema.org's
    /// paywall markup): its `articleBody` is there for search engines, not for readers.
    var isPaywalled = false

    init(scripts: [String]) {
        var article: [String: Any]?
        var webPage: [String: Any]?
        // People by `@id`: a graph names the article's author by reference.
        var people: [String: [String: Any]] = [:]
        for script in scripts {
            // Only blocks that can hold an article, a web page or a page type that is no
            // article are worth parsing (some pages carry hundreds of KB of FAQ data).
            guard script.utf8.count < 4096 || JSONLD.mayDescribeArticle(script), let root = JSONLD.parse(script) else { continue }
            var queue: [Any] = [root]
            var visited = 0
            while !queue.isEmpty, visited < 2000 {
                let item = queue.removeFirst()
                visited += 1
                if let array = item as? [Any] {
                    queue.append(contentsOf: array)
                    continue
                }
                guard let object = item as? [String: Any] else { continue }
                let objectTypes = JSONLD.typeNames(object["@type"])
                types.formUnion(objectTypes)
                if article == nil, !objectTypes.isDisjoint(with: JSONLD.articleTypes) { article = object }
                if webPage == nil, objectTypes.contains("webpage") { webPage = object }
                if objectTypes.contains("person"), let id = object["@id"] as? String { people[id] = object }
                if object["offers"] != nil, objectTypes.contains("product") || objectTypes.contains("productgroup") {
                    offersProduct = true
                }
                // A product group lists its variants, and their offers, under `hasVariant`.
                for (key, value) in object where key == "@graph" || key == "mainEntity" || key == "itemListElement" || key == "hasVariant" {
                    queue.append(value)
                }
            }
        }
        guard let source = article ?? webPage else { return }
        isArticle = article != nil
        headline = JSONLD.string(source["headline"]) ?? JSONLD.string(source["name"])
        for (name, isOrganisation) in JSONLD.typedNames(source["author"] ?? source["creator"]) {
            if isOrganisation { organisationAuthors.append(name) } else { authors.append(name) }
        }
        published = JSONLD.string(source["datePublished"]) ?? JSONLD.string(source["dateCreated"])
        modified = JSONLD.string(source["dateModified"])
        publisher = JSONLD.names(source["publisher"]).first
        url = JSONLD.string(source["url"]) ?? JSONLD.urlString(source["mainEntityOfPage"])
        description = JSONLD.string(source["description"])
        language = JSONLD.string(source["inLanguage"])
        if isArticle { body = source["articleBody"] as? String }
        let free = source["isAccessibleForFree"]
        isPaywalled = free as? Bool == false || (free as? String)?.lowercased() == "false"
        let authorValue = source["author"] ?? source["creator"]
        for case var author as [String: Any] in (authorValue as? [Any] ?? [authorValue as Any]).prefix(20) {
            if author["description"] == nil, let id = author["@id"] as? String, let person = people[id] { author = person }
            if let description = JSONLD.string(author["description"]) { authorDescriptions.append(description) }
        }
    }

    static func mayDescribeArticle(_ script: String) -> Bool {
        let bytes = TextNormalizer.asciiLowercased(script)
        return describingWords.contains { word in bytes.withUnsafeBufferPointer { holds(word, in: $0) } }
    }

    /// Words in the types worth parsing a long script for: articles, web pages, and the page
    /// types that are no article (`Metadata.nonArticleTypes`, products on sale).
    private static let describingWords = ["article", "posting", "webpage", "report", "product", "qapage", "collectionpage",
                                          "itempage", "service", "softwareapplication", "occupationalprogram"].map { Array($0.utf8) }

    /// Whether `haystack` holds the bytes of `needle` in a row (a plain search: no string is
    /// made, nothing is lower-cased).
    static func holds(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if needle.indices.allSatisfy({ haystack[index + $0] == needle[$0] }) { return true }
        }
        return false
    }

    /// Parses one script body; pages often leave raw newlines or tabs inside strings, which
    /// strict JSON forbids, so a second try replaces control characters with spaces.
    static func parse(_ script: String) -> Any? {
        // Trimmed scalar by scalar from the ends: Foundation's trimmingCharacters converts the
        // whole (often large) script to UTF-16 first.
        let scalars = script.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while start < end, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        var text = Substring(String(scalars[start..<end]))
        // Wrappers that hide a script from old parsers: an HTML comment, or a CDATA section
        // (XHTML's habit, often behind `//` so that JavaScript skips it).
        for (open, close) in [("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "]]>")] {
            if text.hasPrefix(open) { text = text.dropFirst(open.count) }
            if text.hasSuffix(close) {
                text = text.dropLast(close.count)
                while text.last?.isWhitespace == true { text = text.dropLast() }
                if text.hasSuffix("//") { text = text.dropLast(2) }
            }
            while text.first?.isWhitespace == true { text = text.dropFirst() }
        }
        if let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) {
            return value
        }
        let cleaned = String(text.unicodeScalars.map { $0.value < 0x20 ? " " : Character($0) })
        return try? JSONSerialization.jsonObject(with: Data(cleaned.utf8), options: [.fragmentsAllowed])
    }

    static func typeNames(_ value: Any?) -> Set<String> {
        if let name = value as? String { return [shortType(name)] }
        if let names = value as? [Any] { return Set(names.compactMap { ($0 as? String).map(shortType) }) }
        return []
    }

    /// "https://schema.org/NewsArticle" and "NewsArticle" both give "newsarticle".
    static func shortType(_ name: String) -> String {
        String(name.split(separator: "/").last ?? "").lowercased()
    }

    static func string(_ value: Any?) -> String? {
        if let text = value as? String {
            let collapsed = TextNormalizer.collapse(text)
            return collapsed.isEmpty ? nil : collapsed
        }
        if let number = value as? NSNumber { return number.stringValue }
        if let array = value as? [Any] { return array.lazy.compactMap { string($0) }.first }
        return nil
    }

    /// A URL given as a string, an object with `url`/`@id`, or a list of those.
    static func urlString(_ value: Any?) -> String? {
        if let text = string(value as? String) { return text }
        if let object = value as? [String: Any] {
            return string(object["url"]) ?? string(object["@id"]) ?? string(object["contentUrl"])
        }
        if let array = value as? [Any] { return array.lazy.compactMap { urlString($0) }.first }
        return nil
    }

    /// Names from a string, a Person/Organization object or a list of either, each with
    /// whether it is typed as an organisation.
    static func typedNames(_ value: Any?) -> [(name: String, isOrganisation: Bool)] {
        if let text = string(value as? String) { return [(text, false)] }
        if let object = value as? [String: Any] {
            let types = typeNames(object["@type"])
            let isOrganisation = !types.isDisjoint(with: ["organization", "newsmediaorganization", "corporation", "localbusiness"])
            return personName(object).map { [($0, isOrganisation)] } ?? []
        }
        if let array = value as? [Any] { return array.prefix(20).flatMap { typedNames($0) } }
        return []
    }

    /// A Person's `name`, else its `givenName` and `familyName` (Der Standard gives only those).
    static func personName(_ object: [String: Any]) -> String? {
        if let name = string(object["name"]) { return name }
        let parts = [string(object["givenName"]), string(object["familyName"])].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// Names from a string, a Person/Organization object, or a list of either.
    static func names(_ value: Any?) -> [String] {
        if let text = string(value as? String) { return [text] }
        if let object = value as? [String: Any] {
            return string(object["name"]).map { [$0] } ?? []
        }
        if let array = value as? [Any] { return array.prefix(20).flatMap { names($0) } }
        return []
    }
}
