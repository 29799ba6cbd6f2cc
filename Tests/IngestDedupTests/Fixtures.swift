import Foundation
import IngestTesting
import Testing

/// Reads `Tests/Fixtures/dedup/<name>` next to this file. A missing, unreadable or empty
/// fixture fails the calling test (the "stays apart" tests would otherwise pass on empty texts).
func fixture(_ name: String) -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/dedup/\(name)")
    do {
        let text = try String(contentsOf: url, encoding: .utf8)
        if text.isEmpty { Issue.record("empty fixture \(url.path)") }
        return text
    } catch {
        Issue.record("cannot read fixture \(url.path): \(error)")
        return ""
    }
}

/// The five seed articles: five different stories on one topic.
let seedNames = ["seed-000.txt", "seed-001.txt", "seed-002.txt", "seed-003.txt", "seed-004.txt"]

/// Edits a republishing site makes to a wire story, applied to fixture texts.
enum Edit {
    /// The paragraphs (non-empty lines) of a text.
    static func paragraphs(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Site chrome around the story: menus, bylines, a newsletter plea, most-read titles.
    static func chrome(_ body: [String]) -> String {
        (["Home | News | World | Sport", "Search", "By Staff Writer", "Updated 3 hours ago"] + body
            + ["Most read", "Five things to know before the markets open today", "Weather: a cold week ahead",
               "Sign up for our newsletter to get the day's top stories in your inbox.",
               "© 2024 Example Herald. All rights reserved."]).joined(separator: "\n\n")
    }

    /// Drops one letter every `every` characters and swaps a pair every `every * 3`.
    static func damage(_ text: String, every: Int = 40) -> String {
        var out: [Character] = []
        var chars = Array(text)
        var i = 0
        while i < chars.count {
            if i % every == every - 1 && chars[i].isLetter { i += 1; continue }
            if i % (every * 3) == 5 && i + 1 < chars.count { chars.swapAt(i, i + 1) }
            out.append(chars[i])
            i += 1
        }
        return String(out)
    }

    /// Hard-wraps every paragraph at `width` columns.
    static func reflow(_ paragraphs: [String], width: Int = 68) -> [String] {
        paragraphs.map { wrappedLines([$0], width: width).joined(separator: "\n") }
    }

    /// Straight quotes and apostrophes instead of curly ones.
    static func straightQuotes(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{201C}", with: "\"").replacingOccurrences(of: "\u{201D}", with: "\"")
            .replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "\u{2018}", with: "'")
    }
}
