import Foundation

/// The paragraphs (non-empty lines) of `Tests/Fixtures/dedup/<name>`; a missing fixture throws.
public func dedupFixture(_ name: String) throws -> [String] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/dedup/\(name)")
    return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
}

/// Every paragraph hard-wrapped at `width` columns, each line a paragraph of its own: what a
/// site that wraps its story and puts every line in its own `<p>` hands the extractor.
public func wrappedLines(_ paragraphs: [String], width: Int = 60) -> [String] {
    paragraphs.flatMap { paragraph in
        var lines: [String] = [], line = ""
        for word in paragraph.split(separator: " ") {
            if !line.isEmpty && line.count + word.count + 1 > width { lines.append(line); line = "" }
            line += line.isEmpty ? String(word) : " " + word
        }
        return lines + [line]
    }
}
