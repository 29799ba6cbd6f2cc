import Foundation
import IngestTesting
import Testing

/// `ingest import` onto a disk that fills up midway: what was committed before the error is said.
@Suite struct ImportDiskFullTests {
    @Test(.enabled(if: SmallDisk.available, "needs root and mount for a 96 KB tmpfs"))
    func aFullDiskStillPrintsTheLinesOfWhatWasCommitted() throws {
        let temp = TemporaryDirectory("ingest-disk-full")
        defer { temp.remove() }
        let mountPoint = temp.url.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        try #require(SmallDisk.mount(kilobytes: 96, at: mountPoint.path))
        defer { SmallDisk.unmount(mountPoint.path) }
        // 20 short pages (the first batches fit), then 4 of about 100 KB (they cannot).
        let pages = try (0..<24).map { i in
            let paragraphs = SmallWorld.paragraphs(seed: UInt64(500 + i))
            let text = i < 20 ? paragraphs : (0..<60).flatMap { _ in paragraphs }
            let page = temp.url.appendingPathComponent("page-\(i).html")
            try SmallWorld.page(title: "Page \(i)", paragraphs: text, canonical: nil).write(to: page, atomically: true, encoding: .utf8)
            return page.path
        }
        let store = mountPoint.appendingPathComponent("store").path
        let result = try IngestBinary.run(["import"] + pages + ["--store", store])
        #expect(result.status == 1)
        #expect(result.stderr.contains("No space left on device"), "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == pages.count, "one line per input")
        let saved = lines.filter { $0.hasPrefix("new ") }.map { String($0.split(separator: " ")[2]) }
        // Pages finish in any order, so how many small ones came before the disk filled varies.
        #expect(!saved.isEmpty, "what came before the disk filled was committed: \(result.stdout)")
        // The rest were stored but not committed, or not reached before the error.
        #expect(lines.filter { !$0.hasPrefix("new ") }.allSatisfy {
            $0.contains("not saved in full (the store failed") || $0.contains("not imported (the store failed first)")
        }, "\(result.stdout)")
        // Every input said to be new is in the store.
        let export = try IngestBinary.run(["export", "--copies", "--store", store])
        #expect(export.status == 0, "\(export.stderr)")
        let urls = Set(try export.stdout.split(separator: "\n").map {
            (try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["url"] as! String
        })
        #expect(Set(saved).isSubset(of: urls))
    }
}
