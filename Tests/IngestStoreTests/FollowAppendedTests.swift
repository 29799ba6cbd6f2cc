import Foundation
import IngestCore
import IngestTesting
import Testing
@testable import IngestStore

/// A writer taking in lines another process appended to its files (a PostgreSQL sync worker's
/// local copy, after it pulled what the other workers committed): only the new lines are read,
/// and the store then goes on exactly as one opened afresh on the same files would.
@Suite struct FollowAppendedTests {
    @Test func followingAnotherWritersLinesIsTheSameAsOpeningAfresh() throws {
        let temp = TempDirectory()
        let mine = temp.path + "/mine", theirs = temp.path + "/theirs"
        do { _ = try Store.open(directory: theirs, access: .write, clock: clock(0)).append(copies: [sampleCopy(1)]) }
        try FileManager.default.copyItem(atPath: theirs, toPath: mine)
        let store = try Store.open(directory: mine, access: .write, clock: clock(60))
        let before = try Self.sizes(theirs)
        do {  // the other writer: a new copy, a revision moving copy-1 into its story, a merge, URL states
            let other = try Store.open(directory: theirs, access: .write, clock: clock(30))
            _ = try other.append(copies: [sampleCopy(2), sampleCopy(1, story: "story-2", version: 2)])
            try other.append(aliases: [StoryAlias(from: "story-1", to: "story-2")])
            try other.put(urlStates: [URLState(url: "https://site2.test/article/2", copyID: "copy-2", source: "feed",
                                               etag: "\"e2\"", firstSeen: clock(30)(), lastChecked: clock(30)())])
        }
        // What a worker's pull does: the other's new bytes go after this store's own.
        for name in Store.recordFileNames {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: theirs + "/" + name)).dropFirst(Int(before[name] ?? 0))
            let handle = try #require(FileHandle(forWritingAtPath: mine + "/" + name))
            try handle.seekToEnd()
            try handle.write(contentsOf: bytes)
            try handle.close()
        }

        let followed = try store.followAppended()
        #expect(followed.map(\.id) == ["copy-2", "copy-1"], "the other writer's revisions, in append order")
        #expect(followed.map(\.seq) == [2, 3])
        #expect(store.lastSequenceNumber == 3)
        #expect(store.survivingStory(of: "story-1") == "story-2")
        #expect(try store.liveCopyIDs(inStory: "story-2").sorted() == ["copy-1", "copy-2"])
        #expect(try store.urlState(url: "https://site2.test/article/2")?.etag == "\"e2\"")

        // This store's own next commit, and the same commit by a store opened afresh on the
        // other writer's files, write the same bytes: sequence numbers, offsets and story
        // records continue from what was followed.
        let next = [sampleCopy(3, story: "story-2"), sampleCopy(2, version: 2)]
        _ = try store.append(copies: next)
        _ = try Store.open(directory: theirs, access: .write, clock: clock(60)).append(copies: next)
        for name in Store.recordFileNames {
            #expect(try lines(of: name, in: mine) == lines(of: name, in: theirs), "\(name)")
        }
        #expect(try store.followAppended().isEmpty, "nothing new: nothing read")
    }

    /// Each record file's size in `directory`.
    private static func sizes(_ directory: String) throws -> [String: Int64] {
        try Dictionary(uniqueKeysWithValues: Store.recordFileNames.map { name in
            (name, (try FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size] as? Int64) ?? 0)
        })
    }
}
