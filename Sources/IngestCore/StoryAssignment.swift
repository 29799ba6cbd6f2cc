/// Where the deduplicator put a copy: what `StoryIndex.add`/`update` return and what sync's
/// `StoryClustering.assign` hands the engine (one type for both, so nothing translates).
///
///     let placed = index.add(copyID: "https://b.example/9", text: repostText)
///     if placed.joinedExistingStory { /* a wire copy of a known story */ }
public struct StoryAssignment: Sendable, Equatable {
    /// The story the copy now belongs to (a surviving id, never an alias).
    public var storyID: String
    /// True when the story already had other copies (a wire copy joined it).
    public var joinedExistingStory: Bool
    /// Older story ids this copy bridged into `storyID`; they are now aliases of it, and
    /// sync records them as such.
    public var mergedStoryIDs: [String]

    /// An assignment; `mergedStoryIDs` is empty unless the copy merged stories.
    public init(storyID: String, joinedExistingStory: Bool, mergedStoryIDs: [String] = []) {
        self.storyID = storyID
        self.joinedExistingStory = joinedExistingStory
        self.mergedStoryIDs = mergedStoryIDs
    }
}
