import Foundation

/// How many records an export wrote.
public struct ExportCounts: Sendable, Equatable {
    public var records: Int
    public var bytes: Int
}

extension Store {
    /// Writes the store per SPEC's export record: one JSON line (or CSV row) per story, or per
    /// copy with `perCopy`. Aliased stories are folded into the surviving story; order is by
    /// first appearance, keys sorted, so an unchanged store exports byte-identically.
    ///
    /// Streams in bounded memory (see `StoreExport`); for a store not otherwise needed, the
    /// static `export(directory:_:to:)` also skips the indexes that `open` builds.
    @discardableResult
    public func export(_ options: ExportOptions, to destination: ExportDestination) throws -> ExportCounts {
        try StoreExport(copies: files.copies, stories: files.stories, aliases: aliases).write(options, to: destination)
    }

    /// Exports the store in `directory` as `export(_:to:)` does, reading its files as a snapshot
    /// (their lengths now, like a `.read` open) without building any index: memory stays flat
    /// however large the store is. A missing directory is an empty store.
    ///
    /// Throws `StoreError.newerFormat` for a store a newer ingest wrote, `.corrupt` and `.io`
    /// naming the path.
    @discardableResult
    public static func export(directory: String, _ options: ExportOptions,
                              to destination: ExportDestination) throws -> ExportCounts {
        _ = try StoreFormat.read(in: directory)
        let files = try StoreFiles(readingIn: directory)
        return try StoreExport(copies: files.copies, stories: files.stories, aliases: StoryAliases(file: files.aliases))
            .write(options, to: destination)
    }
}
