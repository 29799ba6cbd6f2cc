/// A stream of synthetic wire stories and their copies built from dev paragraphs: every base
/// story mixes random paragraphs with ~15% of words replaced (so bases differ), and each
/// copy gets site chrome plus 0–3 of the edits the index must absorb.
struct ScaleSet {
    private var rng: SplitMix64
    private let paragraphs: [[Substring]]   // pool paragraphs as words
    private let vocabulary: [Substring]
    private var active: [(story: Int, paragraphs: [String], headline: String, copiesLeft: Int)] = []
    private var stories = 0

    static let chrome = [
        "Menu", "Subscribe", "Sign in", "Most read", "Advertisement", "Share on Facebook Share on Twitter",
        "Sign up for our newsletter to get the day's top stories in your inbox.",
        "© 2025 Example Media. All rights reserved.", "Related Topics: World, Politics",
        "Your email address will not be published. Required fields are marked *", "Skip to content",
    ]
    static let datelines = ["MOSCOW (AP) — ", "PARIS, May 3 (Reuters) - ", "BEIJING (AFP) — ", "LONDON — "]

    init(devTexts: [String], seed: UInt64) {
        rng = SplitMix64(state: seed)
        var seen = Set<Substring>()
        var pool: [[Substring]] = []
        for text in devTexts {
            // Real paragraphs only (12–150 words): the dev set also holds whole articles re-flowed into
            // one line, and two bases built around the same one would be one story, not two.
            for line in text.split(separator: "\n") where (12...150).contains(line.split(separator: " ").count) && seen.insert(line).inserted {
                pool.append(line.split(separator: " "))
            }
        }
        paragraphs = pool
        vocabulary = pool.flatMap { $0 }
    }

    /// The next document and the number of its gold story.
    mutating func next() -> (text: String, story: Int) {
        if active.count < 8 || Int.random(in: 0..<100, using: &rng) < 27 || active.isEmpty {
            let base = (0..<Int.random(in: 6...20, using: &rng)).map { _ in mutated(paragraphs.randomElement(using: &rng)!) }
            let headline = (0..<Int.random(in: 6...11, using: &rng)).map { _ in String(vocabulary.randomElement(using: &rng)!) }.joined(separator: " ")
            active.append((stories, base, headline, Int.random(in: 0...5, using: &rng)))
            stories += 1
            if active.count > 64 { active.removeFirst() }
            let story = active[active.count - 1]
            return (render(headline: story.headline, body: story.paragraphs), story.story)
        }
        let pick = Int.random(in: 0..<active.count, using: &rng)
        let story = active[pick]
        active[pick].copiesLeft -= 1
        if active[pick].copiesLeft <= 0 { active.remove(at: pick) }
        return (copy(of: story.paragraphs, headline: story.headline), story.story)
    }

    private mutating func mutated(_ words: [Substring]) -> String {
        words.map { Int.random(in: 0..<100, using: &rng) < 30 ? vocabulary.randomElement(using: &rng)! : $0 }.joined(separator: " ")
    }

    private mutating func render(headline: String, body: [String]) -> String {
        let before = (0..<Int.random(in: 1...4, using: &rng)).map { _ in Self.chrome.randomElement(using: &rng)! }
        let after = (0..<Int.random(in: 1...4, using: &rng)).map { _ in Self.chrome.randomElement(using: &rng)! }
        return (before + [headline] + body + after).joined(separator: "\n\n")
    }

    private mutating func copy(of base: [String], headline: String) -> String {
        var body = base
        var title = headline
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: title = "WATCH: " + title + " — report"
            case 1: body = Array(body.prefix(max(2, body.count * Int.random(in: 60...90, using: &rng) / 100)))
            case 2: body[0] = Self.datelines.randomElement(using: &rng)! + body[0]
            case 3: body.insert("Editor's note: This story has been updated with a statement from officials in the ninth paragraph.", at: min(1, body.count))
            case 4: body = body.map { damaged($0) }
            case 5: body = body.map { wrapped($0) }
            case 6: body = body.map { $0.replacingQuotes() }
            default: body.append("Read more: " + title)
            }
        }
        return render(headline: title, body: body)
    }

    /// Drops or swaps about one character in 80.
    private mutating func damaged(_ text: String) -> String {
        var chars = Array(text)
        var i = 0
        var out: [Character] = []
        out.reserveCapacity(chars.count)
        while i < chars.count {
            let roll = Int.random(in: 0..<160, using: &rng)
            if roll == 0 { i += 1; continue }
            if roll == 1, i + 1 < chars.count { chars.swapAt(i, i + 1) }
            out.append(chars[i])
            i += 1
        }
        return String(out)
    }

    /// Hard-wraps at 72 columns.
    private func wrapped(_ text: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > 72, !line.isEmpty { lines.append(line); line = "" }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}

private extension String {
    /// Curly quotes and apostrophes instead of straight ones.
    func replacingQuotes() -> String {
        var open = true
        return String(map { c -> Character in
            if c == "\"" { defer { open.toggle() }; return open ? "\u{201C}" : "\u{201D}" }
            return c == "'" ? "\u{2019}" : c
        })
    }
}
