/// What `Store.export` writes; the defaults are SPEC's record, one story per JSON line.
public struct ExportOptions: Sendable, Equatable {
    /// The output format.
    public enum Format: String, Sendable, CaseIterable {
        case jsonl, csv
    }

    public var format: Format
    /// One record per copy (with `"story"`) instead of one per story.
    public var perCopy: Bool
    /// Keep deleted stories and copies, marked `"deleted": true`.
    public var includeDeleted: Bool
    /// Only records whose `updated` is at or after this store timestamp (see `Store.timestamp(parsing:)`).
    public var since: String?

    /// Export options.
    public init(format: Format = .jsonl, perCopy: Bool = false, includeDeleted: Bool = false, since: String? = nil) {
        self.format = format; self.perCopy = perCopy; self.includeDeleted = includeDeleted; self.since = since
    }
}

/// Where an export goes.
public enum ExportDestination: Sendable, Equatable {
    /// An open file descriptor such as 1 (stdout); the caller owns it.
    case fileDescriptor(Int32)
    /// A file, replaced atomically (temp file, fsync, rename) once the export is complete.
    case file(path: String)
}
