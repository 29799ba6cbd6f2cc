import Foundation
import IngestCore

/// One line of `ingest export`: a story with its representative copy's fields and every copy.
struct ExportStory {
    /// A copy as listed inside its story.
    struct CopyRef {
        var url: String
        var title: String?
        var source: String
        var firstSeen: String
        var contentHash: String
        var deleted: Bool

        /// Keys sorted; `deleted` only on deleted copies.
        func write(to writer: inout JSONWriter) {
            writer.element()
            writer.beginObject()
            writer.string("content_hash", contentHash)
            if deleted { writer.bool("deleted", true) }
            writer.string("first_seen", firstSeen)
            writer.string("source", source)
            writer.string("title", title)
            writer.string("url", url)
            writer.endObject()
        }
    }

    var id: String
    var representative: CopyRevision
    /// The story's own revision and update time (see `StoreExport.storyRevision`).
    var revision = 0
    var updated = ""
    var firstSeen: String
    var copies: [CopyRef]
    var deleted: Bool

    /// The JSON line: keys sorted, nulls written, `deleted` only on deleted stories.
    var jsonLine: Data {
        let rep = representative, meta = rep.metadata
        var writer = JSONWriter(capacity: rep.text.utf8.count + 256 * copies.count + 512)
        writer.beginObject()
        writer.string("author", meta.author)
        writer.string("content_hash", rep.contentHash)
        writer.beginArray("copies")
        for copy in copies { copy.write(to: &writer) }
        writer.endArray()
        if deleted { writer.bool("deleted", true) }
        writer.string("first_seen", firstSeen)
        writer.string("id", id)
        writer.string("language", meta.language)
        writer.string("published", meta.published)
        writer.string("published_utc", meta.publishedUTC)
        writer.int("revision", revision)
        writer.string("site", meta.site)
        writer.string("text", rep.text)
        writer.string("title", meta.title)
        writer.string("updated", updated)
        writer.string("url", rep.url)
        writer.endObject()
        return Data(writer.bytes)
    }

    /// The CSV columns (copies as a count and as space-separated URLs).
    static func csvHeader(includeDeleted: Bool) -> [String] {
        ["id", "url", "title", "text", "author", "published", "published_utc", "site", "language", "content_hash",
         "first_seen", "updated", "revision", "copies", "copy_urls"] + (includeDeleted ? ["deleted"] : [])
    }

    /// This story's CSV fields, in header order.
    func csvFields(includeDeleted: Bool) -> [String?] {
        let rep = representative, meta = rep.metadata
        return [id, rep.url, meta.title, rep.text, meta.author, meta.published, meta.publishedUTC, meta.site, meta.language,
                rep.contentHash,
                firstSeen, updated, String(revision), String(copies.count),
                copies.map(\.url).joined(separator: " ")] + (includeDeleted ? [String(deleted)] : [])
    }
}

/// One line of `ingest export --copies`: a copy's own fields and its story.
struct ExportCopy {
    var story: String
    var revision: CopyRevision

    /// The JSON line: keys sorted, nulls written, `deleted` only on deleted copies.
    var jsonLine: Data {
        let r = revision, meta = r.metadata
        var writer = JSONWriter(capacity: r.text.utf8.count + 512)
        writer.beginObject()
        writer.string("author", meta.author)
        writer.string("content_hash", r.contentHash)
        if r.deleted { writer.bool("deleted", true) }
        writer.string("first_seen", r.firstSeen)
        writer.string("language", meta.language)
        writer.string("published", meta.published)
        writer.string("published_utc", meta.publishedUTC)
        writer.int("revision", r.revision)
        writer.string("site", meta.site)
        writer.string("source", r.source)
        writer.string("story", story)
        writer.string("text", r.text)
        writer.string("title", meta.title)
        writer.string("updated", r.updated)
        writer.string("url", r.url)
        writer.endObject()
        return Data(writer.bytes)
    }

    /// The CSV columns of `--copies`.
    static func csvHeader(includeDeleted: Bool) -> [String] {
        ["story", "url", "title", "text", "author", "published", "published_utc", "site", "language", "source",
         "first_seen", "updated", "content_hash", "revision"] + (includeDeleted ? ["deleted"] : [])
    }

    /// This copy's CSV fields, in header order.
    func csvFields(includeDeleted: Bool) -> [String?] {
        let r = revision, meta = r.metadata
        return [story, r.url, meta.title, r.text, meta.author, meta.published, meta.publishedUTC, meta.site, meta.language,
                r.source,
                r.firstSeen, r.updated, r.contentHash, String(r.revision)] + (includeDeleted ? [String(r.deleted)] : [])
    }
}

extension ArticleMetadata {
    /// `published` as a UTC store timestamp, beside the page's own form (which keeps its
    /// offset); nil when there is none or it is not ISO 8601.
    var publishedUTC: String? { published.flatMap(Timestamp.string(parsing:)) }
}
