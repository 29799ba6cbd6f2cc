import Foundation
import IngestPipeline

/// `ingest import FILE.warc[.gz]` and a WARC archive on stdin (`-`).
extension ImportCommand {
    /// Whether an input names a WARC archive (by its name; stdin is sniffed instead).
    static func isArchivePath(_ input: String) -> Bool {
        let name = input.lowercased()
        return name.hasSuffix(".warc") || name.hasSuffix(".warc.gz")
    }

    /// Blocks from this size on are mapped alone while an archive is imported (see `importArchive`).
    static let archiveMmapThreshold: Int32 = 1 << 20

    /// The first bytes of stdin, and whether they start a WARC archive (plain `WARC/` or gzip).
    static func sniffStandardInput() -> (isArchive: Bool, prefix: [UInt8]) {
        var prefix = [UInt8](repeating: 0, count: 5)
        var count = 0
        while count < prefix.count {
            let got = prefix.withUnsafeMutableBytes { read(0, $0.baseAddress! + count, $0.count - count) }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            count += got
        }
        prefix.removeSubrange(count...)
        return (prefix.starts(with: [0x1F, 0x8B]) || prefix == Array("WARC/".utf8), prefix)
    }

    /// Imports one archive (`fd` with its sniffed `prefix`), printing a line per page as for
    /// other inputs, each damaged stretch on stderr, and a count of what was skipped and why.
    /// Returns the number of failures (pages that failed, damaged stretches).
    func importArchive(named name: String, fileDescriptor fd: Int32, prefix: [UInt8], into live: LiveStore) async throws -> Int {
        // glibc raises its mmap threshold to the largest mapped block freed (up to 32 MiB);
        // blocks under it are kept in the per-thread heaps once freed, in pieces. Page bodies
        // (up to 5 MB) come and go by the thousand here, so peak RSS rose with the archive's
        // length while the heap's own peak did not (docs/warc.md). A fixed threshold gives
        // every block of 1 MiB or more back to the system when it is freed.
        MallocTuning.set(.mmapThreshold, Self.archiveMmapThreshold)
        let progress = SyncProgress(command: "import", verbose: verbose, quiet: false)
        var outcomes: [String: (SyncEvent.PageOutcome, String?)] = [:]
        var failures = 0, records = 0
        var skipped: [String: Int] = [:]
        let reader = WARCReader(fileDescriptor: fd, prefix: prefix, maxBlockBytes: Pipeline.archiveMaxBlockBytes)
        let summary = try await Pipeline.importArchive(reader, into: live, keepRaw: keepRaw, onEvent: { event in
            progress.handle(event)
            if case let .page(url, outcome, reason, _, _) = event { outcomes[url] = (outcome, reason) }
        }, onArchive: { event in
            switch event {
            case .skipped(let url, let reason):
                records += 1
                skipped[reason, default: 0] += 1
                if verbose { Log.line("import", "\(name): skipped \(url ?? "a record"): \(reason)") }
            case .damaged(let what):
                failures += 1
                Log.line("import", "\(name): damaged: \(what)")
            case .committed(let urls):
                records += urls.count
                for url in urls {
                    let line = Self.line(input: url, url: url, outcome: outcomes[url], story: live.adapter.storyID(ofURL: url))
                    if line.hasPrefix("failed ") { failures += 1 }
                    print(line)
                }
                outcomes = [:]
                // The batch's pages, trees and texts are freed by now, but glibc keeps freed
                // memory in each thread's heap, in pieces, and those added up batch after batch:
                // peak RSS rose with the archive's length while the heap's peak did not.
                MallocTuning.releaseFreeMemory()
            }
        })
        progress.finish()
        let reasons = skipped.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($1) \($0)" }.joined(separator: ", ")
        Log.line("import", "\(name): \(records) records; \(summary.new) new, \(summary.updated) updated, "
                 + "\(summary.unchanged) unchanged; \(skipped.values.reduce(0, +)) records skipped"
                 + (reasons.isEmpty ? "" : " (\(reasons))") + "; \(failures) failed or damaged")
        return failures
    }
}
