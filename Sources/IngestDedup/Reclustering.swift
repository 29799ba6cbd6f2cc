import IngestCore

/// Re-clustering an existing store with the current rules: every live copy is added again, in
/// the order it is given (`ingest compact --recluster` gives settling's, `settlingOrder`), to a
/// fresh `StoryIndex`, and the stories it forms get the store's old ids wherever they keep
/// their copies.
///
///     var plan = Reclustering()
///     for copy in liveCopiesInSettlingOrder { plan.add(copyID: copy.id, story: copy.story, text: copy.text) }
///     let result = plan.finish(aliases: knownAliases)
///     // result.moves: copy → new story; result.aliases: old id → the story its copies went to
///
/// Ids: each old story id goes to the new story holding most of its copies (largest first,
/// each id to one story), so a story that kept its copies keeps its id and a wrongly merged
/// story keeps its id on its larger part. A new story holding no old story's plurality gets a
/// fresh id (its first copy's hash, never an id the store ever issued). An old id left without
/// a story becomes an alias of the story most of its copies went to. Nothing is lost: every
/// live copy is in exactly one story of the result.
///
/// Settling a round (`init(settling:)`, what `ingest sync` does at its end): the copies a
/// round added, changed or deleted since `base` was saved are taken again, from `base`, in a
/// canonical order (`settlingKey`: longest text first) instead of the order they arrived in, so the stories
/// are a function of the set of copies, not of which fetch finished first or which worker
/// leased which site. The stories `base` held keep their ids; the round's stories get ids as
/// above, from the copies' stored stories.
public struct Reclustering: Sendable {
    /// A story that re-clustering split or that gathered copies of several old stories.
    public struct Change: Equatable, Sendable {
        /// The old story id (a split) or the new one (a merge).
        public let storyID: String
        /// The stories it now spans (a split, its own id first when it kept it) or the old
        /// stories it gathered (a merge), sorted after the first.
        public let others: [String]
        /// Its live copies.
        public let copies: Int
    }

    /// The outcome; the store applies `moves` and `aliases`, and saves `index` as its snapshot.
    public struct Result: Sendable {
        /// Copy id → its new story id, for every copy whose story changes.
        public let moves: [String: String]
        /// Old story id → the story now standing for it, for old ids that no story keeps.
        public let aliases: [(from: String, to: String)]
        /// Old stories whose copies now lie in more than one story.
        public let splits: [Change]
        /// New stories holding copies of more than one old story.
        public let merges: [Change]
        /// The index over the new stories, with the store's ids (old ones resolve).
        public let index: StoryIndex
        /// Live copies and stories re-clustered.
        public let copies: Int
        public let stories: Int
    }

    private var index = StoryIndex()
    private var copyIDs: [String] = []
    private var oldStory: [String] = []
    /// Settling: the index the round started from, and the round's copies (no text: deleted),
    /// added by `finish` in canonical order (`settlingKey`), the same for any arrival order.
    private var base: StoryIndex?
    private var round: [(copyID: String, story: String, text: String?)] = []

    /// An empty plan.
    public init() {}

    /// A plan that settles a round on top of `base` (see the type).
    public init(settling base: StoryIndex) {
        self.base = base
        index = base
    }

    /// Adds a live copy with its text and its current (surviving) story id.
    public mutating func add(copyID: String, story: String, text: String) {
        guard base == nil else { return round.append((copyID, story, text)) }
        index.add(copyID: copyID, text: text)
        copyIDs.append(copyID)
        oldStory.append(story)
    }

    /// Settling: a copy the round deleted.
    public mutating func remove(copyID: String) {
        round.append((copyID, "", nil))
    }


    /// The new stories with ids assigned as described on the type. `aliases` are the store's
    /// recorded merges (old id → id it was merged into): their ids stay reserved and resolvable.
    public func finish(aliases known: [(from: String, to: String)] = []) -> Result {
        var index = self.index
        var copyIDs = self.copyIDs, oldStory = self.oldStory
        // Settling: stories `base` held keep their ids (their earlier copies are stored under
        // them), and no other story may take one.
        let baseSlots = base?.storyIDs.count ?? 0
        let reserved = Set(base.map { Array($0.slotOfID.keys) } ?? [])
        let isReserved = { (id: String) in UInt64(id, radix: 16).map(reserved.contains) ?? false }
        if base != nil {
            index.merge(aliases: known, below: Int32(baseSlots))
            for (_, _, copy) in round.map(Self.settlingKey).sorted(by: { ($0.0, $0.1, $0.2.copyID) < ($1.0, $1.1, $1.2.copyID) }) {
                guard let text = copy.text else { index.remove(copyID: copy.copyID); continue }
                index.add(copyID: copy.copyID, text: text)
                copyIDs.append(copy.copyID)
                oldStory.append(copy.story)
            }
        }
        // The new stories, in order of first copy, and the old ids in each.
        var clusterOf: [Int32: Int] = [:]
        var clusterSlot: [Int32] = []
        var copiesOf: [[Int]] = []
        for (i, id) in copyIDs.enumerated() {
            let slot = index.root(index.docStory[Int(index.doc(ofCopy: id)!)])
            let cluster = clusterOf[slot] ?? { clusterSlot.append(slot); copiesOf.append([]); clusterOf[slot] = copiesOf.count - 1; return copiesOf.count - 1 }()
            copiesOf[cluster].append(i)
        }
        var counts: [String: [Int: Int]] = [:]  // old id → cluster → copies
        for (cluster, members) in copiesOf.enumerated() {
            for i in members { counts[oldStory[i], default: [:]][cluster, default: 0] += 1 }
        }
        // Largest overlaps first; each old id and each cluster taken once.
        let pairs = counts.flatMap { old, byCluster in byCluster.map { (old: old, cluster: $0.key, copies: $0.value) } }
            .sorted { ($0.copies, -$0.cluster, $1.old) > ($1.copies, -$1.cluster, $0.old) }
        var name: [Int: String] = [:]
        var taken: Set<String> = []
        for (cluster, slot) in clusterSlot.enumerated() where slot < baseSlots {
            name[cluster] = index.format(index.storyIDs[Int(slot)])
            taken.insert(name[cluster]!)
        }
        // Only ids the index can hold (16 hex digits, as it issues them) are kept; another id
        // (a store written by hand) becomes an alias of a fresh one.
        for pair in pairs where name[pair.cluster] == nil && !taken.contains(pair.old) && !isReserved(pair.old)
            && Self.isIndexID(pair.old) {
            name[pair.cluster] = pair.old
            taken.insert(pair.old)
        }
        // Fresh ids never collide with any id the store issued (old, aliased or kept).
        var issued = Set(oldStory).union(known.map(\.from)).union(known.map(\.to))
        for cluster in copiesOf.indices where name[cluster] == nil {
            let first = copyIDs[copiesOf[cluster][0]]
            var id = StableHash.fnv1a64(first.utf8), attempt = 0
            while issued.contains(index.format(id)) || reserved.contains(id) || id == 0 {
                attempt += 1
                id = StableHash.fnv1a64((first + "#\(attempt)").utf8)
            }
            name[cluster] = index.format(id)
            issued.insert(index.format(id))
        }
        var moves: [String: String] = [:]
        for (cluster, members) in copiesOf.enumerated() {
            for i in members where oldStory[i] != name[cluster]! { moves[copyIDs[i]] = name[cluster]! }
        }
        var aliases: [(from: String, to: String)] = []
        var splits: [Change] = [], merges: [Change] = []
        for (old, byCluster) in counts.sorted(by: { $0.key < $1.key }) {
            let largest = byCluster.max { ($0.value, -$0.key) < ($1.value, -$1.key) }!.key
            if !taken.contains(old) && !isReserved(old) { aliases.append((old, name[largest]!)) }
            if byCluster.count > 1 {
                let kept = byCluster.keys.first { name[$0] == old }
                let parts = (kept.map { [name[$0]!] } ?? []) + byCluster.keys.filter { $0 != kept }.map { name[$0]! }.sorted()
                splits.append(Change(storyID: old, others: parts, copies: byCluster.values.reduce(0, +)))
            }
        }
        for (cluster, members) in copiesOf.enumerated() {
            let olds = Set(members.map { oldStory[$0] })
            if olds.count > 1 {
                merges.append(Change(storyID: name[cluster]!, others: olds.sorted(), copies: members.count))
            }
        }
        merges.sort { $0.storyID < $1.storyID }
        let names = Set(name.values)
        if let base {
            // Stories of `base` that the round merged into another one (the survivor is the
            // older, a story of `base` too): the store learns it by an alias, unless it has one.
            let aliased = Set(known.map(\.from))
            for slot in 0..<Int32(baseSlots) where base.parent[Int(slot)] == slot && index.parent[Int(slot)] != slot {
                let id = index.format(index.storyIDs[Int(slot)])
                if !aliased.contains(id) { aliases.append((id, index.format(index.storyIDs[Int(index.root(slot))]))) }
            }
            index.adopt(names: clusterSlot.indices.map { (clusterSlot[$0], name[$0]!) }, roundSlotsFrom: Int32(baseSlots),
                        aliases: aliases.filter { !names.contains($0.from) && Self.isIndexID($0.from) })
        } else {
            index.adopt(names: clusterSlot.indices.map { (clusterSlot[$0], name[$0]!) },
                        aliases: (aliases + known).filter { !names.contains($0.from) && Self.isIndexID($0.from) })
        }
        return Result(moves: moves, aliases: aliases, splits: splits, merges: merges, index: index,
                      copies: copyIDs.count, stories: copiesOf.count)
    }
}

extension Reclustering {
    /// True for a story id as `StoryIndex` issues them: 16 lowercase hex digits.
    static func isIndexID(_ id: String) -> Bool {
        id.utf8.count == 16 && id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Settling's canonical order of a round's copies: deletions first (the round's stories
    /// are those of its live copies), then longer texts first, so a story's fullest copy is its
    /// first and an excerpt or a shortened wire copy joins it, as it mostly does in a feed's
    /// order; ties by FNV-1a of the copy id, then the id. A function of the copies alone.
    static func settlingKey(_ copy: (copyID: String, story: String, text: String?))
        -> (Int, UInt64, (copyID: String, story: String, text: String?)) {
        let key = settlingOrder(copyID: copy.copyID, textBytes: copy.text?.utf8.count)
        return (key.bytes, key.hash, copy)
    }

    /// A copy's place in settling's order (`settlingKey`; `textBytes` nil: deleted), to sort
    /// by ascending: what a re-clustering that adds a store's live copies in this order needs
    /// without holding their texts, so that a store settled in one round re-clusters unchanged.
    public static func settlingOrder(copyID: String, textBytes: Int?) -> (bytes: Int, hash: UInt64, copyID: String) {
        (textBytes.map { -$0 } ?? Int.min, StableHash.fnv1a64(copyID.utf8), copyID)
    }
}

extension StoryIndex {
    /// Settling: names the round's stories (`names`: slot → id; slots from `first` on were
    /// created by the round, whose ids were never issued and are dropped), points the round's
    /// merged slots at their root's id, and adds `aliases` (old ids of the round's stories)
    /// as slots whose parent is the story their target resolves to. The slots of the base are
    /// left as they were.
    mutating func adopt(names: [(slot: Int32, id: String)], roundSlotsFrom first: Int32, aliases: [(from: String, to: String)]) {
        for slot in Int(first)..<storyIDs.count where slotOfID[storyIDs[slot]] == Int32(slot) { slotOfID[storyIDs[slot]] = nil }
        for (slot, id) in names where slot >= first {
            storyIDs[Int(slot)] = UInt64(id, radix: 16)!
            slotOfID[storyIDs[Int(slot)]] = slot
        }
        for slot in Int(first)..<storyIDs.count where parent[slot] != Int32(slot) { storyIDs[slot] = storyIDs[Int(root(Int32(slot)))] }
        for alias in aliases {
            guard let from = UInt64(alias.from, radix: 16), slotOfID[from] == nil,
                  let target = UInt64(alias.to, radix: 16).flatMap({ slotOfID[$0] }) else { continue }
            _ = appendStory(id: from, parent: root(target), representative: -1)
        }
    }

    /// Settling: merges the stories of the base (slots below `baseSlots`) that the store's
    /// `aliases` merged after the base was saved (a copy that arrived in the round bridged them),
    /// newer into older as `add` merges. The store keeps its merges: a story id once merged
    /// stays merged, so copies stored under either id need not move.
    mutating func merge(aliases: [(from: String, to: String)], below baseSlots: Int32) {
        for alias in aliases {
            guard let from = UInt64(alias.from, radix: 16).flatMap({ slotOfID[$0] }),
                  let to = UInt64(alias.to, radix: 16).flatMap({ slotOfID[$0] }),
                  from < baseSlots, to < baseSlots else { continue }
            let (a, b) = (root(from), root(to))
            guard a != b else { continue }
            let (survivor, other) = (min(a, b), max(a, b))
            parent[Int(other)] = survivor
            members[Int(survivor)] += members[Int(other)]
            members[Int(other)] = 0
        }
    }

    /// Renames root slots (`names`: slot → id), points every other slot's id at its root's, and
    /// adds the aliases as slots whose parent is the story their target resolves to (a target
    /// the index does not know leaves the alias out). Every issued id resolves afterwards.
    mutating func adopt(names: [(slot: Int32, id: String)], aliases: [(from: String, to: String)]) {
        for (slot, id) in names { storyIDs[Int(slot)] = UInt64(id, radix: 16)! }
        for slot in storyIDs.indices where parent[slot] != Int32(slot) { storyIDs[slot] = storyIDs[Int(root(Int32(slot)))] }
        slotOfID = [:]
        for slot in storyIDs.indices where parent[slot] == Int32(slot) { slotOfID[storyIDs[slot]] = Int32(slot) }
        // Aliases may chain (a → b → c) in any order: add them until none is left that resolves.
        var pending = aliases.compactMap { alias in UInt64(alias.from, radix: 16).flatMap { from in UInt64(alias.to, radix: 16).map { (from, $0) } } }
        var progress = true
        while progress && !pending.isEmpty {
            progress = false
            pending.removeAll { from, to in
                guard slotOfID[from] == nil else { return true }
                guard let target = slotOfID[to] else { return false }
                _ = appendStory(id: from, parent: root(target), representative: -1)
                progress = true
                return true
            }
        }
    }
}
