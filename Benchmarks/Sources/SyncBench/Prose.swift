/// Deterministic prose for the benchmark world: sentences of pseudo-words drawn from a
/// 2,000-word vocabulary, so distinct stories share almost no word n-grams.
enum Prose {
    static let vocabulary: [String] = {
        let onsets = ["b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "br", "st", "tr", "pl", "gr", "ch", "sh"]
        let vowels = ["a", "e", "i", "o", "u", "ea", "ou", "ai", "io", "ie"]
        let codas = ["n", "r", "s", "t", "l", "nd", "rt", "st", "m", "ck"]
        var words: [String] = []
        for onset in onsets { for vowel in vowels { for coda in codas { words.append(onset + vowel + coda) } } }
        return words
    }()

    /// Six paragraphs of three to five sentences for story `seed`.
    static func paragraphs(seed: Int) -> [String] {
        var random = Random(seed: UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9 &+ 1)
        return (0..<6).map { _ in
            (0..<(3 + Int(random.next() % 3))).map { _ in
                let words = (0..<(12 + Int(random.next() % 12))).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }
                return words[0].capitalized + " " + words.dropFirst().joined(separator: " ") + "."
            }.joined(separator: " ")
        }
    }

    /// A headline of seven words.
    static func headline(seed: Int) -> String {
        var random = Random(seed: UInt64(truncatingIfNeeded: seed) &* 31 &+ 7)
        let words = (0..<7).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }
        return words[0].capitalized + " " + words.dropFirst().joined(separator: " ")
    }
}

/// SplitMix64: a small stable PRNG.
struct Random {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
