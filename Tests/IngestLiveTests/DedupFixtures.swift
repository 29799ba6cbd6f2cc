import Foundation

/// The paragraphs (non-empty lines) of `Tests/Fixtures/dedup/<name>`; a missing fixture throws.
func dedupFixture(_ name: String) throws -> [String] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/dedup/\(name)")
    return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
}
