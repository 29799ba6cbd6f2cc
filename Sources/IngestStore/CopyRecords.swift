/// One stored revision of a copy: a full snapshot, one line of `copies.jsonl`.
public struct CopyRevision: Codable, Sendable, Equatable {
    /// The store-wide sequence number of this revision (append order, kept by compaction).
    public var seq: Int
    /// The sequence number of the copy's first revision: its place in export order.
    public var firstSeq: Int
    public var id: String
    public var story: String
    public var url: String
    public var title: String?
    public var text: String
    public var authors: [String]
    public var published: String?
    public var modified: String?
    public var site: String?
    public var language: String?
    public var description: String?
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

    enum CodingKeys: String, CodingKey {
        case seq, id, story, url, title, text, authors, published, modified, site, language, description
        case source, updated, revision, deleted
        case firstSeen = "first_seen", contentHash = "content_hash", firstSeq = "first_seq"
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
