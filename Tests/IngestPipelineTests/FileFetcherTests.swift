import Foundation
import Testing
@testable import IngestPipeline

/// `FileFetcher.contents(atPath:)`, how `ingest extract` and `import` read saved pages: the
/// file's bytes exactly, whatever its size, also from a pipe that has no size.
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
        #expect(FileFetcher.contents(atPath: file.path) == bytes)
        let empty = folder.appendingPathComponent("empty.html")
        try Data().write(to: empty)
        #expect(FileFetcher.contents(atPath: empty.path) == [])
        #expect(try FileFetcher.readSavedPage(atPath: file.path).get() == bytes)
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
        #expect(FileFetcher.contents(atPath: "/dev/fd/\(readEnd)") == bytes)
    }

    @Test func whatCannotBeReadSaysWhy() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(FileFetcher.contents(atPath: folder.path) == nil)
        #expect(FileFetcher.readSavedPage(atPath: folder.path).failure?.description == "is a directory")
        let missing = folder.appendingPathComponent("missing.html").path
        #expect(FileFetcher.readSavedPage(atPath: missing).failure?.description == "no such file")
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
