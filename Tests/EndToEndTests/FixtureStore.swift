import Foundation
import IngestTesting

/// A copy of the fixture store (written by the store's crash harness: 13 copies in 5 stories,
/// one merge, three revised copies, two deleted; 18 copy revisions, every record file) in
/// `temp`, as `temp/store`.
func fixtureStore(in temp: TemporaryDirectory) throws -> URL {
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/store/thirteen-copies-merged-revised-deleted")
    let copy = temp.url.appendingPathComponent("store")
    try FileManager.default.copyItem(at: fixture, to: copy)
    return copy
}
