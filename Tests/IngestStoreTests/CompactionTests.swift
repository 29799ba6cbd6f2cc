import Foundation
import IngestCore
import IngestTesting
import Testing
@testable import IngestStore

@Suite struct CompactionTests {
    /// Every export variant (or the first `variants`: stories and copies with deleted ones, as
    /// JSON lines), to compare a store before and after.
    static func allExports(_ directory: String, variants: Int = 8) throws -> [String] {
        let store = try Store.open(directory: directory, access: .read)
        let options = [true, false].flatMap { deleted in
            ExportOptions.Format.allCases.filter { !$0.isDocument }.flatMap { format in  // documents: ExportDocumentTests
                [false, true].map { ExportOptions(format: format, perCopy: $0, includeDeleted: deleted) }
            }
        }
        return try options.prefix(variants).map { try store.exported($0) }
    }

    @Test func compactionKeepsEverythingAndDropsSupersededRevisions() throws {
        let temp = TempDirectory()
        #expect(try Harness.run(["append", temp.store, "200"]) == 0)
        let before = try Self.allExports(temp.store)
        let store = try Store.open(directory: temp.store, access: .write)
        let statusBefore = store.status()
        let lastSequence = store.lastSequenceNumber
        let result = try store.compact()
        #expect(result.linesDropped == statusBefore.copyRevisions - statusBefore.copies - statusBefore.deletedCopies)
        #expect(result.linesDropped > 0)
        #expect(result.bytesAfter < result.bytesBefore)
        #expect(try Self.allExports(temp.store) == before)
        #expect(store.lastSequenceNumber == lastSequence)
        #expect(store.dedupWatermark == statusBefore.dedupWatermark)
        #expect(try lines(of: "copies.jsonl", in: temp.store).count == statusBefore.copies + statusBefore.deletedCopies)
        // The store goes on after compaction.
        let next = try #require(try store.append(copies: [sampleCopy(1_000)]).first)
        #expect(next.revision.seq == lastSequence + 1)
        #expect(store.compactionWorthwhile == false)
    }
}
