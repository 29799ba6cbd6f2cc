import Foundation
import IngestCore

/// The store's own fast reading and writing of copy revision lines (the hot path of opening,
/// appending and exporting). The line is the same JSON that the `Codable` conformance reads.
extension CopyRevision {
    /// The fields of a line, in scanner order.
    private enum Field: Int, CaseIterable {
        case authors, byline, contentHash, deleted, description, firstSeen, firstSeq, id, language, modified, published
        case revision, seq, site, source, story, text, title, updated, url
    }

    private static let scanner = FieldScanner(keys: [
        "authors", "byline", "content_hash", "deleted", "description", "first_seen", "first_seq", "id", "language", "modified",
        "published", "revision", "seq", "site", "source", "story", "text", "title", "updated", "url",
    ])

    /// Decodes a line of copies.jsonl; nil when it is not a copy revision.
    init?(line: UnsafeRawBufferPointer) {
        guard let values = CopyRevision.scanner.scan(line) else { return nil }
        let field = { (name: Field) in values[name.rawValue] }
        guard let seq = field(.seq).int, let firstSeq = field(.firstSeq).int, let id = field(.id).string,
              let story = field(.story).string, let url = field(.url).string, let text = field(.text).string,
              let source = field(.source).string, let firstSeen = field(.firstSeen).string,
              let updated = field(.updated).string, let contentHash = field(.contentHash).string,
              let revision = field(.revision).int, let deleted = field(.deleted).bool
        else { return nil }
        var authors: [String] = []
        if case let .strings(values)? = field(.authors) { authors = values }
        let metadata = ArticleMetadata(title: field(.title).string, authors: authors, published: field(.published).string,
                                       modified: field(.modified).string, site: field(.site).string,
                                       language: field(.language).string, description: field(.description).string,
                                       byline: field(.byline).string)
        self.init(seq: seq, firstSeq: firstSeq, id: id, story: story, url: url, metadata: metadata, text: text,
                  source: source, firstSeen: firstSeen, updated: updated, contentHash: contentHash, revision: revision,
                  deleted: deleted)
    }

    /// The line for copies.jsonl: keys sorted, absent optionals left out.
    var jsonLine: Data {
        var writer = JSONWriter(capacity: text.utf8.count + 512)
        writer.beginObject()
        writer.strings("authors", metadata.authors)
        writer.stringIfPresent("byline", metadata.byline)
        writer.string("content_hash", contentHash)
        writer.bool("deleted", deleted)
        writer.stringIfPresent("description", metadata.description)
        writer.string("first_seen", firstSeen)
        writer.int("first_seq", firstSeq)
        writer.string("id", id)
        writer.stringIfPresent("language", metadata.language)
        writer.stringIfPresent("modified", metadata.modified)
        writer.stringIfPresent("published", metadata.published)
        writer.int("revision", revision)
        writer.int("seq", seq)
        writer.stringIfPresent("site", metadata.site)
        writer.string("source", source)
        writer.string("story", story)
        writer.string("text", text)
        writer.stringIfPresent("title", metadata.title)
        writer.string("updated", updated)
        writer.string("url", url)
        writer.endObject()
        return Data(writer.bytes)
    }
}
