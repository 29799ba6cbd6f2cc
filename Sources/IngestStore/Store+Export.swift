import Foundation

/// How many records an export wrote.
public struct ExportCounts: Sendable, Equatable {
    public var records: Int
    public var bytes: Int
    /// Into a directory: documents whose file already held the same bytes, left alone.
    public var unchanged = 0
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
    /// Throws `StoreError.newerFormat` for a store a newer ingest wrote, `.corrupt` naming the
    /// file, line and byte of a damaged line, `.missing` for records other files refer to, `.io`
    /// naming the path. With `skippingDamaged`, damaged lines are left out and passed to it
    /// instead (`ingest export --skip-damaged`), and fetch states naming copies that are not
    /// there do not stop the export.
    @discardableResult
    public static func export(directory: String, _ options: ExportOptions, to destination: ExportDestination,
                              skippingDamaged: ((DamagedLine) -> Void)? = nil) throws -> ExportCounts {
        // Nothing is written before the checks: a retried export starts its output afresh.
        try retryingSnapshotRaces { try export(snapshotOf: directory, options, to: destination, skippingDamaged) }
    }

    /// Calls `body` with each copy's latest revision that `options` keeps (the records of
    /// `export` with `perCopy`) and its surviving story id, after the same checks as `export`:
    /// what a WARC export writes.
    public static func forEachExportedCopy(directory: String, _ options: ExportOptions,
                                           skippingDamaged: ((DamagedLine) -> Void)? = nil,
                                           _ body: (CopyRevision, String) throws -> Void) throws {
        try retryingSnapshotRaces { try snapshotExport(of: directory, skippingDamaged).forEachCopy(options, body) }
    }

    private static func export(snapshotOf directory: String, _ options: ExportOptions, to destination: ExportDestination,
                               _ skippingDamaged: ((DamagedLine) -> Void)?) throws -> ExportCounts {
        try snapshotExport(of: directory, skippingDamaged).write(options, to: destination)
    }

    /// The export of the store in `directory` as it is now, after the checks every reader makes.
    private static func snapshotExport(of directory: String, _ skippingDamaged: ((DamagedLine) -> Void)?) throws -> StoreExport {
        _ = try formatVersion(in: directory)
        let files = try StoreFiles(readingIn: directory)
        // The files the export does not read are checked as any other command checks them.
        let policy = skippingDamaged.map { DamagePolicy.skip($0) } ?? .fail
        try files.validateUnindexed(policy)
        if let problem = try files.census(policy).problem(in: directory) { throw problem }
        return try StoreExport(copies: files.copies, stories: files.stories,
                               aliases: StoryAliases(file: files.aliases, policy), damage: policy,
                               // A skipped copy line leaves its fetch states naming a copy that is not there.
                               fetch: skippingDamaged == nil ? files.fetch : nil)
    }
}
