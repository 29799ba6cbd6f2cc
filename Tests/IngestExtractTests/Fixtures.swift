import Foundation

/// Reads test fixtures from Tests/Fixtures/articles, located from this file's path.
enum Fixtures {
    static let articles = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/articles")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: articles.appendingPathComponent(name)))
    }

    /// A feed from Tests/Fixtures/feeds.
    static func feed(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: articles.deletingLastPathComponent().appendingPathComponent("feeds/" + name)))
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: articles.appendingPathComponent(name), encoding: .utf8)
    }

    /// One of the five seed stories (plain text copies of /work/shared/seeds, kept beside the
    /// fixtures so that CI has them).
    static func seed(_ name: String) throws -> String {
        try text("seeds/text/" + name)
    }
}
