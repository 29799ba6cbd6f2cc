import IngestTesting

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

    /// Words that sentences are drawn from: random sequences share almost no word n-grams,
    /// so distinct stories stay apart however similar their topic words look.
    private static let vocabulary = """
        council ministry growers operator fishermen union investors regulator hospital authority planners company \
        bridge harbour dredging solar night bus clinics grain depots school heating plant airport runway tram landfill \
        ferries budget vote plan funding inquiry agreement proposal audit review deadline months residents winter costs \
        lawmakers inspections prices statement officials households reporters workers engineers contract tender delays \
        river valley coast border province district suburbs town island highlands north south east west central local \
        said added warned expected announced confirmed denied promised estimated reported argued agreed insisted noted \
        new old large small early late public private regional national rural urban final first second third several \
        million thousand percent dozens hundreds quarter week month year decade morning evening weekend season spring \
        after before despite during under over within across between against toward following ahead amid since until \
        because while although unless whether which where when that this those these their its his her our \
        repairs traffic pollution drought floods storms harvest exports imports wages pensions rents taxes fares \
        schools teachers nurses doctors farmers drivers pilots sailors miners builders shopkeepers students families
        """.split(separator: " ").map(String.init)

    /// `count` paragraphs of three sentences each for story `seed`.
    static func paragraphs(seed: Int, count: Int = 6) -> [String] {
        var random = SplitMix(seed: UInt64(seed) &* 7919 &+ 17)
        let person = people[seed % people.count], place = places[seed % places.count]
        return (0..<count).map { index in
            (0..<3).map { sentence in
                var words = (0..<(10 + Int(random.next() % 10))).map { _ in random.pick(vocabulary) }
                words.insert(String(10 + random.next() % 990), at: Int(random.next() % UInt64(words.count)))
                switch (index + sentence) % 3 {
                case 0: words.insert("in \(place),", at: 3)
                case 1: words.append("according to \(person)")
                default: break
                }
                return words.joined(separator: " ").prefix(1).uppercased() + words.joined(separator: " ").dropFirst() + "."
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

extension SplitMix {
    /// A random element (the generator is ImportCommandTests' seeded SplitMix64).
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}
