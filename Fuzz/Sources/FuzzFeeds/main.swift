import FuzzSupport
import IngestCore
import IngestDiscover

/// The feed, sitemap and section-page parsers: every kind over the same bytes (`auto` sniffs;
/// the others force a parser), so one input reaches each of them.
runFuzzer { data, count in
    let bytes = Array(UnsafeRawBufferPointer(fuzzBytes(data, count)))
    for kind in FeedKind.allCases {
        // Errors are the answer to malformed input; only a crash, leak or hang is a finding.
        _ = try? FeedDiscovery.discover(bytes, url: "https://example.test/feed", kind: kind, inflateLimit: 1 << 20)
    }
    return 0
}
