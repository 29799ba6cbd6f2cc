import Foundation

/// Which normalised lines are story text. Site chrome that an imperfect extraction leaves in
/// (menus, "Most read" lists, bylines, newsletter pleas, related-story titles) must not drive
/// dedup decisions, so only sentence-like paragraphs count.
///
/// A line counts when it is long (≥ 30 words), or when it has ≥ 8 words, ends like a
/// sentence and carries none of the usual chrome phrases.
public enum StoryText {
    static let minimumWords = 8
    static let alwaysStoryWords = 30

    /// Phrases that mark short chrome sentences ("Sign up for our newsletter…", "All rights reserved.").
    static let chromeMarkers: [[UInt8]] = [
        "newsletter", "subscribe", "sign up", "sign in", "log in", "all rights reserved", "copyright", "©",
        "may not be published", "required fields", "comment", "cookie", "privacy", "advertis",
        "follow us", "share on", "share this", "read more", "related", "click here", "email us",
        "terms of use", "skip to", "trending", "most read", "most popular", "listen to this",
        "print this", "photo credit", "download the app", "our app", "support us", "donate",
    ].map { Array($0.utf8) }

    /// The story lines of `text`, normalised (see `Normalizer`).
    public static func lines(of text: String) -> [String] {
        var out: [String] = []
        Normalizer.forEachLine(of: text) { line in
            if isStory(line) { out.append(String(decoding: line, as: UTF8.self)) }
        }
        return out
    }

    /// The story lines joined by one space, as UTF-8 bytes: what signatures are computed on.
    static func bytes(of text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        Normalizer.forEachLine(of: text) { line in
            guard isStory(line) else { return }
            if !out.isEmpty { out.append(0x20) }
            out.append(contentsOf: line)
        }
        return out
    }

    /// The rule described on the type, on one normalised line.
    static func isStory(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var words = 1
        for b in line where b == 0x20 { words += 1 }
        if words >= alwaysStoryWords { return true }
        guard words >= minimumWords, let last = line.last, Normalizer.isClosing(last) else { return false }
        return !chromeMarkers.contains { contains(line, $0) }
    }

    /// Substring search: memchr for the first byte, then compare (lines are short).
    private static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let base = hay.baseAddress, hay.count >= needle.count else { return false }
        let first = Int32(needle[0])
        var at = 0
        let lastStart = hay.count - needle.count
        while at <= lastStart, let hit = memchr(base + at, first, lastStart - at + 1) {
            let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + i, needle, needle.count) == 0 { return true }
            at = i + 1
        }
        return false
    }
}
