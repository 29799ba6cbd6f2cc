import Foundation
import IngestCore
import IngestTesting
import Testing
@testable import IngestStore

/// The export of a store with merges (a chain too), text revisions, copies moved between
/// stories, deletions, revivals and a lost story record, checked against a plain in-memory
/// model of its files; and the same bytes whatever the sort buffer size.
@Suite struct StoreExportTests {
    /// A seeded history over four writer sessions, then a crash that lost the last story record.
    private func makeStore(_ temp: TempDirectory) throws {
        var random = SplitMix(seed: 5)
        var stories = Dictionary(uniqueKeysWithValues: (0..<150).map { ($0, "story-\($0 / 3)") })
        var versions: [Int: Int] = [:]
        let input = { (i: Int) in sampleCopy(i, story: stories[i], version: versions[i] ?? 1) }
        let some = { (count: Int, range: Range<Int>, random: inout SplitMix) in
            Set((0..<count).map { _ in Int.random(in: range, using: &random) }).sorted()
        }
        do {
            let store = try Store.open(directory: temp.store, access: .write, clock: clock(0))
            _ = try store.append(copies: (0..<120).map(input))
        }
        var deleted: [Int] = []
        do {
            let store = try Store.open(directory: temp.store, access: .write, clock: clock(3600))
            let revised = some(30, 0..<120, &random), moved = some(10, 0..<120, &random)
            for i in revised { versions[i, default: 1] += 1 }
            for i in moved { stories[i] = "story-\(Int.random(in: 0..<40, using: &random))" }
            _ = try store.append(copies: Set(revised + moved).sorted().map(input))
            deleted = some(20, 0..<120, &random)
            _ = try store.markDeleted(copyIDs: deleted.map { "copy-\($0)" })
        }
        do {
            let store = try Store.open(directory: temp.store, access: .write, clock: clock(7200))
            try store.append(aliases: [StoryAlias(from: "story-5", to: "story-6"), StoryAlias(from: "story-6", to: "story-7"),
                                       StoryAlias(from: "story-10", to: "story-11"), StoryAlias(from: "story-20", to: "story-3")])
            for i in 120..<150 { stories[i] = "story-\(Int.random(in: 0..<45, using: &random))" }
            _ = try store.append(copies: (120..<150).map(input) + deleted.prefix(5).map(input))  // 5 revived
        }
        do {
            let store = try Store.open(directory: temp.store, access: .write, clock: clock(10_800))
            let revised = some(10, 0..<150, &random)
            for i in revised { versions[i, default: 1] += 1 }
            _ = try store.append(copies: revised.map(input))
            _ = try store.markDeleted(copyIDs: stories.filter { $0.value == "story-12" }.map { "copy-\($0.key)" })
        }
        let storiesFile = temp.store + "/stories.jsonl"
        let lost = try lines(of: "stories.jsonl", in: temp.store).dropLast().map { $0 + "\n" }.joined()
        try Data(lost.utf8).write(to: URL(fileURLWithPath: storiesFile))
    }

    /// The export the files call for, computed the simple way: every copy's last line, in
    /// first-appearance order, each story where its first copy appears.
    private struct Model {
        var latest: [String: CopyRevision] = [:]
        var firstLine: [String: Int] = [:]
        var aliases: [String: String] = [:]
        var storyRecords: [String: StoryRecord] = [:]

        init(directory: String) throws {
            let decoder = JSONDecoder()
            for (number, line) in try lines(of: "copies.jsonl", in: directory).enumerated() {
                let revision = try decoder.decode(CopyRevision.self, from: Data(line.utf8))
                latest[revision.id] = revision
                firstLine[revision.id] = firstLine[revision.id] ?? number
            }
            for line in try lines(of: "aliases.jsonl", in: directory) {
                let alias = try decoder.decode(StoryAlias.self, from: Data(line.utf8))
                aliases[alias.from] = alias.to
            }
            for line in try lines(of: "stories.jsonl", in: directory) {
                let record = try decoder.decode(StoryRecord.self, from: Data(line.utf8))
                storyRecords[record.id] = record
            }
        }

        func surviving(_ story: String) -> String { aliases[story].map(surviving) ?? story }

        func copies(includeDeleted: Bool) -> [CopyRevision] {
            latest.values.filter { includeDeleted || !$0.deleted }
                .sorted { ($0.firstSeq, firstLine[$0.id]!) < ($1.firstSeq, firstLine[$1.id]!) }
        }

        /// (id, copy URLs, revision, updated, representative URL, deleted) per story.
        func stories(includeDeleted: Bool) -> [[String]] {
            var order: [String] = [], members: [String: [CopyRevision]] = [:]
            for copy in copies(includeDeleted: includeDeleted) {
                let id = surviving(copy.story)
                if members[id] == nil { order.append(id) }
                members[id, default: []].append(copy)
            }
            return order.map { id in
                let copies = members[id]!
                let representative = copies.first { !$0.deleted } ?? copies[0]
                let record = storyRecords[id].flatMap { $0.contentHash == representative.contentHash ? $0 : nil }
                return [id, copies.map(\.url).joined(separator: " "), String(record?.revision ?? representative.revision),
                        record?.updated ?? representative.updated, representative.url, String(representative.deleted)]
            }
        }
    }

    private func export(_ directory: String, _ options: ExportOptions) throws -> String {
        try exportedText { try Store.export(directory: directory, options, to: $0) }
    }

    @Test(arguments: [false, true])
    func storiesFollowTheModel(includeDeleted: Bool) throws {
        let temp = TempDirectory()
        try makeStore(temp)
        let model = try Model(directory: temp.store)
        let stories = try jsonObjects(export(temp.store, ExportOptions(includeDeleted: includeDeleted))).map { story in
            [story["id"] as! String, (story["copies"] as! [[String: Any]]).map { $0["url"] as! String }.joined(separator: " "),
             String(story["revision"] as! Int), story["updated"] as! String, story["url"] as! String,
             String(story["deleted"] as? Bool ?? false)]
        }
        #expect(stories == model.stories(includeDeleted: includeDeleted))
        #expect(stories.contains { $0[0] == "story-7" } && !stories.contains { $0[0] == "story-5" || $0[0] == "story-6" })
        #expect(stories.contains { $0[5] == "true" } == includeDeleted)
    }

    @Test(arguments: [false, true])
    func copiesFollowTheModel(includeDeleted: Bool) throws {
        let temp = TempDirectory()
        try makeStore(temp)
        let model = try Model(directory: temp.store)
        let copies = try jsonObjects(export(temp.store, ExportOptions(perCopy: true, includeDeleted: includeDeleted))).map {
            [$0["url"] as! String, $0["story"] as! String, String($0["revision"] as! Int), String($0["deleted"] as? Bool ?? false)]
        }
        #expect(copies == model.copies(includeDeleted: includeDeleted).map {
            [$0.url, model.surviving($0.story), String($0.revision), String($0.deleted)]
        })
    }

    @Test func everyOptionWritesTheSameBytesWithManySpilledRuns() throws {
        let temp = TempDirectory()
        try makeStore(temp)
        let reader = try Store.open(directory: temp.store, access: .read)
        for format in ExportOptions.Format.allCases where !format.isDocument {  // documents: ExportDocumentTests
            for (perCopy, includeDeleted) in [(false, false), (false, true), (true, false), (true, true)] {
                for since in [nil, "2026-01-01T02:00:00Z"] {
                    let options = ExportOptions(format: format, perCopy: perCopy, includeDeleted: includeDeleted,
                                                filter: ExportFilter(since: since))
                    // A budget of one byte sorts two records at a time: runs by the hundred.
                    var spilling = StoreExport(copies: reader.files.copies, stories: reader.files.stories,
                                               aliases: reader.aliases)
                    spilling.sortBudget = 1
                    let oneRun = try export(temp.store, options)
                    #expect(oneRun.split(separator: "\n").count > 5, "\(options)")
                    #expect(try exportedText { _ = try spilling.write(options, to: $0) } == oneRun, "\(options)")
                    #expect(try reader.exported(options) == oneRun, "\(options)")
                }
            }
        }
    }
}
