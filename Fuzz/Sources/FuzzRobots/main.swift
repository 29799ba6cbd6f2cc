import FuzzSupport
import IngestFetch

/// robots.txt: the first line is the path to check, the rest the file.
runFuzzer { data, count in
    let text = String(decoding: UnsafeRawBufferPointer(fuzzBytes(data, count)), as: UTF8.self)
    let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    let path = parts.first.map(String.init) ?? "/"
    let rules = RobotsRules(parsing: parts.count > 1 ? String(parts[1]) : "", userAgent: "ingest/0.1 (fuzz)")
    _ = rules.allows(path)
    _ = rules.allows("/" + path)
    return 0
}
