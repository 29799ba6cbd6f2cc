import Foundation
import Testing
@testable import IngestPipeline

/// `FileFetcher.contents(atPath:limit:)`, how `ingest extract` and `import` read saved pages:
/// the file's bytes exactly, also from a pipe that has no size, and never more than the limit.
@Suite struct FileFetcherTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("filefetcher-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func readsAFileByteForByte() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<300_001).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let file = folder.appendingPathComponent("page.html")
        try Data(bytes).write(to: file)
        #expect(FileFetcher.contents(atPath: file.path, limit: 1 << 20) == bytes)
        let empty = folder.appendingPathComponent("empty.html")
        try Data().write(to: empty)
        #expect(FileFetcher.contents(atPath: empty.path, limit: 1 << 20) == [])
        #expect(try FileFetcher.readSavedPage(atPath: file.path, limit: bytes.count).get() == bytes)
    }

    @Test func readsAPipeToItsEnd() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        let writer = Thread {
            bytes.withUnsafeBytes { buffer in
                var done = 0
                while done < buffer.count {
                    let wrote = write(writeEnd, buffer.baseAddress! + done, buffer.count - done)
                    if wrote <= 0 { break }
                    done += wrote
                }
            }
            close(writeEnd)
        }
        writer.start()
        defer { close(readEnd) }
        #expect(FileFetcher.contents(atPath: "/dev/fd/\(readEnd)", limit: 1 << 20) == bytes)
    }

    /// A saved page over the limit is refused as a fetched one is, after reading one byte more
    /// than the limit: an endless input (`/dev/zero`) ends too.
    @Test func aFileOverTheLimitIsRefusedUnread() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.html")
        try Data(repeating: 0x61, count: 10_001).write(to: file)
        #expect(FileFetcher.readSavedPage(atPath: file.path, limit: 10_000).failure
                == .tooLarge(url: FileFetcher.fileURL(forPath: file.path), limit: 10_000))
        #expect(FileFetcher.contents(atPath: "/dev/zero", limit: 4_096)?.count == 4_097)
        #expect(FileFetcher.readSavedPage(atPath: "/dev/zero", limit: 4_096).failure?.description
                == "page larger than the 4096-byte limit: file:///dev/zero")
    }

    @Test func whatCannotBeReadSaysWhy() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(FileFetcher.contents(atPath: folder.path, limit: 1 << 20) == nil)
        #expect(FileFetcher.readSavedPage(atPath: folder.path, limit: 1 << 20).failure?.description == "is a directory")
        let missing = folder.appendingPathComponent("missing.html").path
        #expect(FileFetcher.readSavedPage(atPath: missing, limit: 1 << 20).failure?.description == "no such file")
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
