import ArgumentParser
import IngestPipeline

struct RepairCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Move damaged store lines to store/quarantine/, keeping everything else.",
        discussion: """
        Every command refuses a store with a damaged line (exit 1, naming file, line and byte). \
        Repair moves each such line, byte for byte, to quarantine/FILE.TIMESTAMP beside the \
        store's files (never deleting it), rewrites the file without it (atomically) and prints \
        one line per line moved. Takes the write lock like a sync (exit 75 while one runs). \
        Fetch states that name a copy no longer there are reset, so that the next sync fetches \
        those URLs again. A store whose files are missing is not repaired (exit 1): restore them \
        from a backup.

        Examples:
          ingest repair
          ingest repair -s ~/news/store
        """)

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        // A database has no lines to quarantine: each commit is one transaction.
        if storeOptions.isPostgres { throw ValidationError("repair is for directory stores; a PostgreSQL store holds no half-written lines") }
    }

    func run() async throws {
        let result = try reportingStoreErrors("repair") { () -> RepairResult in
            let result = try Store.repair(directory: storeOptions.store)
            _ = try Store.open(directory: storeOptions.store, access: .read)  // what every other command now sees
            return result
        }
        for moved in result.moved {
            let damage = moved.damage
            print("moved \(damage.path):\(damage.line) (byte \(damage.offset), \(damage.length) bytes, "
                + "\(damage.reason)) to \(moved.quarantine)")
        }
        for url in result.resetURLs {
            print("reset the fetch state of \(url): its copy is not in the store, the next sync fetches it again")
        }
        if let watermark = result.watermark {
            print("dedup watermark lowered from \(watermark.from) to \(watermark.to): the next sync replays from there")
        }
        Log.line("repair", result.moved.isEmpty && result.resetURLs.isEmpty ? "no damage"
            : "\(result.moved.count) damaged line(s) moved to quarantine, \(result.resetURLs.count) fetch state(s) reset")
    }
}
