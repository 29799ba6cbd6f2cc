import Foundation
import IngestCore
import Testing
@testable import IngestStore

/// A store with `count` copies (one fetch state each, one merge, one sync run) in `temp`.
private func storeWithCopies(_ temp: TempDirectory, count: Int = 6) throws {
    let store = try Store.open(directory: temp.store, access: .write, clock: clock(0))
    _ = try store.append(copies: (0..<count).map { sampleCopy($0) })
    try store.put(fetchRecords: (0..<count).map {
        FetchRecord(url: "https://site\($0 % 3).test/article/\($0)", copy: "copy-\($0)", etag: "\"\($0)\"")
    })
    try store.append(aliases: [StoryAlias(from: "story-1", to: "story-0")])
    try store.record(syncRun: SyncSummary(started: Date(timeIntervalSince1970: 0), ended: Date(timeIntervalSince1970: 1), seconds: 1))
    try store.recordDedupSnapshot(watermark: store.lastSequenceNumber)
}

/// Cuts line `number` (1-based) of `file` to half its length, newline kept; returns the file's
/// bytes before, the offset of that line and the bytes left of it.
@discardableResult
private func cutLine(_ number: Int, of file: String, in temp: TempDirectory) throws -> (before: Data, offset: Int64, left: Data) {
    let path = temp.store + "/" + file
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    var lines = before.split(separator: 0x0A, omittingEmptySubsequences: false).map { Data($0) }
    let offset = lines[..<(number - 1)].reduce(0) { $0 + Int64($1.count) + 1 }
    lines[number - 1] = lines[number - 1].prefix(lines[number - 1].count / 2)
    try Data(lines.joined(separator: [0x0A])).write(to: URL(fileURLWithPath: path))
    return (before, offset, lines[number - 1])
}

/// Every file of the store directory, by name, with its bytes.
private func snapshot(_ temp: TempDirectory) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: temp.store) where name != "lock" {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: temp.store + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: temp.store + "/" + name))
        }
    }
    return files
}

@Suite struct DamageTests {
    /// No proper prefix of a record line is a record: a line cut anywhere is damage.
    @Test func everyPrefixOfACopyLineIsRefused() {
        let line = sampleCopy(4, text: "A \"quoted\" text,\nwith a newline and a backslash \\ in it.").jsonLineForTest
        let whole = line.withUnsafeBytes { Store.copyEntry($0) }?.1
        #expect(whole?.seq == 1 && whole?.firstSeq == 1 && whole?.revision == 1 && whole?.deleted == false)
        for length in 0..<line.count {
            let prefix = line.prefix(length)
            #expect(prefix.withUnsafeBytes { Store.copyEntry($0) } == nil, "prefix of \(length) bytes accepted")
        }
    }

    @Test func aLineMissingAStringEveryCopyHasIsRefused() throws {
        for key in ["first_seen", "source", "text", "updated", "url"] {
            var object = try JSONSerialization.jsonObject(with: sampleCopy(1).jsonLineForTest) as! [String: Any]
            object[key] = nil
            let line = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            #expect(line.withUnsafeBytes { Store.copyEntry($0) } == nil, "\(key) missing accepted")
            object[key] = 5
            let wrongType = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            #expect(wrongType.withUnsafeBytes { Store.copyEntry($0) } == nil, "\(key) as a number accepted")
        }
    }

    @Test func trailingBytesAfterTheObjectAreRefused() {
        let line = Data(#"{"a":"x"} {"b":1}"#.utf8)
        #expect(line.withUnsafeBytes { FieldScanner(keys: ["a"]).scan($0) } == nil)
        #expect(Data(#"{"a":"x"}  "#.utf8).withUnsafeBytes { FieldScanner(keys: ["a"]).scan($0) }?[0].string == "x")
    }

    /// Every way of reading the store names the same file, line and byte.
    @Test func aDamagedMiddleLineFailsEveryReaderWithItsLineAndByte() throws {
        let temp = TempDirectory()
        try storeWithCopies(temp)
        let cut = try cutLine(3, of: "copies.jsonl", in: temp)
        let before = try snapshot(temp)
        let expected = StoreError.corrupt(path: temp.store + "/copies.jsonl", line: 3, offset: cut.offset,
                                          reason: "not a copy revision")
        #expect(throws: expected) { try Store.open(directory: temp.store, access: .read) }
        #expect(throws: expected) { try Store.open(directory: temp.store, access: .write) }
        #expect(throws: expected) { _ = try exportedText { try Store.export(directory: temp.store, ExportOptions(), to: $0) } }
        #expect(throws: expected) {
            _ = try exportedText { try Store.export(directory: temp.store, ExportOptions(perCopy: true), to: $0) }
        }
        #expect(try snapshot(temp) == before, "a reader or a refused writer changed the store")
        #expect(expected.description.contains("copies.jsonl:3: damaged line at byte \(cut.offset)"))
    }

    @Test(arguments: [("stories.jsonl", "story record"), ("fetch.jsonl", "fetch state"), ("sources.jsonl", "source state"),
                      ("aliases.jsonl", "story merge"), ("runs.jsonl", "sync run"), ("dedup.jsonl", "dedup watermark")])
    func aDamagedLineInAnyFileIsReported(file: String, what: String) throws {
        let temp = TempDirectory()
        try storeWithCopies(temp)
        do {
            let store = try Store.open(directory: temp.store, access: .write, clock: clock(1))
            try store.put(sourceStates: [SourceState(name: "feed"), SourceState(name: "other")])
            try store.record(syncRun: SyncSummary(started: Date(timeIntervalSince1970: 86_400), ended: Date(timeIntervalSince1970: 86_401), seconds: 1))
            _ = try store.append(copies: [sampleCopy(9)])
            try store.append(aliases: [StoryAlias(from: "story-3", to: "story-2")])
            try store.recordDedupSnapshot(watermark: store.lastSequenceNumber)
        }
        let count = try lines(of: file, in: temp.store).count
        #expect(count >= 2, "the store needs a line after the damaged one")
        let cut = try cutLine(1, of: file, in: temp)
        let expected = StoreError.corrupt(path: temp.store + "/" + file, line: 1, offset: cut.offset, reason: "not a \(what)")
        #expect(throws: expected) { try Store.open(directory: temp.store, access: .read) }
        #expect(throws: expected) { try Store.open(directory: temp.store, access: .write) }
        #expect(throws: expected) { _ = try exportedText { try Store.export(directory: temp.store, ExportOptions(), to: $0) } }
    }

    /// A NUL byte is never written by the store (control characters are escaped).
    @Test func aNulByteInsideALineIsDamage() throws {
        let temp = TempDirectory()
        try storeWithCopies(temp)
        let path = temp.store + "/copies.jsonl"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let firstNewline = bytes.firstIndex(of: 0x0A)!
        bytes[firstNewline + 300] = 0  // inside the second line's text
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.corrupt(path: path, line: 2, offset: Int64(firstNewline + 1), reason: "not a copy revision")) {
            try Store.open(directory: temp.store, access: .read)
        }
    }

    @Test func exportCanSkipDamagedLinesAndReportsEach() throws {
        let temp = TempDirectory()
        try storeWithCopies(temp)
        let cut = try cutLine(3, of: "copies.jsonl", in: temp)
        var skipped: [DamagedLine] = []
        let text = try exportedText {
            try Store.export(directory: temp.store, ExportOptions(perCopy: true), to: $0) { skipped.append($0) }
        }
        #expect(try jsonObjects(text).map { $0["url"] as? String }
            == [0, 1, 3, 4, 5].map { "https://site\($0 % 3).test/article/\($0)" })
        #expect(skipped == [DamagedLine(path: temp.store + "/copies.jsonl", line: 3, offset: cut.offset,
                                        length: cut.left.count, reason: "not a copy revision")])
    }

    @Test func repairQuarantinesTheDamagedLineByteForByteAndKeepsTheRest() throws {
        let temp = TempDirectory()
        try storeWithCopies(temp)
        let cut = try cutLine(3, of: "copies.jsonl", in: temp)
        let damaged = try Data(contentsOf: URL(fileURLWithPath: temp.store + "/copies.jsonl"))
        let others = try snapshot(temp).filter { $0.key != "copies.jsonl" }

        let result = try Store.repair(directory: temp.store, clock: clock(3600))
        let quarantine = temp.store + "/quarantine/copies.jsonl.20260101T010000Z"
        #expect(result.moved == [RepairResult.Moved(
            damage: DamagedLine(path: temp.store + "/copies.jsonl", line: 3, offset: cut.offset, length: cut.left.count,
                                reason: "not a copy revision"),
            quarantine: quarantine)])
        #expect(result.watermark == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: quarantine)) == cut.left + Data([0x0A]))
        // The file is what it was, less exactly that line; no other file changed.
        var expected = damaged
        expected.removeSubrange(Int(cut.offset)..<(Int(cut.offset) + cut.left.count + 1))
        #expect(try Data(contentsOf: URL(fileURLWithPath: temp.store + "/copies.jsonl")) == expected)
        #expect(try snapshot(temp).filter { $0.key != "copies.jsonl" && $0.key != "fetch.jsonl" }
            == others.filter { $0.key != "fetch.jsonl" })
        // copy-2's state had validators: it is reset, appended after the others.
        #expect(result.resetURLs == ["https://site2.test/article/2"])
        let states = try lines(of: "fetch.jsonl", in: temp.store)
        #expect(states.dropLast().joined(separator: "\n") + "\n" == String(decoding: others["fetch.jsonl"]!, as: UTF8.self))
        let reset = try JSONDecoder().decode(FetchRecord.self, from: Data(states.last!.utf8))
        #expect(reset == FetchRecord(url: "https://site2.test/article/2", copy: "copy-2", lastChecked: "1970-01-01T00:00:00Z"))

        do {
            let store = try Store.open(directory: temp.store, access: .write)
            #expect(store.status().copies == 5)
            #expect(try store.copy(id: "copy-2") == nil)
            #expect(try jsonObjects(store.exported(ExportOptions(perCopy: true))).count == 5)
        }
        #expect(try Store.repair(directory: temp.store).moved.isEmpty)
    }

    @Test func repairLowersAWatermarkLeftPastTheEndAndNeverReusesAQuarantineFile() throws {
        let temp = TempDirectory()
        try storeWithCopies(temp)
        let count = try lines(of: "copies.jsonl", in: temp.store).count
        try cutLine(count, of: "copies.jsonl", in: temp)  // the last line, newline kept: damage, not a torn tail
        let first = try Store.repair(directory: temp.store, clock: clock(0))
        #expect(first.moved.map(\.damage.line) == [count])
        #expect(first.watermark == RepairResult.WatermarkChange(from: count, to: count - 1))
        #expect(try Store.open(directory: temp.store, access: .read).dedupWatermark == count - 1)

        try cutLine(1, of: "copies.jsonl", in: temp)
        let second = try Store.repair(directory: temp.store, clock: clock(0))
        #expect(second.moved.first?.quarantine == first.moved.first!.quarantine + "-2")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.store + "/quarantine").count == 2)
    }

    @Test func aTornLastLineIsStillNoDamage() throws {
        let temp = TempDirectory()
        try storeWithCopies(temp)
        let path = temp.store + "/copies.jsonl"
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try (whole + Data(#"{"authors":[],"content_hash":"sha256:x","del"#.utf8)).write(to: URL(fileURLWithPath: path))
        #expect(try Store.open(directory: temp.store, access: .read).status().copies == 6)
        #expect(try Store.repair(directory: temp.store).moved.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == whole)
    }
}

@Suite struct MissingFileTests {
    @Test(arguments: StoreFiles.Name.records)
    func aDeletedRecordFileIsMissingNotEmpty(file: String) throws {
        let temp = TempDirectory()
        try storeWithCopies(temp)
        try FileManager.default.removeItem(atPath: temp.store + "/" + file)
        let before = try snapshot(temp)
        let expected = StoreError.missing(path: temp.store + "/" + file,
                                          reason: "format.json is there, and a store has every one of its files; restore it from a backup")
        #expect(throws: expected) { try Store.open(directory: temp.store, access: .read) }
        #expect(throws: expected) { try Store.open(directory: temp.store, access: .write) }
        #expect(throws: expected) { _ = try exportedText { try Store.export(directory: temp.store, ExportOptions(), to: $0) } }
        #expect(throws: expected) { try Store.repair(directory: temp.store) }
        #expect(try snapshot(temp) == before, "nothing is created in a damaged store")
    }

    @Test func emptiedCopiesThatOtherFilesReferToAreMissing() throws {
        let temp = TempDirectory()
        try storeWithCopies(temp)
        try Data().write(to: URL(fileURLWithPath: temp.store + "/copies.jsonl"))
        #expect(throws: StoreError.missing(path: temp.store + "/copies.jsonl", reason: "absent or empty, but fetch.jsonl names "
            + "copy copy-0, stories.jsonl holds story records, aliases.jsonl holds story merges, dedup.jsonl covers copy "
            + "revisions up to 6; restore it from a backup")) { try Store.open(directory: temp.store, access: .read) }
    }

    @Test func copiesCutShortOfTheDedupWatermarkAreMissing() throws {
        let temp = TempDirectory()
        try storeWithCopies(temp)
        let kept = try lines(of: "copies.jsonl", in: temp.store).prefix(4).joined(separator: "\n") + "\n"
        try Data(kept.utf8).write(to: URL(fileURLWithPath: temp.store + "/copies.jsonl"))
        for open in [{ try Store.open(directory: temp.store, access: .read) }, { try Store.open(directory: temp.store, access: .write) }] {
            #expect(throws: StoreError.missing(path: temp.store + "/copies.jsonl", reason: "its last copy revision is 4, but "
                + "dedup.jsonl covers revisions up to 6: lines are missing from its end; 'ingest repair' lowers the watermark")) {
                _ = try open()
            }
        }
    }

    /// A whole line taken out of the middle: the file parses, but a fetch state (with validators,
    /// which would make the next sync take the copy as unchanged) names the copy it held.
    @Test func aCopyNamedByAFetchStateButGoneIsMissingUntilRepairResetsTheState() throws {
        let temp = TempDirectory()
        try storeWithCopies(temp)
        var copies = try lines(of: "copies.jsonl", in: temp.store)
        copies.remove(at: 2)
        try Data((copies.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: temp.store + "/copies.jsonl"))
        let expected = StoreError.missing(path: temp.store + "/copies.jsonl", reason: "fetch.jsonl names copy copy-2 that "
            + "it does not hold (with validators: the next sync would take it as unchanged); 'ingest repair' resets those "
            + "fetch states so that it fetches them again")
        #expect(throws: expected) { try Store.open(directory: temp.store, access: .read) }
        #expect(throws: expected) { try Store.open(directory: temp.store, access: .write) }
        for perCopy in [false, true] {
            #expect(throws: expected) {
                _ = try exportedText { try Store.export(directory: temp.store, ExportOptions(perCopy: perCopy), to: $0) }
            }
        }

        let result = try Store.repair(directory: temp.store)
        #expect(result.moved.isEmpty && result.resetURLs == ["https://site2.test/article/2"])
        let store = try Store.open(directory: temp.store, access: .read)
        #expect(try store.fetchRecord(url: "https://site2.test/article/2")
            == FetchRecord(url: "https://site2.test/article/2", copy: "copy-2", lastChecked: "1970-01-01T00:00:00Z"))
    }

    /// Without validators the next revalidation is a plain GET that stores the copy again.
    @Test func aStateWithoutValidatorsNamingAGoneCopyIsNoDamage() throws {
        let temp = TempDirectory()
        do {
            let store = try Store.open(directory: temp.store, access: .write)
            _ = try store.append(copies: [sampleCopy(0), sampleCopy(1)])
            try store.put(fetchRecords: [FetchRecord(url: "https://a.test/1", copy: "copy-1")])
        }
        let copies = try lines(of: "copies.jsonl", in: temp.store)
        try Data((copies[0] + "\n").utf8).write(to: URL(fileURLWithPath: temp.store + "/copies.jsonl"))
        #expect(try Store.open(directory: temp.store, access: .read).status().copies == 1)
        #expect(try exportedText { try Store.export(directory: temp.store, ExportOptions(), to: $0) }.split(separator: "\n").count == 1)
    }

    /// The export's merge-join finds what the index finds, with states before, between and after
    /// the copies in key order, and the latest state of a URL deciding.
    @Test func exportFindsEveryMissingCopyAsTheIndexDoes() throws {
        let temp = TempDirectory()
        do {
            let store = try Store.open(directory: temp.store, access: .write)
            _ = try store.append(copies: (0..<40).map { sampleCopy($0) })
            try store.put(fetchRecords: (0..<40).map { FetchRecord(url: "https://a.test/\($0)", copy: "copy-\($0)", etag: "e") })
            // A URL whose latest state names a copy that stays, after one naming a copy that goes.
            try store.put(fetchRecords: [FetchRecord(url: "https://b.test/", copy: "copy-7", etag: "e")])
            try store.put(fetchRecords: [FetchRecord(url: "https://b.test/", copy: "copy-8", etag: "e")])
        }
        let kept = try lines(of: "copies.jsonl", in: temp.store).enumerated().filter { ![3, 7, 21, 39].contains($0.offset) }
        try Data(kept.map { $0.element + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: temp.store + "/copies.jsonl"))
        let indexed = #expect(throws: StoreError.self) { try Store.open(directory: temp.store, access: .read) }
        let exported = #expect(throws: StoreError.self) {
            _ = try exportedText { try Store.export(directory: temp.store, ExportOptions(), to: $0) }
        }
        #expect(indexed == exported)
        #expect(indexed?.description.contains("fetch.jsonl names copy copy-21 and 3 more that it does not hold") == true)
    }

    /// Lines lost from the end (or a repair interrupted after rewriting copies.jsonl): repair
    /// lowers the watermark and resets the states that name the lost copies.
    @Test func repairMendsCopiesCutShortOfTheWatermarkButRefusesEmptiedCopies() throws {
        let temp = TempDirectory()
        try storeWithCopies(temp)
        let kept = try lines(of: "copies.jsonl", in: temp.store).prefix(4).joined(separator: "\n") + "\n"
        try Data(kept.utf8).write(to: URL(fileURLWithPath: temp.store + "/copies.jsonl"))
        let result = try Store.repair(directory: temp.store)
        #expect(result.moved.isEmpty)
        #expect(result.watermark == RepairResult.WatermarkChange(from: 6, to: 4))
        #expect(result.resetURLs == ["https://site1.test/article/4", "https://site2.test/article/5"])
        #expect(try Store.open(directory: temp.store, access: .read).status().copies == 4)

        try Data().write(to: URL(fileURLWithPath: temp.store + "/copies.jsonl"))
        let before = try snapshot(temp)
        #expect(throws: StoreError.self) { try Store.repair(directory: temp.store) }
        #expect(try snapshot(temp) == before)
    }

    @Test func aDeletedFormatFileIsMissingWhenFilesHoldRecords() throws {
        let temp = TempDirectory()
        try storeWithCopies(temp)
        try FileManager.default.removeItem(atPath: temp.store + "/format.json")
        let expected = StoreError.missing(path: temp.store + "/format.json",
                                          reason: "aliases.jsonl, copies.jsonl, dedup.jsonl, fetch.jsonl, runs.jsonl, stories.jsonl hold records; "
                                            + "restore it from a backup")
        #expect(throws: expected) { try Store.open(directory: temp.store, access: .read) }
        #expect(throws: expected) { try Store.open(directory: temp.store, access: .write) }
        #expect(throws: expected) { _ = try exportedText { try Store.export(directory: temp.store, ExportOptions(), to: $0) } }
        #expect(!FileManager.default.fileExists(atPath: temp.store + "/format.json"))
    }

    /// A new store, and one whose first open stopped after creating its (empty) files.
    @Test func newAndHalfCreatedStoresAreValid() throws {
        let temp = TempDirectory()
        try FileManager.default.createDirectory(atPath: temp.store, withIntermediateDirectories: true)
        #expect(try Store.open(directory: temp.store, access: .read).status().exists == false)
        for name in StoreFiles.Name.records { FileManager.default.createFile(atPath: temp.store + "/" + name, contents: Data()) }
        #expect(try Store.open(directory: temp.store, access: .read).status().exists == false)
        let store = try Store.open(directory: temp.store, access: .write)
        #expect(store.formatVersion == 1 && FileManager.default.fileExists(atPath: temp.store + "/format.json"))
    }

    @Test func theCensusDecidesOnItsCountsAlone() {
        let healthy = StoreCensus(hasCopies: true, lastSeq: 9, hasStories: true, hasMerges: true, copyNamedByFetch: nil, dedupWatermark: 9)
        #expect(healthy.problem(in: "s") == nil)
        #expect(StoreCensus(hasCopies: false, lastSeq: nil, hasStories: false, hasMerges: false, copyNamedByFetch: nil,
                            dedupWatermark: 0).problem(in: "s") == nil)
        var past = healthy
        past.dedupWatermark = 10
        #expect(past.problem(in: "s") == .missing(path: "s/copies.jsonl", reason: "its last copy revision is 9, but dedup.jsonl "
            + "covers revisions up to 10: lines are missing from its end; 'ingest repair' lowers the watermark"))
        var unknownLast = past
        unknownLast.lastSeq = nil  // a damaged last line: the readers report that instead
        #expect(unknownLast.problem(in: "s") == nil)
        let onlyFetch = StoreCensus(hasCopies: false, lastSeq: nil, hasStories: false, hasMerges: false,
                                    copyNamedByFetch: "c", dedupWatermark: 0)
        #expect(onlyFetch.problem(in: "s") == .missing(path: "s/copies.jsonl", reason: "absent or empty, but fetch.jsonl names copy c; restore it from a backup"))
    }
}

private extension CopyInput {
    /// The line the store writes for this input as a first revision.
    var jsonLineForTest: Data {
        CopyRevision(seq: 1, firstSeq: 1, id: id, story: story, url: url, metadata: article.metadata, text: article.text,
                     source: source, firstSeen: "2026-01-01T00:00:00Z", updated: "2026-01-01T00:00:00Z",
                     contentHash: contentHash, revision: 1, deleted: false).jsonLine
    }
}
