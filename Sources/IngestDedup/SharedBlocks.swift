/// Blocks (story lines) that many stories carry: a plea, a newsletter box, an agency
/// disclaimer, an "About the author" paragraph. Learned, not listed: each time a block is all
/// the evidence a new copy has for matching another story (`MatchRule.spread` refused the
/// match), the block is seen in two stories' copies. Once it was that evidence against three
/// different stories (so copies of at least four stories carry it), it stops counting:
/// a later copy carrying it must match on the rest of its text (`StoryIndex.isCopy`).
/// Sketches keep it (leaving it out of later sketches only would make them differ from the
/// indexed ones that hold it: their copies would no longer look alike).
///
/// Only blocks that were such evidence are tracked, a few per thousand copies, so this costs
/// next to nothing per indexed copy; it is saved with the index snapshot.
struct SharedBlocks: Sendable, Equatable {
    /// How many different stories a block must have been the lone evidence against. Two
    /// learned a story's own lead paragraph on the dev set: when trimmed copies of one story
    /// are kept apart (a recall miss), its first paragraph is in "several stories" too.
    static let storiesToLearn: UInt8 = 3

    /// Blocks seen as lone evidence: the first story it was seen against and how many
    /// different stories (counting a new one each time the story differs from the first).
    private(set) var sightings: [UInt64: Sighting] = [:]
    /// Fingerprints of blocks that are no story's text.
    private(set) var learned: Set<UInt64> = []

    struct Sighting: Sendable, Equatable {
        var firstStory: Int32
        var stories: UInt8
    }

    /// Notes that `block` was all a new copy shared with story `story`.
    mutating func saw(_ block: UInt64, sharedWith story: Int32) {
        guard !learned.contains(block) else { return }
        var sighting = sightings[block] ?? Sighting(firstStory: story, stories: 0)
        if sighting.stories == 0 || sighting.firstStory != story { sighting.stories += 1 }
        if sighting.stories >= Self.storiesToLearn {
            learned.insert(block)
            sightings[block] = nil
        } else {
            sightings[block] = sighting
        }
    }

    /// Restores saved state (snapshot load).
    init(sightings: [UInt64: Sighting] = [:], learned: Set<UInt64> = []) {
        self.sightings = sightings
        self.learned = learned
    }

    /// Bytes held (dictionary and set entries at ~1.5× their size for the load factor).
    var byteCount: Int { sightings.capacity * 24 + learned.capacity * 12 }
}
