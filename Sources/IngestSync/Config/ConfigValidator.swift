import Foundation
import IngestCore

/// Walks a decoded feeds.json and collects every problem instead of stopping at the first.
struct ConfigValidator {
    private(set) var problems: [String] = []

    /// Allowed ranges, documented in docs/sync.md (feeds.json in full).
    static let ranges: [String: ClosedRange<Int>] = [
        "concurrency": 1...256,
        "perHostConcurrency": 1...32,
        "perHostDelayMs": 0...600_000,
        "timeoutSeconds": 1...600,
        "maxPageBytes": 1_024...1_000_000_000,
        "workerJoinSeconds": 0...600,
    ]
    static let settingKeys = ["userAgent", "schedule", "keepRaw"] + ranges.keys.sorted()
    /// `settings.schedule` keys and their ranges (minutes, hours, days as named).
    static let scheduleRanges: [String: ClosedRange<Int>] = [
        "minSourceIntervalMinutes": 1...1_440,
        "maxSourceIntervalMinutes": 1...10_080,
        "maxBackoffHours": 1...720,
        "revalidateOlderEveryMinutes": 1...525_600,
    ]
    static let scheduleKeys = ["revalidate"] + scheduleRanges.keys.sorted()
    static let revalidateRowRanges: [String: ClosedRange<Int>] = ["ageDays": 1...3_650, "everyMinutes": 1...525_600]
    static let sourceKeys = ["name", "url", "kind"]

    mutating func config(from root: JSONValue) -> FeedsConfig? {
        guard case .object(let object) = root else {
            problems.append("the top level must be an object with \"settings\" and \"sources\", got \(root.typeName)")
            return nil
        }
        // "$schema" lets an editor complete and check the file from schemas/feeds.schema.json.
        for key in object.keys.sorted() where !["settings", "sources", "$schema"].contains(key) {
            problems.append("unknown top-level key \"\(key)\"")
        }
        let settings = object["settings"].map { self.settings(from: $0) } ?? FeedsConfig.Settings()
        guard let sourcesValue = object["sources"] else {
            problems.append("missing key \"sources\"")
            return nil
        }
        guard case .array(let items) = sourcesValue else {
            problems.append("\"sources\" must be an array, got \(sourcesValue.typeName)")
            return nil
        }
        if items.isEmpty { problems.append("\"sources\" is empty: add at least one source") }
        var sources: [FeedsConfig.Source] = []
        var firstIndexByName: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard let source = self.source(from: item, index: index) else { continue }
            if let first = firstIndexByName[source.name] {
                problems.append("sources[\(index)] \"\(source.name)\": duplicate name (also sources[\(first)])")
            } else {
                firstIndexByName[source.name] = index
            }
            sources.append(source)
        }
        return FeedsConfig(settings: settings, sources: sources)
    }

    private mutating func settings(from value: JSONValue) -> FeedsConfig.Settings {
        var settings = FeedsConfig.Settings()
        guard case .object(let object) = value else {
            problems.append("\"settings\" must be an object, got \(value.typeName)")
            return settings
        }
        for key in object.keys.sorted() {
            let item = object[key]!
            switch key {
            case "userAgent":
                if case .string(let text) = item, !text.isEmpty, !text.contains(where: \.isNewline) {
                    settings.userAgent = text
                } else {
                    problems.append("settings: \"userAgent\" must be a non-empty one-line string, got \(describe(item))")
                }
            case "schedule":
                schedule(from: item, into: &settings)
            case "keepRaw":
                if case .bool(let flag) = item {
                    settings.keepRaw = flag
                } else {
                    problems.append("settings: \"keepRaw\" must be true or false, got \(describe(item))")
                }
            case _ where Self.ranges[key] != nil:
                guard let number = integer(item, key: key, range: Self.ranges[key]!, in: "settings") else { continue }
                switch key {
                case "concurrency": settings.concurrency = number
                case "perHostConcurrency": settings.perHostConcurrency = number
                case "perHostDelayMs": settings.perHostDelayMs = number
                case "timeoutSeconds": settings.timeoutSeconds = number
                case "workerJoinSeconds": settings.workerJoinSeconds = number
                default: settings.maxPageBytes = number
                }
            default:
                problems.append("settings: unknown key \"\(key)\"\(suggestion(for: key, among: Self.settingKeys))")
            }
        }
        return settings
    }

    /// `settings.schedule`: source interval bounds, backoff cap and the revalidation table.
    /// Absent keys keep today's defaults.
    private mutating func schedule(from value: JSONValue, into settings: inout FeedsConfig.Settings) {
        let label = "settings.schedule"
        guard case .object(let object) = value else {
            problems.append("settings: \"schedule\" must be an object, got \(value.typeName)")
            return
        }
        var poll = settings.poll, revalidation = settings.revalidation
        var tableRefused = false
        for key in object.keys.sorted() {
            let item = object[key]!
            if let range = Self.scheduleRanges[key] {
                guard let number = integer(item, key: key, range: range, in: label) else { continue }
                switch key {
                case "minSourceIntervalMinutes": poll.minimumInterval = TimeInterval(number * 60)
                case "maxSourceIntervalMinutes": poll.maximumInterval = TimeInterval(number * 60)
                case "maxBackoffHours": poll.maximumBackoff = TimeInterval(number * 3600)
                default: revalidation.oldestInterval = TimeInterval(number * 60)
                }
            } else if key == "revalidate" {
                if let table = revalidationTable(from: item, label: label) { revalidation.table = table } else { tableRefused = true }
            } else {
                problems.append("\(label): unknown key \"\(key)\"\(suggestion(for: key, among: Self.scheduleKeys))")
            }
        }
        if poll.minimumInterval > poll.maximumInterval {
            problems.append("\(label): \"minSourceIntervalMinutes\" (\(Int(poll.minimumInterval / 60))) must not exceed \"maxSourceIntervalMinutes\" (\(Int(poll.maximumInterval / 60)))")
        }
        // A refused table was already reported; comparing with the default rows would only confuse.
        if !tableRefused, let last = revalidation.table.last, last.interval > revalidation.oldestInterval {
            problems.append("\(label): \"revalidateOlderEveryMinutes\" (\(Int(revalidation.oldestInterval / 60))) must not be shorter than the last \"revalidate\" row's \"everyMinutes\" (\(Int(last.interval / 60)))")
        }
        settings.poll = poll
        settings.revalidation = revalidation
    }

    /// `revalidate`: rows `{"ageDays", "everyMinutes"}`, ages strictly ascending and
    /// intervals never shorter than the row before (older articles are checked less often).
    private mutating func revalidationTable(from value: JSONValue, label: String) -> [(age: TimeInterval, interval: TimeInterval)]? {
        guard case .array(let items) = value else {
            problems.append("\(label): \"revalidate\" must be an array, got \(value.typeName)")
            return nil
        }
        var table: [(age: TimeInterval, interval: TimeInterval)] = []
        var valid = true
        for (index, item) in items.enumerated() {
            let rowLabel = "\(label).revalidate[\(index)]"
            guard case .object(let row) = item else {
                problems.append("\(rowLabel): must be an object, got \(item.typeName)")
                valid = false
                continue
            }
            for key in row.keys.sorted() where Self.revalidateRowRanges[key] == nil {
                problems.append("\(rowLabel): unknown key \"\(key)\"\(suggestion(for: key, among: Self.revalidateRowRanges.keys.sorted()))")
                valid = false
            }
            var numbers: [String: Int] = [:]
            for key in Self.revalidateRowRanges.keys.sorted() {
                guard let item = row[key] else {
                    problems.append("\(rowLabel): missing key \"\(key)\"")
                    continue
                }
                numbers[key] = integer(item, key: key, range: Self.revalidateRowRanges[key]!, in: rowLabel)
            }
            guard let days = numbers["ageDays"], let minutes = numbers["everyMinutes"] else {
                valid = false
                continue
            }
            if let previous = table.last, TimeInterval(days * 86_400) <= previous.age {
                problems.append("\(rowLabel): \"ageDays\" must be larger than the row before's (\(Int(previous.age / 86_400))), got \(days)")
                valid = false
            } else if let previous = table.last, TimeInterval(minutes * 60) < previous.interval {
                problems.append("\(rowLabel): \"everyMinutes\" must not be shorter than the row before's (\(Int(previous.interval / 60))), got \(minutes)")
                valid = false
            }
            table.append((TimeInterval(days * 86_400), TimeInterval(minutes * 60)))
        }
        return valid ? table : nil
    }

    /// The integer `item` when it lies in `range`; otherwise records a problem naming `key`.
    private mutating func integer(_ item: JSONValue, key: String, range: ClosedRange<Int>, in label: String) -> Int? {
        guard case .integer(let number) = item, range.contains(number) else {
            problems.append("\(label): \"\(key)\" must be an integer from \(range.lowerBound) to \(range.upperBound), got \(describe(item))")
            return nil
        }
        return number
    }

    private mutating func source(from value: JSONValue, index: Int) -> FeedsConfig.Source? {
        guard case .object(let object) = value else {
            problems.append("sources[\(index)]: must be an object, got \(value.typeName)")
            return nil
        }
        var label = "sources[\(index)]"
        var name: String?
        if let item = object["name"] {
            if case .string(let text) = item, !text.isEmpty, !text.contains(where: { $0.isNewline || $0 == "\"" }) {
                name = text
                label += " \"\(text)\""
            } else {
                problems.append("\(label): \"name\" must be a non-empty one-line string, got \(describe(item))")
            }
        } else {
            problems.append("\(label): missing key \"name\"")
        }
        for key in object.keys.sorted() where !Self.sourceKeys.contains(key) {
            problems.append("\(label): unknown key \"\(key)\"\(suggestion(for: key, among: Self.sourceKeys))")
        }
        var url: String?
        if let item = object["url"] {
            if case .string(let text) = item, let problem = Self.urlProblem(text) {
                problems.append("\(label): \"url\" \(problem)")
            } else if case .string(let text) = item {
                url = text
            } else {
                problems.append("\(label): \"url\" must be a string, got \(item.typeName)")
            }
        } else {
            problems.append("\(label): missing key \"url\"")
        }
        var kind = FeedKind.auto
        if let item = object["kind"] {
            if case .string(let text) = item, let parsed = FeedKind(rawValue: text) {
                kind = parsed
            } else {
                let allowed = FeedKind.allCases.map(\.rawValue).joined(separator: ", ")
                problems.append("\(label): \"kind\" must be one of \(allowed), got \(describe(item))")
            }
        }
        guard let name, let url else { return nil }
        return FeedsConfig.Source(name: name, url: url, kind: kind)
    }

    /// Why a source URL is unusable, or `nil` when it is an absolute http(s) URL with a host.
    /// Credentials in the URL are refused: they would be printed and stored with it, and
    /// the message names the URL with them removed.
    static func urlProblem(_ text: String) -> String? {
        guard let parts = CanonicalURL.httpComponents(text) else {
            return "must be an absolute http:// or https:// URL, got \"\(CanonicalURL.withoutUserinfo(text))\""
        }
        if parts.user != nil || parts.password != nil {
            return "must not carry credentials (user:password@), got \"\(CanonicalURL.withoutUserinfo(text))\""
        }
        return nil
    }

    private func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): "\"\(text)\""
        case .integer(let number): "\(number)"
        case .number(let number): "\(number)"
        case .bool(let flag): "\(flag)"
        default: value.typeName
        }
    }

    /// ` (did you mean "kind"?)` when a known key is one or two edits away.
    private func suggestion(for key: String, among known: [String]) -> String {
        guard let close = known.first(where: { editDistance($0.lowercased(), key.lowercased()) <= 2 }) else { return "" }
        return " (did you mean \"\(close)\"?)"
    }
}

/// Levenshtein distance, for "did you mean" hints on short keys.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...max(b.count, 1) where !b.isEmpty {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
}
