/// The deduplicator's merges (`aliases.jsonl`): merged story → the story it was folded into.
/// Chains are followed on lookup, so a story merged twice resolves to the last survivor.
struct StoryAliases {
    private var targets: [StableKey: (key: StableKey, id: String)] = [:]

    /// Merges recorded.
    var count: Int { targets.count }

    /// No merges.
    init() {}

    /// Every merge in an aliases file.
    init(file: RecordFile, _ policy: DamagePolicy = .fail) throws {
        for alias in try file.decodeAll(StoryAlias.self, StoreFiles.Record.alias, policy) { record(alias) }
    }

    /// The story `story` was folded into directly, if any.
    subscript(story: StableKey) -> (key: StableKey, id: String)? { targets[story] }

    /// Records a merge; a later one for the same story replaces the earlier.
    mutating func record(_ alias: StoryAlias) { targets[StableKey(alias.from)] = (StableKey(alias.to), alias.to) }

    /// The surviving story key and id (nil when `story` was never merged), following chains
    /// (bounded, so a hand-made cycle cannot hang).
    func resolve(_ story: StableKey) -> (key: StableKey, id: String?) {
        if targets.isEmpty { return (story, nil) }
        var current: (key: StableKey, id: String?) = (story, nil)
        for _ in 0..<64 {
            guard let next = targets[current.key] else { break }
            current = (next.key, next.id)
        }
        return current
    }

    /// The story a story id now belongs to.
    func survivingStory(of story: String) -> String { resolve(StableKey(story)).id ?? story }
}
