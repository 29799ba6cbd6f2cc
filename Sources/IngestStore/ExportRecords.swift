/// One line of `ingest export`: a story with its representative copy's fields and every copy.
struct ExportStory: Encodable {
    /// A copy as listed inside its story.
    struct CopyRef: Encodable {
        var url: String
        var title: String?
        var source: String
        var firstSeen: String
        var contentHash: String
        var deleted: Bool

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: ExportKey.self)
            try container.encode(url, forKey: .url)
            try container.encode(title, forKey: .title)
            try container.encode(source, forKey: .source)
            try container.encode(firstSeen, forKey: .firstSeen)
            try container.encode(contentHash, forKey: .contentHash)
            if deleted { try container.encode(true, forKey: .deleted) }
        }
    }

    var id: String
    var representative: CopyRevision
    var firstSeen: String
    var copies: [CopyRef]
    var deleted: Bool

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: ExportKey.self)
        try container.encode(id, forKey: .id)
        try container.encode(representative.url, forKey: .url)
        try container.encode(representative.title, forKey: .title)
        try container.encode(representative.text, forKey: .text)
        try container.encode(representative.author, forKey: .author)
        try container.encode(representative.published, forKey: .published)
        try container.encode(representative.site, forKey: .site)
        try container.encode(representative.language, forKey: .language)
        try container.encode(representative.contentHash, forKey: .contentHash)
        try container.encode(firstSeen, forKey: .firstSeen)
        try container.encode(representative.updated, forKey: .updated)
        try container.encode(representative.revision, forKey: .revision)
        try container.encode(copies, forKey: .copies)
        if deleted { try container.encode(true, forKey: .deleted) }
    }

    /// The CSV columns (copies as a count and as space-separated URLs).
    static func csvHeader(includeDeleted: Bool) -> [String] {
        ["id", "url", "title", "text", "author", "published", "site", "language", "content_hash",
         "first_seen", "updated", "revision", "copies", "copy_urls"] + (includeDeleted ? ["deleted"] : [])
    }

    /// This story's CSV fields, in header order.
    func csvFields(includeDeleted: Bool) -> [String?] {
        let rep = representative
        return [id, rep.url, rep.title, rep.text, rep.author, rep.published, rep.site, rep.language, rep.contentHash,
                firstSeen, rep.updated, String(rep.revision), String(copies.count),
                copies.map(\.url).joined(separator: " ")] + (includeDeleted ? [String(deleted)] : [])
    }
}

/// One line of `ingest export --copies`: a copy's own fields and its story.
struct ExportCopy: Encodable {
    var story: String
    var revision: CopyRevision

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: ExportKey.self)
        try container.encode(story, forKey: .story)
        try container.encode(revision.url, forKey: .url)
        try container.encode(revision.title, forKey: .title)
        try container.encode(revision.text, forKey: .text)
        try container.encode(revision.author, forKey: .author)
        try container.encode(revision.published, forKey: .published)
        try container.encode(revision.source, forKey: .source)
        try container.encode(revision.firstSeen, forKey: .firstSeen)
        try container.encode(revision.contentHash, forKey: .contentHash)
        try container.encode(revision.revision, forKey: .revision)
        if revision.deleted { try container.encode(true, forKey: .deleted) }
    }

    /// The CSV columns of `--copies`.
    static func csvHeader(includeDeleted: Bool) -> [String] {
        ["story", "url", "title", "text", "author", "published", "source", "first_seen", "content_hash", "revision"]
            + (includeDeleted ? ["deleted"] : [])
    }

    /// This copy's CSV fields, in header order.
    func csvFields(includeDeleted: Bool) -> [String?] {
        let r = revision
        return [story, r.url, r.title, r.text, r.author, r.published, r.source, r.firstSeen, r.contentHash,
                String(r.revision)] + (includeDeleted ? [String(r.deleted)] : [])
    }
}

/// The export's JSON keys (written sorted, so the order is stable).
enum ExportKey: String, CodingKey {
    case id, story, url, title, text, author, published, site, language, source, updated, revision, copies, deleted
    case firstSeen = "first_seen", contentHash = "content_hash"
}

extension CopyRevision {
    /// The authors as one string, or nil when there are none.
    var author: String? { authors.isEmpty ? nil : authors.joined(separator: ", ") }
}
