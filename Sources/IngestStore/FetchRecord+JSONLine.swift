/// The store's own fast reading of fetch.jsonl lines: a sync reads every URL's state before it
/// plans, and Foundation's JSONDecoder made that most of a no-change run. The line is the same
/// JSON that the `Codable` conformance writes and reads.
extension FetchRecord {
    /// The fields of a line, in scanner order.
    private enum Field: Int {
        case alias, aliases, allowPrivate, copy, etag, failures, firstSeen, gone
        case lastChecked, lastModified, published, source, url
    }

    private static let scanner = FieldScanner(keys: [
        "alias", "aliases", "allow_private", "copy", "etag", "failures", "first_seen", "gone",
        "last_checked", "last_modified", "published", "source", "url",
    ])

    /// Decodes a line of fetch.jsonl; nil when it is not a fetch state.
    init?(line: UnsafeRawBufferPointer) {
        guard let values = FetchRecord.scanner.scan(line) else { return nil }
        let field = { (name: Field) in values[name.rawValue] }
        guard let url = field(.url).string, let failures = field(.failures).int else { return nil }
        var aliases: [String] = []
        if case let .strings(values)? = field(.aliases) { aliases = values }
        self.init(url: url, copy: field(.copy).string, etag: field(.etag).string, lastModified: field(.lastModified).string,
                  lastChecked: field(.lastChecked).string, failures: failures,
                  aliases: aliases, alias: field(.alias).bool, source: field(.source).string,
                  allowPrivate: field(.allowPrivate).bool, firstSeen: field(.firstSeen).string,
                  published: field(.published).string, gone: field(.gone).bool)
    }
}
