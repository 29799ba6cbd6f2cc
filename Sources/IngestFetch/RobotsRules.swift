/// The rules of one robots.txt for one crawler (RFC 9309): the groups whose `User-agent`
/// matches our product token (else the `*` groups), merged. Pure and table-tested.
///
///     let rules = RobotsRules(parsing: text, userAgent: "ingest/0.1 (+https://…)")
///     rules.allows("/private/page?x=1")   // longest matching Allow/Disallow wins
public struct RobotsRules: Sendable, Equatable {
    /// One `Allow` or `Disallow` line.
    public struct Rule: Sendable, Equatable {
        public let allow: Bool
        public let pattern: String
    }

    /// The rules that apply to us, in file order.
    public let rules: [Rule]
    /// `Crawl-delay` in seconds for our group, if any.
    public let crawlDelay: Double?

    /// Everything allowed (no robots.txt, or a 4xx answer for it).
    public static let allowAll = RobotsRules(rules: [], crawlDelay: nil)
    /// Nothing allowed (robots.txt answered 5xx: RFC 9309 says assume a complete disallow).
    public static let disallowAll = RobotsRules(rules: [Rule(allow: false, pattern: "/")], crawlDelay: nil)

    /// RFC 9309 asks parsers to handle at least 500 KiB; more than that is ignored.
    static let maxBytes = 512 * 1024

    init(rules: [Rule], crawlDelay: Double?) {
        self.rules = rules
        self.crawlDelay = crawlDelay
    }

    /// Parses `text`, keeping the groups for `userAgent` (its product token, e.g. `ingest`
    /// from `ingest/0.1 (+url)`, matched case-insensitively).
    public init(parsing text: String, userAgent: String) {
        let token = RobotsRules.productToken(userAgent)
        var specific = Group(), wildcard = Group()
        var agents: [String] = []
        var inAgentLines = false
        for rawLine in text.utf8.prefix(RobotsRules.maxBytes).split(whereSeparator: { $0 == 10 || $0 == 13 }) {
            var line = Substring(String(decoding: rawLine, as: UTF8.self))
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingASCIIWhitespace().lowercased()
            let value = line[line.index(after: colon)...].trimmingASCIIWhitespace()
            if key == "user-agent" {
                if !inAgentLines { agents = [] }
                agents.append(value.lowercased())
                if value.lowercased() == token { specific.matched = true }  // even with no rules
                inAgentLines = true
                continue
            }
            inAgentLines = false
            let forUs = agents.contains(token), forAll = agents.contains("*")
            guard forUs || forAll else { continue }
            switch key {
            case "allow", "disallow":
                guard !value.isEmpty else { continue }  // an empty Disallow allows everything
                let rule = Rule(allow: key == "allow", pattern: value)
                if forUs { specific.rules.append(rule) } else { wildcard.rules.append(rule) }
            case "crawl-delay":
                guard let seconds = Double(value), seconds.isFinite, seconds >= 0 else { continue }
                if forUs { specific.crawlDelay = seconds } else { wildcard.crawlDelay = seconds }
            default:
                continue
            }
            if forUs { specific.matched = true } else { wildcard.matched = true }
        }
        let chosen = specific.matched ? specific : wildcard
        self.init(rules: chosen.rules, crawlDelay: chosen.crawlDelay)
    }

    /// Whether `path` (path and query, as in the URL) may be fetched: the longest matching
    /// pattern decides, `Allow` winning a tie; no match means allowed.
    public func allows(_ path: String) -> Bool {
        let target = path.isEmpty ? "/" : path
        if target == "/robots.txt" { return true }
        var best: (length: Int, allow: Bool)?
        for rule in rules where RobotsRules.matches(pattern: rule.pattern, path: target) {
            let length = rule.pattern.utf8.count
            if best == nil || length > best!.length || (length == best!.length && rule.allow) {
                best = (length, rule.allow)
            }
        }
        return best?.allow ?? true
    }

    /// `*` matches any run of characters, a final `$` anchors at the end; otherwise a
    /// pattern is a prefix. Greedy segment matching, no recursion.
    static func matches(pattern: String, path: String) -> Bool {
        var pattern = Substring(pattern)
        let anchored = pattern.hasSuffix("$")
        if anchored { pattern = pattern.dropLast() }
        let segments = pattern.split(separator: "*", omittingEmptySubsequences: false).map { Array($0.utf8) }
        let text = Array(path.utf8)
        guard text.starts(with: segments[0]) else { return false }
        var position = segments[0].count
        if segments.count == 1 { return !anchored || position == text.count }
        for segment in segments.dropFirst().dropLast() {
            guard let found = firstIndex(of: segment, in: text, from: position) else { return false }
            position = found + segment.count
        }
        let last = segments[segments.count - 1]
        if anchored {
            return text.count - last.count >= position && text.suffix(last.count).elementsEqual(last)
        }
        return firstIndex(of: last, in: text, from: position) != nil
    }

    private static func firstIndex(of needle: [UInt8], in text: [UInt8], from start: Int) -> Int? {
        if needle.isEmpty { return start }
        var index = start
        while index + needle.count <= text.count {
            if text[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// `ingest` from `ingest/0.1 (+https://…)`, lower-cased.
    static func productToken(_ userAgent: String) -> String {
        String(userAgent.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }).lowercased()
    }

    private struct Group {
        var rules: [Rule] = []
        var crawlDelay: Double?
        var matched = false
    }
}
