import Foundation

/// Writing the world's feeds.json and running `ingest` on it.
extension World {
    /// Writes feeds.json: the main sites, plus the fault sources named (all with `faults`),
    /// with test settings (no politeness delay, a 1 s timeout, a small page limit).
    func writeFeeds(faults: Bool = false, only faultNames: Set<String>? = nil, timeoutSeconds: Int = 1) throws {
        var sources: [[String: Any]] = sites.map { ["name": $0.name, "url": url($0.feedPath, site: $0.index), "kind": $0.kind] }
        sources += faultSources.filter { faultNames?.contains($0.name) ?? faults }.map { ["name": $0.name, "url": $0.url, "kind": $0.kind] }
        let settings: [String: Any] = ["userAgent": "ingest-world-test/1.0", "concurrency": 8, "perHostConcurrency": 2,
                                       "perHostDelayMs": 0, "timeoutSeconds": timeoutSeconds, "maxPageBytes": 100_000]
        let data = try JSONSerialization.data(withJSONObject: ["settings": settings, "sources": sources],
                                              options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: feedsPath))
    }

    /// `ingest sync --force` on the world (every source polled, whatever its schedule), or
    /// as cron runs it (`force: false`).
    func sync(_ extra: [String] = [], force: Bool = true, clockOffset: String? = nil) throws -> IngestBinary.Result {
        try IngestBinary.run(["sync", "--feeds", feedsPath, "--store", storePath, "--quiet"] + (force ? ["--force"] : []) + extra,
                             clockOffset: clockOffset)
    }

    /// Starts `ingest sync --force` on the world without waiting for it.
    func startSync() throws -> Process {
        let process = Process()
        process.executableURL = IngestBinary.url
        process.arguments = ["sync", "--feeds", feedsPath, "--store", storePath, "--force", "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// `ingest export` as JSON objects.
    func export(_ extra: [String] = []) throws -> [[String: Any]] {
        try exportText(extra).split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    func exportText(_ extra: [String] = []) throws -> String {
        try IngestBinary.run(["export", "--store", storePath] + extra).stdout
    }

    /// `ingest status --json`.
    func status() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(IngestBinary.run(["status", "--store", storePath, "--json"]).stdout.utf8)) as! [String: Any]
    }
}
