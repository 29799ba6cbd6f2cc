import ArgumentParser
import Foundation
import IngestPipeline

/// `ingest export --format warc`: the copies as WARC/1.1 (see `Pipeline.exportWARC`).
extension ExportCommand {
    func exportWARC(store: String, options: ExportOptions) throws {
        var skipped = 0
        let counts = try reportingStoreErrors("export") {
            // FILE.warc is plain WARC; FILE.warc.gz (or any other name, or stdout) one gzip member per record.
            try Pipeline.withReadableStore(store) { directory in
                try Pipeline.exportWARC(store: directory, options, to: output.flatMap { $0 == "-" ? nil : $0 },
                                        gzip: !(output?.lowercased().hasSuffix(".warc") ?? false),
                                        software: "ingest \(Ingest.configuration.version)",
                                        skippingDamaged: skipDamaged ? { damage in
                                            skipped += 1
                                            Log.line("export", "skipped \(damage.error)")
                                        } : nil)
            }
        }
        Log.line("export", "\(counts.copies) copies in \(counts.records) WARC records; \(counts.copiesWithoutRaw) copies "
                 + "without a raw page (conversion and metadata records only: keep pages with settings.keepRaw or --keep-raw)")
        if skipped > 0 { throw ExitCode.partialFailure }
    }
}
