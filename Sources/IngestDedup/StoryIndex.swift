import CPrefetch
import IngestCore

/// Incremental near-duplicate clustering of article copies into stories.
///
/// Each `add` normalises the text, sketches its story lines (`Signature`), finds candidate
/// copies through LSH bands and verifies them (`MatchRule`). A copy joins a story only when it
/// matches the story's own text: its representative (the first copy) or more than half of its
/// copies. Resembling one member is not enough, so a copy that shares a plea or a background
/// paragraph with one story cannot chain a second story into it, and a copy that bridges two
/// stories merges them only when their representatives match each other.
/// Nothing is recomputed over the corpus. Adding the same copies in the same order always
/// yields the same story ids, so a store can rebuild the index by replay.
///
///     var index = StoryIndex()
///     let a = index.add(copyID: "https://a.example/1", text: wireText)
///     let b = index.add(copyID: "https://b.example/9", text: repostText)
///     // b.storyID == a.storyID, b.joinedExistingStory == true
public struct StoryIndex: Sendable {
    let rule = MatchRule()

    // Per document (index = document number; removed documents have story -1).
    var copyKeys: [UInt64] = []        // stable 64-bit hash of the copy id (ids themselves are not kept)
    var docStory: [Int32] = []
    var signatures: [UInt8] = []       // Signature.bins per document
    var shingleCounts: [UInt32] = []
    var sentenceSketches: [UInt8] = []  // Signature.sentenceBins per document
    var sentenceCounts: [UInt16] = []   // 0: none, or unknown (a copy loaded from a version-3 snapshot)
    var bands = BandTable()
    var docOfCopy = CopyTable()         // copy key → document, over copyKeys

    // Per story slot, in creation order (the order decides which id survives a merge).
    var storyIDs: [UInt64] = []
    var parent: [Int32] = []           // merged stories point to the survivor
    var representative: [Int32] = []   // the document whose sketch stands for the story's text
    var members: [Int32] = []          // live copies, kept on the root
    var slotOfID: [UInt64: Int32] = [:]
    /// Blocks (story lines) that recur across stories, learned as copies are added.
    var sharedBlocks = SharedBlocks()
    /// Sketch evidence (bin minima) that recurs across texts, learned as copies are added.
    var commonMinima = CommonMinima()

    /// Candidate copies verified by the adds since this index was created or loaded: how much
    /// the indexed texts share (a diagnostic; most candidates share only a paragraph or two).
    public private(set) var candidatesVerified = 0

    /// Opaque caller data saved with the snapshot (the store keeps how many copies it covers).
    public var watermark: UInt64 = 0

    /// An empty index.
    public init() {}

    /// An empty index with room for `copies` copies (saves the slack of growing arrays: a
    /// store that knows its size passes it).
    public init(reservingCapacity copies: Int) {
        reserve(copies: copies)
    }

    mutating func reserve(copies: Int) {
        copyKeys.reserveCapacity(copies)
        docStory.reserveCapacity(copies)
        signatures.reserveCapacity(copies * Signature.bins)
        shingleCounts.reserveCapacity(copies)
        sentenceSketches.reserveCapacity(copies * Signature.sentenceBins)
        sentenceCounts.reserveCapacity(copies)
        docOfCopy.reserveCapacity(copies, keys: copyKeys)
        bands.reserveCapacity(copies)
    }

    /// Number of live copies.
    public var copyCount: Int { docOfCopy.count }

    /// Adds a copy and returns its story. Adding a `copyID` already present replaces its text
    /// (a new revision): the copy stays in its story when the new text still matches a copy of
    /// it, or when it is the story's only copy (ids stay stable); otherwise it moves as if newly
    /// added.
    @discardableResult
    public mutating func add(copyID: String, text: String) -> StoryAssignment {
        let story = StoryText.blocks(of: text)
        let signature = Signature(storyBytes: story.bytes, blockEnds: story.ends)
        guard let old = doc(ofCopy: copyID) else {
            return insert(copyID: copyID, signature: signature, preferredSlot: nil)
        }
        let slot = root(docStory[Int(old)])
        let keep = members[Int(slot)] == 1 || candidates(of: signature).contains { doc in
            root(docStory[Int(doc)]) == slot && isMatch(signature, doc)
        }
        detach(doc: old)
        return insert(copyID: copyID, signature: signature, preferredSlot: keep ? slot : nil, replacing: old)
    }

    /// Replaces a copy's text (a new revision); the same as `add`, named for the caller's intent.
    @discardableResult
    public mutating func update(copyID: String, text: String) -> StoryAssignment {
        add(copyID: copyID, text: text)
    }

    /// Removes a copy (a deleted article). Returns its story id, or nil when unknown.
    /// A story whose last copy is removed keeps its id reserved but has no copies.
    @discardableResult
    public mutating func remove(copyID: String) -> String? {
        guard let doc = doc(ofCopy: copyID) else { return nil }
        let slot = root(docStory[Int(doc)])
        detach(doc: doc)
        return format(storyIDs[Int(slot)])
    }

    /// The story a copy belongs to now, or nil when the copy is unknown or removed.
    public func storyID(ofCopy copyID: String) -> String? {
        guard let doc = doc(ofCopy: copyID) else { return nil }
        return format(storyIDs[Int(root(docStory[Int(doc)]))])
    }

    /// The surviving id for a story id or an alias merged into it; nil when never issued.
    public func resolve(storyID: String) -> String? {
        guard let raw = UInt64(storyID, radix: 16), let slot = slotOfID[raw] else { return nil }
        return format(storyIDs[Int(root(slot))])
    }

    /// The number of live copies in a story (0 once every copy was removed).
    public func copyCount(ofStory storyID: String) -> Int {
        guard let raw = UInt64(storyID, radix: 16), let slot = slotOfID[raw] else { return 0 }
        return Int(members[Int(root(slot))])
    }

    // MARK: - Internals

    /// Adds document `copyID` to the best verified story (`preferredSlot` when given), or a new one.
    /// `replacing` is the copy's previous revision: when it was its story's representative, the
    /// new revision takes its place (a story's text is its latest revision, not what it once said).
    private mutating func insert(copyID: String, signature: Signature, preferredSlot: Int32?,
                                 replacing old: Int32? = nil) -> StoryAssignment {
        let (stories, wholly) = verifiedStories(of: signature)
        // The story the copy matches best, then every other verified story whose text matches
        // that one's: a copy between two stories that do not match each other joins one only.
        let doc = Int32(copyKeys.count)
        var matched: [Int32] = []
        var representing: Int32? = nil
        if let best = preferredSlot ?? stories.first?.slot {
            if let old, representative[Int(best)] == old { representing = best }
            let text = representing == nil ? sketch(of: representative[Int(best)]) : signature
            matched = [best] + stories.map(\.slot).filter { other in
                other != best && isMatch(text, representative[Int(other)])
            }
        }
        if let representing { representative[Int(representing)] = doc }
        let joined = matched.contains { members[Int($0)] > 0 }
        let slot: Int32
        var mergedIDs: [String] = []
        if let survivor = matched.min() {
            slot = survivor
            for other in matched.sorted() where other != survivor {
                parent[Int(other)] = survivor
                members[Int(survivor)] += members[Int(other)]
                members[Int(other)] = 0
                mergedIDs.append(format(storyIDs[Int(other)]))
            }
        } else {
            slot = newStory(firstCopy: copyID, representative: doc)
        }
        // A text of its own (a new story, or one that matched no text wholly inside or around
        // it) counts towards what is common; another copy of the same text does not.
        if !wholly {
            commonMinima.count(signature.values.indices.compactMap { signature.values[$0] == 0 ? nil : signature.minimumKeys[$0] })
            commonMinima.count(signature.sentences.indices.compactMap { signature.sentences[$0] == 0 ? nil : signature.sentenceKeys[$0] })
        }
        copyKeys.append(Self.key(copyID))
        docStory.append(slot)
        signatures.append(contentsOf: signature.values)
        shingleCounts.append(signature.shingles)
        sentenceSketches.append(contentsOf: signature.sentences)
        sentenceCounts.append(signature.sentenceCount)
        bands.insert(doc: doc, keys: signature.bandKeys)
        docOfCopy.insert(doc: doc, keys: copyKeys)
        members[Int(slot)] += 1
        return StoryAssignment(storyID: format(storyIDs[Int(slot)]), joinedExistingStory: joined, mergedStoryIDs: mergedIDs)
    }

    /// The stories `signature` verifies against, best first: for each story holding a matching
    /// candidate, the copy must match its representative or more than half of its copies; and
    /// whether a verified candidate's text and this one lie (almost) wholly one inside the other.
    private mutating func verifiedStories(of signature: Signature) -> (stories: [(slot: Int32, similarity: Double)], wholly: Bool) {
        let candidates = candidates(of: signature)
        candidatesVerified += candidates.count
        var found: [(slot: Int32, matchedCopies: Int32, similarity: Double)] = []
        var parts = LazyParts(signature)
        var wholly = false
        defer { for (block, story) in parts.concentrated { sharedBlocks.saw(block, sharedWith: story) } }
        for doc in candidates {
            let j = similarity(signature, doc)
            // Most candidates fail here: their story is only looked up (two dependent cache
            // misses in a large index) for a sketch that matches.
            guard isMatch(signature, doc, similarity: j) else { continue }
            let slot = root(docStory[Int(doc)])
            guard isCopy(signature, doc, of: slot, similarity: j, parts: &parts) else { continue }
            let n = shingleCounts[Int(doc)]
            wholly = wholly || rule.wholly(shared: rule.intersection(jaccard: j, signature.shingles, n), signature.shingles, n)
            if let i = found.firstIndex(where: { $0.slot == slot }) {
                found[i].matchedCopies += 1
                found[i].similarity = max(found[i].similarity, j)
            } else {
                found.append((slot, 1, j))
            }
        }
        let stories = found.compactMap { story -> (slot: Int32, similarity: Double)? in
            let rep = representative[Int(story.slot)]
            let verified = story.matchedCopies * 2 > members[Int(story.slot)]
                || isCopy(signature, rep, of: story.slot, similarity: similarity(signature, rep), parts: &parts)
            return verified ? (story.slot, story.similarity) : nil
        }.sorted { $0.similarity > $1.similarity || ($0.similarity == $1.similarity && $0.slot < $1.slot) }
        return (stories, wholly && !stories.isEmpty)
    }

    /// Live documents sharing at least one band key with `signature`, each once, ascending.
    func candidates(of signature: Signature) -> [Int32] {
        var found: [Int32] = []
        found.reserveCapacity(64)  // a typical lookup finds a few dozen: no regrowing
        bands.collect(keys: signature.bandKeys, into: &found)  // removed documents are skipped
        found.sort()
        var unique: [Int32] = []
        unique.reserveCapacity(found.count)
        for doc in found where doc != unique.last { unique.append(doc) }
        // Most candidates are false (they share a paragraph or two), and in a large index each
        // sketch is a cache miss: start them all now so that the misses overlap.
        signatures.withUnsafeBufferPointer { sketches in
            for doc in unique {
                let sketch = sketches.baseAddress! + Int(doc) * Signature.bins
                for line in stride(from: 0, to: Signature.bins, by: 64) { ingest_prefetch(sketch + line) }
                ingest_prefetch(sketch + Signature.bins - 1)
            }
        }
        return unique
    }

    /// Estimated Jaccard similarity of `signature` and document `doc`'s sketch.
    func similarity(_ signature: Signature, _ doc: Int32) -> Double {
        let start = Int(doc) * Signature.bins
        return signature.values.withUnsafeBufferPointer { a in
            signatures.withUnsafeBufferPointer { all in
                Signature.jaccard(a, UnsafeBufferPointer(rebasing: all[start..<start + Signature.bins]))
            }
        }
    }

    func isMatch(_ signature: Signature, _ doc: Int32) -> Bool {
        isMatch(signature, doc, similarity: similarity(signature, doc))
    }

    func isMatch(_ signature: Signature, _ doc: Int32, similarity j: Double) -> Bool {
        // Sizes are only looked up (another cache miss) for a sketch that could match at all.
        j >= rule.minimumJaccard && rule.matches(jaccard: j, signature.shingles, shingleCounts[Int(doc)])
    }

    /// `isMatch`, and the text `signature` shares with `doc` (of story `slot`) is not all in
    /// one of its blocks (`MatchRule.spread`): what a new copy is verified by. Blocks learned
    /// to recur across stories (`SharedBlocks`) are no evidence: the match must stand on the
    /// rest of the text. A block that was all the evidence is noted in `parts`. A story's
    /// representative has no blocks kept, so representatives are compared with `isMatch` alone.
    func isCopy(_ signature: Signature, _ doc: Int32, of slot: Int32, similarity j: Double, parts: inout LazyParts) -> Bool {
        guard isMatch(signature, doc, similarity: j), standsOnItsEvidence(signature, doc, similarity: j, parts: &parts) else { return false }
        let n = shingleCounts[Int(doc)]
        var shared = rule.intersection(jaccard: j, signature.shingles, n)
        let learned = parts.learnedFlags(sharedBlocks.learned)
        // Most copies are (almost) wholly inside the other text: the block rule accepts those
        // whatever their blocks, so they need no block sketches.
        if !learned.contains(true) && rule.wholly(shared: shared, signature.shingles, n) { return true }
        let start = Int(doc) * Signature.bins
        return signatures.withUnsafeBufferPointer { all in
            let other = UnsafeBufferPointer(rebasing: all[start..<start + Signature.bins])
            let sharedWith = { (part: (values: [UInt8], shingles: UInt32)) -> Double in
                part.shingles == 0 ? 0 : part.values.withUnsafeBufferPointer {
                    rule.intersection(jaccard: Signature.jaccard($0, other), part.shingles, n)
                }
            }
            var mine = signature.shingles, theirs = Double(n)
            // What this text has in learned blocks that the other lacks.
            var ownInLearned = 0.0
            if let own = parts.own(sharedBlocks.learned) {
                // The other text holds the learned blocks it shares with this one: take them
                // off both sides.
                let rest = sharedWith(own)
                let inLearned = Double(signature.shingles - own.shingles)
                ownInLearned = inLearned - min(max(0, shared - rest), inLearned)
                theirs = max(rest, theirs - max(0, shared - rest))
                mine = own.shingles
                shared = rest
                let union = Double(mine) + theirs - rest
                guard rest > 0, rule.matches(jaccard: rest / union, mine, UInt32(theirs.rounded())) else { return false }
            }
            // Only a block about as large as the shared text can hold nearly all of it (the
            // estimate of the shared size varies: blocks down to half of it are tried); a text
            // of one block and nothing of its own in learned ones is judged by containment alone.
            let ranges = parts.ranges
            let kept = ranges.indices.filter { !learned[$0] && !ranges[$0].isEmpty }
            var outside = shared, holder = -1
            if kept.count > 1 || ownInLearned > 0 {
                for block in kept where Double(ranges[block].count) > 0.5 * shared {
                    let rest = shared - sharedWith(parts.block(block))
                    if rest < outside { outside = rest; holder = block }
                }
            }
            // `shared` less the block's share is no measure of the text shared outside it: a
            // false candidate passed the containment test because its estimate of `shared` came
            // out high, and that excess would pass for shared text outside the block. When the
            // block holds most of the estimate, the rest of the text is measured on its own, and
            // the block's share plus that rest (a second estimate, by parts) must match too.
            var matchesByParts = true
            if holder >= 0, outside < (1 - rule.dominantBlockShare) * shared {
                let inBlock = shared - outside
                outside = sharedWith(parts.complement(of: holder, learned: sharedBlocks.learned))
                shared = inBlock + outside
                matchesByParts = rule.matches(jaccard: shared / (Double(mine) + theirs - shared), mine, UInt32(theirs.rounded()))
            }
            let holderSize = holder >= 0 ? ranges[holder].count : 0
            // Text of its own in learned blocks the other lacks (a story's lead taken for shared
            // after some of its copies were kept apart) is still this text's: with it, a brief
            // is more than the plea it shares, neither wholly inside the other nor that block.
            let spread = rule.spread(shared: shared, outside: outside, holder: holderSize,
                                     mine + UInt32(ownInLearned.rounded()), UInt32(theirs.rounded()))
            if spread && matchesByParts { return true }
            if holder >= 0 && !spread { parts.concentrated.append((signature.blockFingerprint(holder), slot)) }
            return false
        }
    }

    /// Whether the match of `signature` with document `doc` (similarity `j`) stands on the
    /// evidence it rests on. Evidence that many other texts carry (`CommonMinima`: a beat's
    /// stock sentences, the wording a template puts around each story's names and figures) is
    /// weak: when most of the bins the two sketches agree on hold a common minimum, the match
    /// stands only if the smaller text's own sentences (those not common: an author box or a
    /// stock sentence is) are mostly in the larger one, whole (`MatchRule.sentencesMatch`).
    /// Two stories written from one template share its wording but hardly a sentence, since
    /// nearly every sentence carries their own names or figures; a reprint shares all of its
    /// sentences but the one its dateline changed. Copies with nothing common (most) are
    /// judged by `isMatch` alone.
    ///
    /// Before the sentences, the text's own bins (those whose minimum is not common) are asked
    /// alone: when the two sketches agree on enough of them for the match (`MatchRule.
    /// matchesOnOwnBins`), the texts share what is rare as a copy does, and the match stands. As
    /// a store grows, more of every text's wording is counted common, but what is left is a
    /// story's own: an edited copy (damaged characters, a re-worded sentence, a dateline) keeps
    /// most of it where it fails the whole-sentence check, and two stories of one template
    /// share almost none of it (their names and figures are theirs, the rest common).
    func standsOnItsEvidence(_ signature: Signature, _ doc: Int32, similarity j: Double, parts: inout LazyParts) -> Bool {
        guard let common = parts.commonFlags(commonMinima) else { return true }
        let evidence = evidence(signature, doc, common: common)
        guard evidence.agreeingOnCommon * 2 > evidence.agreeing else { return true }
        let n = shingleCounts[Int(doc)]
        if rule.matchesOnOwnBins(agreeing: evidence.ownAgreeing, of: evidence.own, signature.shingles, n) { return true }
        // A copy loaded from a snapshot that had no sentence sketches: the shingle estimate.
        guard sentenceCounts[Int(doc)] > 0 else {
            return rule.wholly(shared: rule.intersection(jaccard: j, signature.shingles, n), signature.shingles, n)
        }
        // The sentence bins whose minimum is this text's own, and how many of them the other
        // text holds; their share of the filled bins scales both sentence counts.
        let other = Int(doc) * Signature.sentenceBins
        var filled = 0, own = 0, held = 0
        for bin in 0..<Signature.sentenceBins where signature.sentences[bin] != 0 {
            filled += 1
            guard !commonMinima.isCommon(signature.sentenceKeys[bin]) else { continue }
            own += 1
            if sentenceSketches[other + bin] == signature.sentences[bin] { held += 1 }
        }
        guard own > 0 else { return false }
        let share = Double(own) / Double(filled)
        return rule.sentencesMatch(held: held, of: own, Double(signature.sentenceCount) * share, Double(sentenceCounts[Int(doc)]) * share)
    }

    /// The bins `signature` and document `doc`'s sketch agree on, and what they rest on:
    /// `common` says per bin whether the signature's minimum is common.
    func evidence(_ signature: Signature, _ doc: Int32, common: [Bool]) -> Evidence {
        let start = Int(doc) * Signature.bins
        var found = Evidence()
        for bin in 0..<Signature.bins where signature.values[bin] != 0 {
            let agrees = signatures[start + bin] == signature.values[bin]
            if common[bin] {
                if agrees { found.agreeing += 1; found.agreeingOnCommon += 1 }
            } else {
                found.own += 1
                if agrees { found.agreeing += 1; found.ownAgreeing += 1 }
            }
        }
        return found
    }

    /// Bins two sketches agree on (`agreeing`, of which `agreeingOnCommon` hold a common
    /// minimum), and the new text's own bins (filled, minimum not common: `own`), of which the
    /// other agrees on `ownAgreeing`.
    struct Evidence {
        var agreeing = 0, agreeingOnCommon = 0, own = 0, ownAgreeing = 0
    }

    /// A new copy's block sketches, computed once each and only when a candidate needs them
    /// (most adds verify a few matches, and most matches are copies wholly inside the other
    /// text), and the blocks found to be all a match's evidence, with the story matched.
    struct LazyParts {
        private let signature: Signature
        private var flags: [Bool]?
        private var common: [Bool]??
        private var ownSketch: (values: [UInt8], shingles: UInt32)??
        private var blocks: [Int: (values: [UInt8], shingles: UInt32)] = [:]
        var concentrated: [(block: UInt64, story: Int32)] = []
        private(set) lazy var ranges = signature.blockRanges()
        init(_ signature: Signature) { self.signature = signature }

        /// Per block, whether it is learned as shared.
        mutating func learnedFlags(_ learned: Set<UInt64>) -> [Bool] {
            if let flags { return flags }
            let found = learned.isEmpty ? Array(repeating: false, count: signature.blockEnds.count)
                : signature.blockEnds.indices.map { learned.contains(signature.blockFingerprint($0)) }
            flags = found
            return found
        }

        /// Per bin, whether its minimum is common (`CommonMinima`); nil when none is.
        mutating func commonFlags(_ minima: CommonMinima) -> [Bool]? {
            if let common { return common }
            let isCommon = minima.isCommon(signature.minimumKeys)
            let flags = signature.values.indices.map { signature.values[$0] != 0 && isCommon[$0] }
            let found = flags.contains(true) ? flags : nil
            common = .some(found)
            return found
        }

        /// The sketch without the learned blocks, or nil when the text has none.
        mutating func own(_ learned: Set<UInt64>) -> (values: [UInt8], shingles: UInt32)? {
            if let ownSketch { return ownSketch }
            let isLearned = learnedFlags(learned)
            let sketch = isLearned.contains(true) ? signature.sketch { !isLearned[$0] } : nil
            ownSketch = .some(sketch)
            return sketch
        }

        /// The sketch of every block but `block` and the learned ones.
        mutating func complement(of block: Int, learned: Set<UInt64>) -> (values: [UInt8], shingles: UInt32) {
            let isLearned = learnedFlags(learned)
            return signature.sketch { $0 != block && !isLearned[$0] }
        }

        /// The sketch of one block alone.
        mutating func block(_ block: Int) -> (values: [UInt8], shingles: UInt32) {
            if let sketch = blocks[block] { return sketch }
            let sketch = signature.sketch { $0 == block }
            blocks[block] = sketch
            return sketch
        }
    }

    /// The sketch of document `doc` (live or not), without band keys.
    func sketch(of doc: Int32) -> Signature {
        let start = Int(doc) * Signature.bins
        let sentences = Int(doc) * Signature.sentenceBins
        return Signature(values: Array(signatures[start..<start + Signature.bins]), bandKeys: [], shingles: shingleCounts[Int(doc)],
                         sentences: Array(sentenceSketches[sentences..<sentences + Signature.sentenceBins]),
                         sentenceCount: sentenceCounts[Int(doc)])
    }

    private mutating func detach(doc: Int32) {
        let slot = root(docStory[Int(doc)])
        members[Int(slot)] -= 1
        docStory[Int(doc)] = -1
        bands.remove(doc: doc)
        docOfCopy.remove(doc: doc, keys: copyKeys)
    }

    /// The live document of a copy id.
    func doc(ofCopy copyID: String) -> Int32? { docOfCopy.doc(of: Self.key(copyID), keys: copyKeys) }

    /// The stable key under which a copy id is stored (collisions need ~4 billion copies to be likely).
    static func key(_ copyID: String) -> UInt64 { StableHash.fnv1a64(copyID.utf8) }

    /// A new story slot whose id derives from the first copy's id (rehashed on the rare clash).
    private mutating func newStory(firstCopy copyID: String, representative doc: Int32) -> Int32 {
        var id = StableHash.fnv1a64(copyID.utf8)
        var attempt = 0
        while slotOfID[id] != nil || id == 0 {
            attempt += 1
            id = StableHash.fnv1a64((copyID + "#\(attempt)").utf8)
        }
        return appendStory(id: id, parent: nil, representative: doc)
    }

    mutating func appendStory(id: UInt64, parent p: Int32?, representative doc: Int32) -> Int32 {
        let slot = Int32(storyIDs.count)
        storyIDs.append(id)
        parent.append(p ?? slot)
        representative.append(doc)
        members.append(0)
        slotOfID[id] = slot
        return slot
    }

    /// The surviving slot of `slot` (chains are short: each merge points at an older root).
    func root(_ slot: Int32) -> Int32 {
        var s = slot
        while parent[Int(s)] != s { s = parent[Int(s)] }
        return s
    }

    /// A story id as 16 lowercase hex digits (written in place: this runs on every add).
    func format(_ id: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { digits in
            for i in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: id >> (60 - 4 * UInt64(i))) & 0xF
                digits[i] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
            }
            return 16
        }
    }
}

extension StoryIndex {
    /// Bytes held by the index's arrays and tables (an estimate of its in-memory size:
    /// array capacities dictionaries at 16 bytes per entry: 8-byte key, 4-byte value, 0.75 load).
    public var estimatedByteCount: Int {
        copyKeys.capacity * 8 + docStory.capacity * 4 + signatures.capacity + shingleCounts.capacity * 4
            + sentenceSketches.capacity + sentenceCounts.capacity * 2
            + bands.byteCount + docOfCopy.byteCount
            + storyIDs.capacity * 8 + parent.capacity * 4 + representative.capacity * 4 + members.capacity * 4
            + slotOfID.capacity * 16 + sharedBlocks.byteCount + commonMinima.byteCount
    }
}
