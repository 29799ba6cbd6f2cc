import IngestCore

/// The extractor as sync uses it (the real one: `IngestExtract.Extractor`). Called
/// concurrently from the fetch tasks.
public protocol ArticleExtracting: Sendable {
    /// Main text and metadata of one fetched page, from its body as received: `encoding` is
    /// its charset when known (`nil`: detect it from the bytes), `contentType` the response's
    /// `Content-Type` (`nil` for a file).
    func extract(html: [UInt8], url: String, encoding: String?, contentType: String?) -> Article
}

/// Story clustering as sync uses it (the real one: `IngestDedup.StoryIndex`). Called from
/// one task only.
public protocol StoryClustering: AnyObject {
    /// The stable content hash of an article text (`sha256:…` of the normalised text);
    /// equal hashes mean "unchanged".
    func contentHash(of text: String) -> String
    /// Places a new copy, or the changed text of a known copy, in a story.
    func assign(copyID: String, text: String) -> StoryAssignment
    /// Forgets a deleted copy.
    func remove(copyID: String)
}
