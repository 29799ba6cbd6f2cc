/// Deterministic news-like prose for the loopback world: each seed gives its own story
/// (its own names, places and figures), so distinct stories share only common words.
enum StoryText {
    private static let people = ["Maria Ostrova", "Daniel Okafor", "Lena Fischer", "Tomas Herrera", "Aiko Tanaka",
                                 "Samuel Mensah", "Irina Volkova", "Pedro Alves", "Hannah Berg", "Yusuf Demir",
                                 "Clara Jensen", "Omar Haddad", "Grace Whitfield", "Ravi Menon", "Elena Costa"]
    private static let places = ["the northern port city", "the capital", "the river delta", "the mountain province",
                                 "the border region", "the coastal district", "the industrial suburbs", "the old town",
                                 "the farming valley", "the island ferry terminal", "the eastern highlands"]
    private static let subjects = ["the regional council", "the transport ministry", "a coalition of growers",
                                   "the national rail operator", "local fishermen", "the teachers' union",
                                   "a group of investors", "the energy regulator", "hospital administrators",
                                   "the water authority", "city planners", "the shipping company"]
    private static let actions = ["approved a plan to rebuild", "postponed a vote on", "announced new funding for",
                                  "raised concerns about", "opened an inquiry into", "signed an agreement covering",
                                  "rejected a proposal to close", "published an audit of", "called for a review of",
                                  "set a deadline for"]
    private static let objects = ["the flooded bridge", "the harbour dredging works", "a network of solar farms",
                                  "the night bus service", "two rural clinics", "the grain storage depots",
                                  "the school heating system", "a desalination plant", "the airport runway",
                                  "the tram extension", "the landfill site", "a fleet of electric ferries"]
    private static let tails = ["after months of negotiations", "despite objections from residents",
                                "ahead of the winter season", "following a sharp rise in costs",
                                "under pressure from opposition lawmakers", "citing safety inspections",
                                "as prices continued to climb", "in a statement released on Tuesday"]

    /// `count` paragraphs of three sentences each for story `seed`.
    static func paragraphs(seed: Int, count: Int = 6) -> [String] {
        var random = SplitMix(seed: UInt64(seed) &* 7919 &+ 17)
        let person = people[seed % people.count], place = places[seed % places.count]
        return (0..<count).map { index in
            (0..<3).map { sentence in
                let figure = 10 + Int(random.next() % 990)
                let who = random.pick(subjects), what = random.pick(actions), item = random.pick(objects)
                switch (index + sentence) % 3 {
                case 0: return "In \(place), \(who) \(what) \(item) \(random.pick(tails)), according to \(person)."
                case 1: return "Officials said about \(figure) households would be affected and that \(who) had \(what.split(separator: " ").dropFirst().joined(separator: " ")) \(item) earlier this year."
                default: return "\"We expect the work on \(item) to take \(figure % 40 + 2) months,\" \(person) told reporters, adding that \(random.pick(tails))."
                }
            }.joined(separator: " ")
        }
    }

    /// A headline for story `seed`, optionally one of several variants (wire copies).
    static func headline(seed: Int, variant: Int = 0) -> String {
        var random = SplitMix(seed: UInt64(seed) &* 31 &+ UInt64(variant) &* 1_000_003)
        let subject = random.pick(subjects), action = random.pick(actions), object = random.pick(objects)
        let head = "\(subject.prefix(1).uppercased())\(subject.dropFirst()) \(action) \(object)"
        return variant == 0 ? head : "\(head) in \(places[(seed + variant) % places.count])"
    }
}

/// A small stable PRNG (SplitMix64), so the world is the same in every run.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}
