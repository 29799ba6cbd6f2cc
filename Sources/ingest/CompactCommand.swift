import ArgumentParser
import IngestPipeline

struct CompactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Rewrite the store without superseded revisions and states (crash-safe).",
        discussion: """
        Takes the write lock like a sync (exit 75 while one runs). Each file is replaced \
        atomically; a crash at any point leaves a store that reads the same.

        Examples:
          ingest compact
          ingest compact -s ~/news/store
        """)

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let result = try reportingStoreErrors("compact") { try Store.open(directory: storeOptions.store, access: .write).compact() }
        Log.line("compact", "\(result.bytesBefore) → \(result.bytesAfter) bytes, "
            + "\(result.linesDropped) superseded records dropped")
    }
}
