import Foundation
import IngestCore
import IngestTesting
import Testing
@testable import IngestStore

/// Files ingest creates are never opened through a symlink someone planted, and the names
/// of temp files cannot be guessed in advance.
@Suite struct PlantedSymlinkTests {
    @Test func aSymlinkAtTheTempPathIsNotFollowed() throws {
        let temp = TempDirectory()
        let victim = temp.path + "/victim.txt"
        try Data("precious".utf8).write(to: URL(fileURLWithPath: victim))
        let planted = temp.path + "/export.jsonl.planted.tmp"
        #expect(symlink(victim, planted) == 0)
        #expect(throws: StoreError.io(path: planted, operation: "create", errno: EEXIST)) {
            try StoreError.io { try AtomicFile.Writer(replacing: temp.path + "/export.jsonl", tempPath: planted) }
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
    }

    @Test func tempPathsAreFreshEachTime() {
        let paths = Set((0..<100).map { _ in AtomicFile.tempPath(for: "/data/export.jsonl") })
        #expect(paths.count == 100)
        #expect(paths.allSatisfy { $0.hasPrefix("/data/export.jsonl.\(getpid())-") && $0.hasSuffix(AtomicFile.tempSuffix) })
    }

    @Test func aSymlinkAtTheLockIsRefusedAndItsTargetUntouched() throws {
        let temp = TempDirectory()
        do { _ = try Store.open(directory: temp.store, access: .write).append(copies: [sampleCopy(1)]) }
        let victim = temp.path + "/victim.txt"
        try Data("precious".utf8).write(to: URL(fileURLWithPath: victim))
        let lock = temp.store + "/lock"
        #expect(unlink(lock) == 0)
        #expect(symlink(victim, lock) == 0)
        #expect(throws: StoreError.io(path: lock, operation: "open lock file", errno: ELOOP)) {
            try Store.open(directory: temp.store, access: .write)
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
    }

    @Test(arguments: [("x", "."), ("ab", "."), ("/x", "/"), ("dir/x", "dir"), ("/a/b/c.jsonl", "/a/b")])
    func directoryOfAPath(path: String, directory: String) {
        #expect(AtomicFile.directory(of: path) == directory)
    }
}
