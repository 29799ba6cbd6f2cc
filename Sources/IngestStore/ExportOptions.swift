import IngestCore

/// What `Store.export` writes; the defaults are SPEC's record, one story per JSON line.
public struct ExportOptions: Sendable, Equatable {
    /// The output format.
    public enum Format: String, Sendable, CaseIterable {
        case jsonl, csv
        /// One document per story (title and text; `md` with the fields as front matter), a
        /// file per story into `ExportDestination.directory`, the only destination they take
        /// (and the only format it takes). Stories only: `perCopy` does not apply.
        case txt, md
        /// WARC/1.1 of the copies (`IngestPipeline`'s `Pipeline.exportWARC`; `Store.export` writes no WARC).
        case warc

        /// True for the formats that make a document per story rather than a record per line.
        public var isDocument: Bool { self == .txt || self == .md }
    }

    public var format: Format
    /// One record per copy (with `"story"`) instead of one per story.
    public var perCopy: Bool
    /// Keep deleted stories and copies, marked `"deleted": true`.
    public var includeDeleted: Bool
    /// Which records to write.
    public var filter: ExportFilter
    /// CSV only: start with a UTF-8 byte order mark, which spreadsheet programs need to read
    /// the file as UTF-8.
    public var byteOrderMark: Bool

    /// Export options.
    public init(format: Format = .jsonl, perCopy: Bool = false, includeDeleted: Bool = false,
                filter: ExportFilter = ExportFilter(), byteOrderMark: Bool = false) {
        self.format = format; self.perCopy = perCopy; self.includeDeleted = includeDeleted
        self.filter = filter; self.byteOrderMark = byteOrderMark
    }
}

/// Which records an export keeps: a date range on one of the record's dates, and sites,
/// sources and languages (each an empty set for "any"). A pure decision, tested in memory.
public struct ExportFilter: Sendable, Equatable {
    /// The date `since` and `until` apply to.
    public enum DateField: String, Sendable, CaseIterable {
        /// When the text last changed (the default).
        case updated
        /// The page's own publication date, compared in UTC; records without one are left out.
        case published
        /// When ingest first saw the story or copy.
        case firstSeen = "first_seen"
    }

    public var dateField: DateField
    /// Store timestamps (`Timestamp.string(parsing:)`): records dated at or after `since` and
    /// at or before `until`.
    public var since: String?
    public var until: String?
    /// Site names as the records give them (`site`), compared without case.
    public var sites: Set<String>
    /// Source names from feeds.json (or `import`): a story is kept when one of its copies came
    /// from one of them.
    public var sources: Set<String>
    /// Language tags: `en` keeps `en` and `en-GB`, compared without case.
    public var languages: Set<String>

    public init(dateField: DateField = .updated, since: String? = nil, until: String? = nil,
                sites: Set<String> = [], sources: Set<String> = [], languages: Set<String> = []) {
        self.dateField = dateField; self.since = since; self.until = until
        self.sites = Set(sites.map { $0.lowercased() }); self.sources = sources
        self.languages = Set(languages.map { $0.lowercased() })
    }

    /// Whether a record with these fields is exported (`sources`: the record's source, or every
    /// source of a story's copies).
    func accepts(updated: String, published: String?, firstSeen: String, site: String?, language: String?,
                 sources recordSources: [String]) -> Bool {
        if since != nil || until != nil {
            let date: String?
            switch dateField {
            case .updated: date = updated
            case .published: date = published.flatMap(Timestamp.string(parsing:))
            case .firstSeen: date = firstSeen
            }
            // Store timestamps are fixed-width UTC, so text order is time order.
            guard let date, since.map({ date >= $0 }) ?? true, until.map({ date <= $0 }) ?? true else { return false }
        }
        if !sites.isEmpty, !sites.contains((site ?? "").lowercased()) { return false }
        if !sources.isEmpty, !recordSources.contains(where: sources.contains) { return false }
        if !languages.isEmpty {
            let tag = (language ?? "").lowercased()
            guard languages.contains(where: { tag == $0 || tag.hasPrefix($0 + "-") }) else { return false }
        }
        return true
    }
}

/// Where an export goes.
public enum ExportDestination: Sendable, Equatable {
    /// An open file descriptor such as 1 (stdout); the caller owns it.
    case fileDescriptor(Int32)
    /// A file, replaced atomically (temp file, fsync, rename) once the export is complete.
    case file(path: String)
    /// A directory (created if missing) with one file per story, `<id>.txt` or `<id>.md`, for
    /// the document formats: each file replaced atomically, files already holding the same
    /// bytes left alone, files of stories not in this export left as they are.
    case directory(path: String)
}
