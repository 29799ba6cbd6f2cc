import ArgumentParser
import IngestPipeline

struct CompactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Rewrite the store without superseded revisions and states (crash-safe).",
        discussion: """
        Takes the write lock like a sync (exit 75 while one runs). Each file is replaced \
        atomically; a crash at any point leaves a store that reads the same.

        With --recluster, every live copy is first clustered again with the current dedup \
        rules: a story's id stays with the part that keeps most of its copies, copies that \
        move are stored as reassigned, an old id left without copies becomes an alias of the \
        story they joined (it still resolves), and each split and merge is reported.

        Examples:
          ingest compact
          ingest compact -s ~/news/store
          ingest compact --recluster
        """)

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Re-cluster every live copy with the current dedup rules first, and report what split and merged.")
    var recluster = false

    func run() async throws {
        let result = try reportingStoreErrors("compact") {
            try Pipeline.compact(store: storeOptions.store, recluster: recluster) { report($0) }
        }
        Log.line("compact", "\(result.bytesBefore) → \(result.bytesAfter) bytes, "
            + "\(result.linesDropped) superseded records dropped")
    }

    private func report(_ result: ReclusterReport) {
        for split in result.splits {
            Log.line("compact", "split \(split.storyID) (\(split.copies) copies) into \(split.others.joined(separator: ", "))")
        }
        for merge in result.merges {
            Log.line("compact", "merged \(merge.others.joined(separator: ", ")) into \(merge.storyID) (\(merge.copies) copies)")
        }
        Log.line("compact", "reclustered \(result.copies) copies into \(result.stories) stories: "
            + "\(result.splits.count) split, \(result.merges.count) merged, \(result.moves.count) copies moved")
    }
}
