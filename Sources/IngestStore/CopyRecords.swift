import IngestCore

/// One stored revision of a copy: a full snapshot, one line of `copies.jsonl`.
public struct CopyRevision: Sendable, Equatable {
    /// The store-wide sequence number of this revision (append order, kept by compaction).
    public var seq: Int
    /// The sequence number of the copy's first revision: its place in export order.
    public var firstSeq: Int
    public var id: String
    public var story: String
    public var url: String
    /// The extracted article's title, authors, dates, site, language and description.
    public var metadata: ArticleMetadata
    public var text: String
    public var source: String
    /// When the copy was first stored (ISO 8601, UTC).
    public var firstSeen: String
    /// When the copy's text last changed (ISO 8601, UTC).
    public var updated: String
    public var contentHash: String
    /// 1 for the first text, +1 each time the text (content hash) changes.
    public var revision: Int
    /// A tombstone: the URL answered 404/410.
    public var deleted: Bool
}

/// The line's keys are flat: the metadata's beside the revision's own (what `jsonLine` writes
/// and `init(line:)` reads).
extension CopyRevision: Codable {
    private enum CodingKeys: String, CodingKey {
        case seq, id, story, url, text, source, updated, revision, deleted
        case firstSeen = "first_seen", contentHash = "content_hash", firstSeq = "first_seq"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func string(_ key: CodingKeys) throws -> String { try container.decode(String.self, forKey: key) }
        func int(_ key: CodingKeys) throws -> Int { try container.decode(Int.self, forKey: key) }
        self.init(seq: try int(.seq), firstSeq: try int(.firstSeq), id: try string(.id), story: try string(.story),
                  url: try string(.url), metadata: try ArticleMetadata(from: decoder), text: try string(.text),
                  source: try string(.source), firstSeen: try string(.firstSeen), updated: try string(.updated),
                  contentHash: try string(.contentHash), revision: try int(.revision),
                  deleted: try container.decode(Bool.self, forKey: .deleted))
    }

    public func encode(to encoder: any Encoder) throws {
        try metadata.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seq, forKey: .seq)
        try container.encode(firstSeq, forKey: .firstSeq)
        try container.encode(id, forKey: .id)
        try container.encode(story, forKey: .story)
        try container.encode(url, forKey: .url)
        try container.encode(text, forKey: .text)
        try container.encode(source, forKey: .source)
        try container.encode(firstSeen, forKey: .firstSeen)
        try container.encode(updated, forKey: .updated)
        try container.encode(contentHash, forKey: .contentHash)
        try container.encode(revision, forKey: .revision)
        try container.encode(deleted, forKey: .deleted)
    }
}

/// What `Store.append(copies:)` did with one input.
public enum CopyChange: String, Sendable, Equatable {
    /// A copy the store did not have.
    case added
    /// The text changed: a new revision.
    case revised
    /// Same text, but moved to another story or restored after deletion.
    case reassigned
    /// Nothing to store: same story, text and state as the latest revision.
    case unchanged
    /// A tombstone was written.
    case deleted
}

/// The stored revision an append produced or found, and what changed.
public struct CopyAppendResult: Sendable, Equatable {
    public var change: CopyChange
    public var revision: CopyRevision
}
